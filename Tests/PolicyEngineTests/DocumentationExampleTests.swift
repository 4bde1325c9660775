import Foundation
@testable import PolicyEngine
import Testing

/// Keeps docs/policy-simulate.md true: its example must evaluate as the page says.
@Suite struct DocumentationExampleTests {
    static func documentedExample() throws -> (json: String, page: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/policy-simulate.md"), encoding: .utf8)
        let start = try #require(page.range(of: "```json\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        return (String(page[start.upperBound..<end.lowerBound]), page)
    }

    @Test func simulateExampleMatchesThePage() throws {
        let (json, page) = try Self.documentedExample()
        let output = try Simulator.run(json).get()
        #expect(output.evaluations.map(\.decision.outcome) == [.allowed, .implicitDeny])
        for line in output.text.split(separator: "\n").prefix(7) {
            #expect(page.contains(String(line)), "the page does not show: \(line)")
        }
        let denied = try #require(output.evaluations.last?.accessDeniedMessage)
        #expect(page.contains(denied))
    }
}
