/// A strict RFC 8259 reader that records the line and column of every value and key.
///
/// Foundation's JSONSerialization reports no positions, and policy validation must say FILE:line:column.
public struct JSONScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// How far along the current line columns have been counted, so that recording the position of each of a
    /// line's values costs the bytes since the previous one, not the whole line again. (A transcript record is
    /// one long line: counting from its start for every value made reading them quadratic.)
    private var countedUpTo = 0
    private var countedColumn = 1
    /// Characters outside string literals that are not whitespace, plus every character inside them:
    /// IAM's size quotas ignore whitespace between tokens.
    public private(set) var nonWhitespaceCount = 0
    /// How deep the value a piece-by-piece reader reads next is (see `pull`).
    private var pullDepth = 0

    public init(text: String) {
        bytes = Array(text.utf8)
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one complete JSON document; trailing content other than whitespace is an error.
    public static func parse(_ text: String) -> Result<(root: JSONNode, nonWhitespaceCharacters: Int), JSONSyntaxError> {
        parse(scanner: JSONScanner(text: text))
    }

    /// Parses UTF-8 bytes, for callers that already hold them (a transcript line), sparing a copy into a String.
    public static func parse(bytes: [UInt8]) -> Result<(root: JSONNode, nonWhitespaceCharacters: Int), JSONSyntaxError> {
        parse(scanner: JSONScanner(bytes: bytes))
    }

    private static func parse(scanner: JSONScanner) -> Result<(root: JSONNode, nonWhitespaceCharacters: Int), JSONSyntaxError> {
        var scanner = scanner
        do {
            scanner.skipWhitespace()
            let root = try scanner.readValue(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < scanner.bytes.count {
                throw scanner.error("unexpected content after the end of the document")
            }
            return .success((root, scanner.nonWhitespaceCount))
        } catch let error as JSONSyntaxError {
            return .failure(error)
        } catch {
            return .failure(JSONSyntaxError(reason: "\(error)", position: .start))
        }
    }

    private var position: SourcePosition {
        SourcePosition(line: line, column: columnOf(index))
    }

    /// The position of the current index, counted on from the previous mark on the same line.
    private mutating func mark() -> SourcePosition {
        if countedUpTo < lineStart || countedUpTo > index {
            countedUpTo = lineStart
            countedColumn = 1
        }
        // Counted in locals over the buffer: stepping the stored properties byte by byte was a fifth of the cost
        // of reading a transcript record.
        var upTo = countedUpTo, column = countedColumn
        let end = min(index, bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            while upTo < end {
                if buffer[upTo] & 0xC0 != 0x80 { column += 1 }
                upTo += 1
            }
        }
        countedUpTo = upTo
        countedColumn = column
        return SourcePosition(line: line, column: column)
    }

    /// Columns count characters, not bytes, so a non-ASCII Sid does not shift the caret.
    private func columnOf(_ offset: Int) -> Int {
        var column = 1
        var cursor = lineStart
        while cursor < offset && cursor < bytes.count {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        return column
    }

    private func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, position: position)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private static let maximumDepth = 256

    private mutating func readValue(depth: Int) throws -> JSONNode {
        guard depth < Self.maximumDepth else { throw error("nesting is too deep") }
        guard index < bytes.count else { throw error("unexpected end of document") }
        let start = mark()
        switch bytes[index] {
        case UInt8(ascii: "{"):
            let object = try readObject(depth: depth)
            return JSONNode(object, at: start, end: mark())
        case UInt8(ascii: "["): return JSONNode(try readArray(depth: depth), at: start)
        case UInt8(ascii: "\""): return JSONNode(.string(try readString()), at: start)
        case UInt8(ascii: "t"): try expectWord("true"); return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try expectWord("false"); return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try expectWord("null"); return JSONNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try readNumber()), at: start)
        default:
            throw error("unexpected character '\(String(decoding: [bytes[index]], as: UTF8.self))'")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let start = mark()
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw JSONSyntaxError(reason: "invalid literal, expected '\(word)'", position: start)
            }
            index += 1
        }
        nonWhitespaceCount += word.utf8.count
    }

    private mutating func readObject(depth: Int) throws -> JSONNode.Value {
        index += 1
        nonWhitespaceCount += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            nonWhitespaceCount += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyPosition = mark()
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            index += 1
            nonWhitespaceCount += 1
            skipWhitespace()
            let value = try readValue(depth: depth + 1)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of document inside an object") }
            nonWhitespaceCount += 1
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            nonWhitespaceCount -= 1
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func readArray(depth: Int) throws -> JSONNode.Value {
        index += 1
        nonWhitespaceCount += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            nonWhitespaceCount += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of document inside an array") }
            nonWhitespaceCount += 1
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            nonWhitespaceCount -= 1
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func readNumber() throws -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        nonWhitespaceCount += index - start
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func readString() throws -> String {
        index += 1
        // Most strings have no escapes: made straight from the document's bytes, without a copy to build.
        let start = index
        var characters = 2
        let plain: String? = bytes.withUnsafeBufferPointer { buffer in
            var cursor = start
            while true {
                // Eight bytes at a time while none needs a look of its own: most of a transcript's bytes are plain
                // ASCII inside strings (hashes, commands), and reading them one by one was most of reading a line.
                if let base = buffer.baseAddress {
                    while cursor + 8 <= buffer.count, Self.isPlainASCII(UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)) {
                        cursor += 8
                        characters += 8
                    }
                }
                guard cursor < buffer.count else { break }
                let byte = buffer[cursor]
                if byte == UInt8(ascii: "\"") {
                    index = cursor + 1
                    return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<cursor]), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                if byte & 0xC0 != 0x80 { characters += 1 }
                cursor += 1
            }
            index = cursor
            return nil
        }
        if let plain {
            nonWhitespaceCount += characters
            return plain
        }
        var output = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                nonWhitespaceCount += characters
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unterminated string") }
                characters += 1
                try readEscape(into: &output)
            case 0x00..<0x20:
                throw error("control character in a string")
            default:
                if byte & 0xC0 != 0x80 { characters += 1 }
                output.append(byte)
                index += 1
            }
        }
    }

    /// Whether none of a word's eight bytes ends a plain string: no quote, backslash or control character, and
    /// nothing beyond ASCII (whose continuation bytes are not characters). Each test asks whether any byte is
    /// below a bound ("Bit Twiddling Hacks": `(x - n·ones) & ~x & highs`, exact for bytes below 0x80).
    static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ bound: UInt64, _ x: UInt64) -> Bool { (x &- ones &* bound) & ~x & highs != 0 }
        return word & highs == 0
            && !hasByteBelow(0x20, word)
            && !hasByteBelow(1, word ^ (ones &* 0x22))
            && !hasByteBelow(1, word ^ (ones &* 0x5C))
    }

    private mutating func readEscape(into output: inout [UInt8]) throws {
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate in a \\u escape")
                }
                index += 2
                let low = try readHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate in a \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            output.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("invalid escape sequence")
        }
    }

    private mutating func readHexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexDigit(bytes[index]) else { throw error("invalid \\u escape") }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

