import Foundation
@testable import PositionedJSON
import Testing

@Suite struct JSONScannerTests {
    @Test func recordsLineAndColumnOfValuesAndKeys() throws {
        let text = "{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": true}\n}"
        let root = try JSONScanner.parse(text).get().root
        let a = try #require(root.member("a"))
        #expect(a.keyPosition == SourcePosition(line: 2, column: 3))
        #expect(a.value.elements?[1].position == SourcePosition(line: 2, column: 12))
        let c = try #require(root.member("b")?.value.member("c"))
        #expect(c.keyPosition == SourcePosition(line: 3, column: 9))
        #expect(c.value.value == .bool(true))
    }

    /// Columns are counted on from one value to the next along a line; every position must still equal a count of
    /// characters from the line's start, across non-ASCII text, nesting and new lines.
    @Test func columnsCountedAlongALineMatchACountFromItsStart() throws {
        let lines = ["{\"sïd\": \"é😀\", \"list\": [1, {\"deep\": [true, null, \"ü\"]}, -2.5e3], \"n\": {}, ",
                     "  \"next\": [\"line\", 7], \"ñ\": \"x\"}"]
        let root = try JSONScanner.parse(lines.joined(separator: "\n")).get().root
        var checked = 0
        func expectCounted(_ position: SourcePosition, at needle: String, occurrence: Int = 0) {
            let line = lines[position.line - 1]
            var ranges: [Range<String.Index>] = []
            var from = line.startIndex
            while let range = line.range(of: needle, range: from..<line.endIndex) { ranges.append(range); from = range.upperBound }
            guard ranges.indices.contains(occurrence) else { Issue.record("\(needle) not on line \(position.line)"); return }
            #expect(position.column == line.distance(from: line.startIndex, to: ranges[occurrence].lowerBound) + 1, "\(needle)")
            checked += 1
        }
        let list = try #require(root.member("list"))
        expectCounted(try #require(root.member("sïd")).keyPosition, at: "\"sïd\"")
        expectCounted(try #require(root.member("sïd")).value.position, at: "\"é😀\"")
        expectCounted(list.keyPosition, at: "\"list\"")
        expectCounted(try #require(list.value.elements?[1].member("deep")?.value.elements?[2]).position, at: "\"ü\"")
        expectCounted(try #require(list.value.elements?[2]).position, at: "-2.5e3")
        expectCounted(try #require(root.member("n")).value.position, at: "{}")
        expectCounted(try #require(root.member("next")).keyPosition, at: "\"next\"")
        expectCounted(try #require(root.member("next")?.value.elements?[1]).position, at: "7")
        expectCounted(try #require(root.member("ñ")).value.position, at: "\"x\"")
        #expect(checked == 9)
    }

    @Test(arguments: [
        ("{\"a\": }", 1, 7),
        ("{\"a\": 1,}", 1, 9),
        ("[1 2]", 1, 4),
        ("{\n\"a\": tru}", 2, 6),
        ("{\"a\": \"x\"} extra", 1, 12),
        ("\"unterminated", 1, 14),
    ])
    func reportsWhereInvalidJSONStops(text: String, line: Int, column: Int) {
        guard case .failure(let error) = JSONScanner.parse(text) else {
            Issue.record("\(text) parsed although it is not JSON")
            return
        }
        #expect(error.position == SourcePosition(line: line, column: column))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let root = try JSONScanner.parse(#"["a\"b\\c\nd", "\u00e9\ud83d\ude00"]"#).get().root
        #expect(root.elements?[0].stringValue == "a\"b\\c\nd")
        #expect(root.elements?[1].stringValue == "é😀")
    }

    @Test func countsCharactersWithoutWhitespaceOutsideStrings() throws {
        let parsed = try JSONScanner.parse("{ \"a b\" :  [ 1 , true ] }").get()
        // {"a b":[1,true]} is 16 characters; the space inside the string counts.
        #expect(parsed.nonWhitespaceCharacters == 16)
    }
}
