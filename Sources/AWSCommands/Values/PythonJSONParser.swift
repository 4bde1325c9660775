import AWSModel
/// Parses JSON the way Python's `json.loads` does (the CLI's parser), so bad input gets the same message,
/// e.g. `Expecting property name enclosed in double quotes: line 1 column 2 (char 1)`. Key order is kept.
struct PythonJSONParser {
    struct Failure: Error, Equatable {
        /// The full Python message, position included.
        let message: String
    }

    /// Python's json module gives up with a RecursionError near its recursion limit (1,000 frames); the same
    /// bound here keeps a hostile `--item` or `--query` literal from overflowing the stack.
    static let maximumNesting = 500

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var nesting = 0

    static func parse(_ text: String) throws(Failure) -> AWSValue {
        var parser = PythonJSONParser(scalars: Array(text.unicodeScalars))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != parser.scalars.count {
            throw parser.failure("Extra data", at: parser.index)
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func failure(_ message: String, at position: Int) -> Failure {
        let before = scalars[..<min(position, scalars.count)]
        let line = before.filter { $0 == "\n" }.count + 1
        let column: Int
        if let lastNewline = before.lastIndex(of: "\n") {
            column = position - lastNewline
        } else {
            column = position + 1
        }
        return Failure(message: "\(message): line \(line) column \(column) (char \(position))")
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }

    private func matches(_ word: String, at position: Int) -> Bool {
        let wordScalars = Array(word.unicodeScalars)
        guard position + wordScalars.count <= scalars.count else { return false }
        return Array(scalars[position..<position + wordScalars.count]) == wordScalars
    }

    private mutating func parseValue() throws(Failure) -> AWSValue {
        guard let scalar = current else { throw failure("Expecting value", at: index) }
        switch scalar {
        case "{", "[":
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maximumNesting else {
                let kind = scalar == "{" ? "object" : "array"
                throw Failure(message: "maximum recursion depth exceeded while decoding a JSON \(kind) from a unicode string")
            }
            return scalar == "{" ? try parseObject() : try parseArray()
        case "\"": return .string(try parseString())
        default: break
        }
        for (word, value) in [("null", AWSValue.null), ("true", .bool(true)), ("false", .bool(false)),
                              ("NaN", .double(.nan)), ("Infinity", .double(.infinity)),
                              ("-Infinity", .double(-.infinity))] where matches(word, at: index) {
            index += word.unicodeScalars.count
            return value
        }
        if let number = parseNumber() { return number }
        throw failure("Expecting value", at: index)
    }

    private mutating func parseNumber() -> AWSValue? {
        let start = index
        var position = index
        func digits(from start: Int) -> Int {
            var end = start
            while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            return end
        }
        if position < scalars.count, scalars[position] == "-" { position += 1 }
        guard position < scalars.count, ("0"..."9").contains(scalars[position]) else { return nil }
        // Python accepts one leading zero only: "01" parses as 0 followed by extra data.
        position = scalars[position] == "0" ? position + 1 : digits(from: position)
        var isInteger = true
        if position + 1 < scalars.count, scalars[position] == ".", ("0"..."9").contains(scalars[position + 1]) {
            position = digits(from: position + 1)
            isInteger = false
        }
        if position < scalars.count, scalars[position] == "e" || scalars[position] == "E" {
            var exponent = position + 1
            if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
            if exponent < scalars.count, ("0"..."9").contains(scalars[exponent]) {
                position = digits(from: exponent)
                isInteger = false
            }
        }
        index = position
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        if isInteger, let integer = Int(text) { return .integer(integer) }
        return .double(Double(text) ?? 0)
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = index
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw failure("Unterminated string starting at", at: start) }
            if scalar == "\"" {
                index += 1
                return String(result)
            }
            if scalar == "\\" {
                guard index + 1 < scalars.count else { throw failure("Unterminated string starting at", at: start) }
                let escaped = scalars[index + 1]
                switch escaped {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    var code = try hexQuad(at: index + 2, escapeStart: index)
                    index += 6
                    if (0xD800...0xDBFF).contains(code), matches("\\u", at: index),
                       let low = try? hexQuad(at: index + 2, escapeStart: index), (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    continue
                default:
                    throw failure("Invalid \\escape", at: index)
                }
                index += 2
                continue
            }
            if scalar.value < 0x20 { throw failure("Invalid control character at", at: index) }
            result.append(scalar)
            index += 1
        }
    }

    private func hexQuad(at position: Int, escapeStart: Int) throws(Failure) -> UInt32 {
        guard position + 4 <= scalars.count,
              let code = UInt32(String(String.UnicodeScalarView(scalars[position..<position + 4])), radix: 16)
        else { throw failure("Invalid \\uXXXX escape", at: escapeStart) }
        return code
    }

    private mutating func parseArray() throws(Failure) -> AWSValue {
        index += 1
        var elements: [AWSValue] = []
        skipWhitespace()
        if current == "]" {
            index += 1
            return .list(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if current == "]" {
                index += 1
                return .list(elements)
            }
            guard current == "," else { throw failure("Expecting ',' delimiter", at: index) }
            index += 1
        }
    }

    private mutating func parseObject() throws(Failure) -> AWSValue {
        index += 1
        var members: [(String, AWSValue)] = []
        skipWhitespace()
        if current == "}" {
            index += 1
            return .object(pairs: members)
        }
        while true {
            skipWhitespace()
            guard current == "\"" else {
                throw failure("Expecting property name enclosed in double quotes", at: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard current == ":" else { throw failure("Expecting ':' delimiter", at: index) }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            // Python keeps the last of duplicate keys, at the first one's position.
            if let existing = members.firstIndex(where: { $0.0 == key }) {
                members[existing].1 = value
            } else {
                members.append((key, value))
            }
            skipWhitespace()
            if current == "}" {
                index += 1
                return .object(pairs: members)
            }
            guard current == "," else { throw failure("Expecting ',' delimiter", at: index) }
            index += 1
            skipWhitespace()
            if current != "\"" {
                throw failure("Expecting property name enclosed in double quotes", at: index)
            }
        }
    }
}