/// Reading a document piece by piece, for a caller that knows the shape it expects and wants values, not a tree:
/// a class's grading reads hundreds of thousands of transcript records, and building a node (with its position)
/// for every value was half the cost of checking them. The grammar, limits and string decoding are the tree
/// reader's own, so a document reads the same either way.
extension JSONScanner {
    /// Runs `body` on a whole document and returns what it made, or nil when the document is not well-formed JSON
    /// (including content after its end) or `body` returns nil.
    public static func pull<T>(bytes: [UInt8], _ body: (inout JSONScanner) throws -> T?) -> T? {
        var scanner = JSONScanner(bytes: bytes)
        do {
            scanner.skipWhitespace()
            guard let result = try body(&scanner) else { return nil }
            scanner.skipWhitespace()
            return scanner.index < scanner.bytes.count ? nil : result
        } catch {
            return nil
        }
    }

    /// The members of the object that comes next, each handed to `body` with its key; `body` must read or skip the
    /// member's value. False (with the value skipped) when the next value is not an object.
    public mutating func forEachMember(_ body: (inout JSONScanner, String) throws -> Void) throws -> Bool {
        try forEachEntry(opening: UInt8(ascii: "{"), closing: UInt8(ascii: "}"), in: "an object") { scanner in
            guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: "\"") else { throw scanner.error("expected a string key") }
            let key = try scanner.readString()
            scanner.skipWhitespace()
            guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: ":") else {
                throw scanner.error("expected ':' after an object key")
            }
            scanner.index += 1
            scanner.skipWhitespace()
            guard scanner.index < scanner.bytes.count else { throw scanner.error("unexpected end of document") }
            try body(&scanner, key)
        }
    }

    /// The elements of the array that comes next, each handed to `body` to read or skip. False (with the value
    /// skipped) when the next value is not an array.
    public mutating func forEachElement(_ body: (inout JSONScanner) throws -> Void) throws -> Bool {
        try forEachEntry(opening: UInt8(ascii: "["), closing: UInt8(ascii: "]"), in: "an array") { scanner in
            guard scanner.index < scanner.bytes.count else { throw scanner.error("unexpected end of document") }
            try body(&scanner)
        }
    }

    /// An object's members or an array's elements, separated by commas, one level deeper.
    private mutating func forEachEntry(opening: UInt8, closing: UInt8, in container: String, _ entry: (inout JSONScanner) throws -> Void) throws -> Bool {
        guard index < bytes.count, bytes[index] == opening else {
            try skipValue()
            return false
        }
        guard pullDepth < Self.maximumDepth else { throw error("nesting is too deep") }
        pullDepth += 1
        defer { pullDepth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            try entry(&self)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of document inside \(container)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == closing { index += 1; return true }
            throw error("expected ',' or '\(String(UnicodeScalar(closing)))' in \(container)")
        }
    }

    /// The next value as a string, or nil (with the value skipped) when it is something else.
    public mutating func stringValue() throws -> String? {
        try checkPullDepth()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try readString()
    }

    /// The next value as an integer, or nil (with the value skipped) when it is not a number or not a whole one
    /// that fits, as `Int(text)` reads a number's text.
    public mutating func integerValue() throws -> Int? {
        try checkPullDepth()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) else {
            try skipValue()
            return nil
        }
        return Int(try readNumber())
    }

    /// The next value as a boolean, or nil (with the value skipped) when it is something else.
    public mutating func boolValue() throws -> Bool? {
        try checkPullDepth()
        guard index < bytes.count else { throw error("unexpected end of document") }
        switch bytes[index] {
        case UInt8(ascii: "t"): try expectWord("true"); return true
        case UInt8(ascii: "f"): try expectWord("false"); return false
        default: try skipValue(); return nil
        }
    }

    /// A value read here is as deep as the tree reader would count it, and as limited.
    private func checkPullDepth() throws {
        guard pullDepth < Self.maximumDepth else { throw error("nesting is too deep") }
    }

    /// Reads past the next value, whatever it is.
    public mutating func skipValue() throws {
        _ = try readValue(depth: pullDepth)
    }
}
