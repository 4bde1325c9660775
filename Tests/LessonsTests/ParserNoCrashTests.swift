import Foundation
import Testing
@testable import Lessons

/// A malformed lesson gets diagnostics, never a crash: real lessons mutated at random, parsed again and again.
@Suite struct ParserNoCrashTests {
    @Test func mutatedLessonsParseWithoutTrapping() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }.sorted()
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let fragments = ["```", "```task\n", "```single-choice\n", "---\n", "## ", "\n", ":", "- ", "[", "{", "\"", "'", "|", "answer: ",
                         "check:\n  - ", "â€™", "\u{0}", "😀", "  ", "\t", "id: ", "choices:\n  a: x\n"]
        var parsed = 0
        for round in 0..<400 {
            var text = Array(try String(contentsOf: directory.appendingPathComponent(files[round % files.count]), encoding: .utf8))
            for _ in 0..<(1 + next() % 6) {
                guard !text.isEmpty else { break }
                let position = next() % text.count
                switch next() % 3 {
                case 0: text.remove(at: position)
                case 1: text.insert(contentsOf: Array(fragments[next() % fragments.count]), at: position)
                default: text.removeSubrange(position..<min(text.count, position + next() % 40))
                }
            }
            let result = LessonParser.parse(String(text), file: "mutated.md")
            parsed += 1
            // What must hold for any input: a lesson or a diagnostic saying why not, every diagnostic placed in the
            // file and worded for a person.
            #expect(result.lesson != nil || !result.diagnostics.isEmpty, "round \(round): no lesson and no reason")
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "round \(round): \(diagnostic)")
                #expect(!diagnostic.message.isEmpty && !diagnostic.message.contains("Swift."), "round \(round): \(diagnostic)")
            }
        }
        #expect(parsed == 400)
    }
}
