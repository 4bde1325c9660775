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
