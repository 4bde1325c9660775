import AWSModel
@testable import AWSCommands
import Foundation
import Testing

/// Outputs compared with files produced by the real awscli formatters (scripts/make_golden.py).
struct GoldenOutputTests {
    static let cases = [
        "get-role", "list-roles", "caller-identity", "assume-role", "table-names", "scan", "instances",
        "query-names", "query-hash", "query-scalar", "query-list-of-lists", "query-first", "wide", "floats",
    ]

    @Test(arguments: cases, ["json", "text", "table"])
    func matchesTheCLI(_ name: String, _ format: String) throws {
        let input = try PythonJSONParser.parse(String(contentsOf: goldenURL(name + ".input.json"), encoding: .utf8))
        let expected = try String(contentsOf: goldenURL("\(name).\(format)"), encoding: .utf8)
        let query = input["query"]?.stringValue.map { ($0, try! JMESPathParser.parse($0)) }
        let rendered = try ResponseFormatter.format(
            input["response"]!, operation: input["operation"]!.stringValue!,
            format: GlobalOptions.OutputFormat(rawValue: format)!, query: query, terminalWidth: 80)
        #expect(rendered == expected)
    }

    @Test func emptyResponsePrintsNothingInJSON() throws {
        #expect(try ResponseFormatter.format(.object([]), operation: "DeleteRole", format: .json, query: nil, terminalWidth: 80) == "")
        #expect(try ResponseFormatter.format(.object(pairs: [("ResponseMetadata", ["RequestId": "x"])]), operation: "DeleteRole",
                                             format: .json, query: nil, terminalWidth: 80) == "")
    }
}
