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
        // An object also knows where it ends: just past its closing brace (the policy simulator's EndPosition).
        #expect(root.member("b")?.value.end == SourcePosition(line: 3, column: 19))
        #expect(root.end == SourcePosition(line: 4, column: 2))
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

    /// Strings are read eight bytes at a time while all eight are plain: the word test must pass exactly the words
    /// a byte-by-byte look would, whatever byte sits at whatever place.
    @Test func aWordIsPlainExactlyWhenEachOfItsBytesIs() {
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x80 && byte != 0x22 && byte != 0x5C }
        for byte in UInt8.min...UInt8.max {
            for place in 0..<8 {
                for filler in [UInt8(ascii: "a"), 0x20, 0x7F, 0x21, 0x5D, 0x23] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(JSONScanner.isPlainASCII(word) == bytes.allSatisfy(plain), "byte \(byte) at \(place) among \(filler)")
                }
            }
        }
    }

    /// A quote, an escape, a control character or a character beyond ASCII at any place of a string, near and
    /// across the eight-byte steps, reads as it does one byte at a time, characters counted alike.
    @Test func stringsReadAlikeWhereverTheirSpecialCharacterFalls() throws {
        for length in 0..<20 {
            for place in 0..<max(length, 1) {
                for (raw, decoded, counted) in [(#"\""#, "\"", 1), (#"\n"#, "\n", 1), ("é", "é", 1), ("😀", "😀", 1), ("x", "x", 1)] {
                    var text = String(repeating: "a", count: length)
                    if length > 0 { text.replaceSubrange(text.index(text.startIndex, offsetBy: place)...text.index(text.startIndex, offsetBy: place), with: raw) }
                    let expected = length > 0 ? String(repeating: "a", count: place) + decoded + String(repeating: "a", count: length - place - 1) : ""
                    let parsed = try JSONScanner.parse("\"" + text + "\"").get()
                    #expect(parsed.root.stringValue == expected, "\(text)")
                    #expect(parsed.nonWhitespaceCharacters == 2 + (length > 0 ? length - 1 + counted : 0), "\(text)")
                }
                var withControl = Array(String(repeating: "a", count: max(length, 1)).utf8)
                withControl[place] = 0x01
                #expect((try? JSONScanner.parse(bytes: [0x22] + withControl + [0x22]).get()) == nil)
            }
        }
        #expect((try? JSONScanner.parse("\"" + String(repeating: "a", count: 17)).get()) == nil, "unterminated")
    }
}

/// The piece-by-piece reader follows the tree reader's grammar and limits: a document one refuses, the other does.
@Suite struct JSONPullReaderTests {
    static let documents = [
        "{}", "[]", "{\"a\": [1, -2.5e3, true, false, null, {\"b\": \"\\u00e9\\ud83d\\ude00\"}]}", " \n{\"a\":1} \r\n",
        "{\"a\":1} x", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01}", "[1,]", "\"\\x\"", "\"\\ud800\"", "\"tab\there\"",
        "{\"a\":tru}", "{\"a\":", "", "   ", "[" + String(repeating: "[", count: 300) + String(repeating: "]", count: 301),
        String(repeating: "[", count: 255) + String(repeating: "]", count: 255),
        String(repeating: "{\"a\":", count: 256) + "1" + String(repeating: "}", count: 256),
    ]

    @Test func acceptsExactlyWhatTheTreeReaderAccepts() {
        for document in Self.documents {
            let tree = (try? JSONScanner.parse(document).get()) != nil
            let pulled = JSONScanner.pull(bytes: Array(document.utf8)) { scanner -> Bool? in
                try scanner.skipValue()
                return true
            } != nil
            #expect(tree == pulled, "\(document.prefix(40))")
        }
    }

    /// Reading members one by one counts depth as the tree reader does: 256 objects deep is one too many.
    @Test func membersCountDepthAsTheTreeDoes() {
        func nested(_ depth: Int) -> [UInt8] { Array((String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)).utf8) }
        func readAll(_ scanner: inout JSONScanner) throws -> Int? {
            var innermost: Int?
            func member(_ scanner: inout JSONScanner, _ key: String) throws {
                if try !scanner.forEachMember(member) { innermost = 1 }
            }
            _ = try scanner.forEachMember(member)
            return innermost
        }
        #expect(JSONScanner.pull(bytes: nested(255), readAll) == 1)
        #expect(JSONScanner.pull(bytes: nested(256), readAll) == nil)
        // A typed read of the innermost value counts its depth too (found by a review).
        func readInnermost(levels: Int) -> (inout JSONScanner) throws -> Int? {
            { scanner in
                var innermost: Int?, depth = 0
                func member(_ scanner: inout JSONScanner, _ key: String) throws {
                    depth += 1
                    defer { depth -= 1 }
                    if depth < levels { _ = try scanner.forEachMember(member) } else { innermost = try scanner.integerValue() }
                }
                _ = try scanner.forEachMember(member)
                return innermost
            }
        }
        #expect(JSONScanner.pull(bytes: nested(255), readInnermost(levels: 255)) == 1)
        #expect(JSONScanner.pull(bytes: nested(256), readInnermost(levels: 256)) == nil)
    }

    @Test func typedValuesAreNilAndSkippedWhenTheValueIsAnotherKind() {
        let document = Array("{\"s\": [1, {\"x\": \"y\"}], \"i\": \"7\", \"b\": 1, \"n\": 12345678901234567890, \"e\": \"a\\\"b\\n\\u0041\"}".utf8)
        let values = JSONScanner.pull(bytes: document) { scanner -> [String: String] in
            var values: [String: String] = [:]
            _ = try scanner.forEachMember { scanner, key in
                switch key {
                case "s", "e": values[key] = try scanner.stringValue() ?? "nil"
                case "i", "n": values[key] = try scanner.integerValue().map(String.init) ?? "nil"
                default: values[key] = try scanner.boolValue().map(String.init) ?? "nil"
                }
            }
            return values
        }
        #expect(values == ["s": "nil", "i": "nil", "b": "nil", "n": "nil", "e": "a\"b\nA"])
    }
}
