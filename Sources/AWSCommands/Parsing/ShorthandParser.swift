import AWSModel
/// The CLI's shorthand syntax (`Key=Name,Value=x`, `Values=a,b`, `[...]`, `{...}`, quoted values),
/// ported from awscli/shorthand.py including its error texts. The result is not typed yet:
/// `ShorthandCoercion` applies the model afterwards.
struct ShorthandParser {
    struct Failure: Error, Equatable {
        let message: String
        /// Python's RecursionError rather than a parse error: awscli does not present it as a parameter's.
        var isRecursionLimit = false
    }

    private let characters: [Character]
    private var index = 0
    /// `[` and `{` nested so far: shorthand.py recurses for each, and Python stops near 1,000 frames (two per
    /// level). Nesting deeper than `maximumDepth` fails as it does there, instead of overflowing the stack.
    private var depth = 0
    static let maximumDepth = 400

    private mutating func enterNesting() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw Failure(message: "maximum recursion depth exceeded while calling a Python object", isRecursionLimit: true)
        }
    }

    static func parse(_ text: String) throws(Failure) -> AWSValue {
        var parser = ShorthandParser(characters: Array(text))
        return try parser.parameter()
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var atEnd: Bool { index >= characters.count }
    private var current: Character? { atEnd ? nil : characters[index] }

    private func errorLocation(_ position: Int) -> String {
        let value = String(characters)
        let before = characters[..<min(position, characters.count)]
        var spaces = position
        var consumed = value
        var remaining = ""
        if let lastNewline = before.lastIndex(of: "\n") { spaces = position - lastNewline - 1 }
        if position <= characters.count, let next = characters[position...].firstIndex(of: "\n") {
            consumed = String(characters[..<next])
            remaining = String(characters[next...])
        }
        return consumed + "\n" + String(repeating: " ", count: spaces) + "^" + remaining
    }

    private func syntaxError(expected: String, actual: String) -> Failure {
        Failure(message: "Expected: '\(expected)', received: '\(actual)' for input:\n\(errorLocation(index))")
    }

    private mutating func parameter() throws(Failure) -> AWSValue {
        var members: [(String, AWSValue)] = []
        let (firstKey, firstValue) = try keyValue()
        members.append((firstKey, firstValue))
        var lastIndex = index
        while !atEnd {
            try expect(",", consumeWhitespace: true)
            let (key, value) = try keyValue()
            if members.contains(where: { $0.0 == key }) {
                let location = errorLocation(lastIndex + 1)
                throw Failure(message: "Second instance of key \"\(key)\" encountered for input:\n\(location)\n"
                    + "This is often because there is a preceding \",\" instead of a space.")
            }
            members.append((key, value))
            lastIndex = index
        }
        return .object(pairs: members)
    }

    private mutating func keyValue() throws(Failure) -> (String, AWSValue) {
        let key = readKey()
        try expect("=", consumeWhitespace: true)
        return (key, try values())
    }

    private mutating func readKey() -> String {
        let start = index
        while let character = current, character.isASCII,
              character.isLetter || character.isNumber || "-_.#/:".contains(character) {
            index += 1
        }
        return String(characters[start..<index])
    }

    private mutating func values() throws(Failure) -> AWSValue {
        if atEnd { return .string("") }
        if current == "[" { return try explicitList() }
        if current == "{" { return try hashLiteral() }
        return try csvValue()
    }

    private mutating func csvValue() throws(Failure) -> AWSValue {
        let first = try firstValue()
        skipWhitespace()
        if atEnd || current != "," { return first }
        try expect(",", consumeWhitespace: true)
        var list = [first]
        while true {
            do {
                let value = try secondValue()
                skipWhitespace()
                if atEnd {
                    list.append(value)
                    break
                }
                try expect(",", consumeWhitespace: true)
                list.append(value)
            } catch {
                if atEnd { throw error }
                while index >= 0, index < characters.count, characters[index] != "," { index -= 1 }
                break
            }
        }
        return list.count == 1 ? first : .list(list)
    }

    private mutating func explicitList() throws(Failure) -> AWSValue {
        try enterNesting()
        defer { depth -= 1 }
        try expect("[", consumeWhitespace: true)
        var elements: [AWSValue] = []
        while current != "]" {
            elements.append(try explicitValue())
            skipWhitespace()
            if current != "]" {
                try expect(",")
                skipWhitespace()
            }
        }
        try expect("]")
        return .list(elements)
    }

    private mutating func explicitValue() throws(Failure) -> AWSValue {
        if current == "[" { return try explicitList() }
        if current == "{" { return try hashLiteral() }
        return try firstValue()
    }

    private mutating func hashLiteral() throws(Failure) -> AWSValue {
        try enterNesting()
        defer { depth -= 1 }
        try expect("{", consumeWhitespace: true)
        var members: [(String, AWSValue)] = []
        while current != "}" {
            let key = readKey()
            try expect("=", consumeWhitespace: true)
            let value = try explicitValue()
            skipWhitespace()
            if current != "}" {
                try expect(",")
                skipWhitespace()
            }
            if let existing = members.firstIndex(where: { $0.0 == key }) {
                members[existing].1 = value
            } else {
                members.append((key, value))
            }
        }
        try expect("}")
        return .object(pairs: members)
    }

    private mutating func firstValue() throws(Failure) -> AWSValue {
        if current == "'" || current == "\"" { return .string(try quotedValue()) }
        return .string(consumeWord(follow: Self.isFirstFollow) ?? "")
    }

    private mutating func secondValue() throws(Failure) -> AWSValue {
        if current == "'" || current == "\"" { return .string(try quotedValue()) }
        guard let word = consumeWord(follow: Self.isSecondFollow) else {
            throw syntaxError(expected: "<second>", actual: "<none>")
        }
        return .string(word)
    }

    /// A value starting with a start-word character; escaped commas are kept as commas and trailing
    /// whitespace dropped. Nil when nothing matches.
    private mutating func consumeWord(follow: (Character) -> Bool) -> String? {
        var end = index
        var first = true
        while end < characters.count {
            if characters[end] == "\\", end + 1 < characters.count, characters[end + 1] == "," {
                end += 2
            } else if first ? Self.isStartWord(characters[end]) : follow(characters[end]) {
                end += 1
            } else {
                break
            }
            first = false
        }
        guard end > index else { return nil }
        let text = String(characters[index..<end])
        index = end
        var processed = text.replacingOccurrences(of: "\\,", with: ",")
        while let last = processed.last, last.isWhitespace { processed.removeLast() }
        return processed
    }

    private mutating func quotedValue() throws(Failure) -> String {
        let quote = current!
        var end = index + 1
        while end < characters.count, characters[end] != quote {
            if characters[end] == "\\", end + 1 < characters.count, characters[end + 1] == quote { end += 1 }
            end += 1
        }
        guard end < characters.count else {
            throw syntaxError(expected: quote == "'" ? "<singled quoted>" : "<double quoted>", actual: "<none>")
        }
        let body = String(characters[(index + 1)..<end])
        index = end + 1
        return body.replacingOccurrences(of: "\\" + String(quote), with: String(quote))
            .replacingOccurrences(of: "\\\\", with: "\\")
    }

    private mutating func expect(_ character: Character, consumeWhitespace: Bool = false) throws(Failure) {
        if consumeWhitespace { skipWhitespace() }
        guard let actual = current else { throw syntaxError(expected: String(character), actual: "EOF") }
        guard actual == character else { throw syntaxError(expected: String(character), actual: String(actual)) }
        index += 1
        if consumeWhitespace { skipWhitespace() }
    }

    private mutating func skipWhitespace() {
        while let character = current, character.isWhitespace { index += 1 }
    }

    // Character classes of shorthand.py's regular expressions.

    private static func isStartWord(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, !character.isWhitespace, scalar.value >= 0x21 else { return false }
        return !"\"',=[{".contains(character)
    }

    private static func isFirstFollow(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x21 else { return false }
        return !"\"',]}".contains(character)
    }

    private static func isSecondFollow(_ character: Character) -> Bool {
        if character.isWhitespace { return true }
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x21 else { return false }
        return !"\"',=".contains(character)
    }
}
