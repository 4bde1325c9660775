/// Splits a command line into words the way a POSIX shell does for the cases a learner types: blanks separate
/// words, single quotes keep everything literally, double quotes keep blanks and honour `\"`, `\\`, `\$` and
/// `` \` ``, and a backslash outside quotes escapes the next character. No expansion of `$VAR`, globs or `~`.
public enum ShellWords {
    public enum SplitError: Error, Equatable, CustomStringConvertible {
        /// The quote character and the 0-based character offset where it was opened.
        case unterminatedQuote(Character, offset: Int)
        case trailingBackslash

        public var description: String {
            switch self {
            case .unterminatedQuote(let quote, let offset):
                return "unterminated \(quote == "'" ? "single" : "double") quote (opened at column \(offset + 1))"
            case .trailingBackslash:
                return "the line ends with a lone backslash"
            }
        }
    }

    /// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes (a `'` inside as `'\''`).
    public static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:=@+,%".unicodeScalars.contains(scalar))
        }
        return plain ? word : "'" + word.map { $0 == "'" ? #"'\''"# : String($0) }.joined() + "'"
    }

    /// How a shell reads each character of a line: as syntax (bare), inside single or double quotes, or escaped by
    /// a backslash (the backslash too). Only bare characters are syntax: `$NAME` outside single quotes and escapes,
    /// `<<` and `>` only bare.
    public enum Context: Equatable, Sendable { case bare, singleQuoted, doubleQuoted, escaped }

    public static func contexts(_ line: String) -> [(Character, Context)] {
        var result: [(Character, Context)] = []
        var context = Context.bare
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            switch (context, character) {
            case (.bare, "\\"):
                result.append((character, .escaped))
                if let next = characters.popFirst() { result.append((next, .escaped)) }
            case (.doubleQuoted, "\\") where characters.first.map({ "$`\"\\\n".contains($0) }) == true:
                // In double quotes a backslash escapes only these; elsewhere it is itself.
                result.append((character, .escaped))
                result.append((characters.removeFirst(), .escaped))
            case (.bare, "'"):
                context = .singleQuoted
                result.append((character, .singleQuoted))
            case (.singleQuoted, "'"):
                result.append((character, .singleQuoted))
                context = .bare
            case (.bare, "\""):
                context = .doubleQuoted
                result.append((character, .doubleQuoted))
            case (.doubleQuoted, "\""):
                result.append((character, .doubleQuoted))
                context = .bare
            default:
                result.append((character, context))
            }
        }
        return result
    }

    /// Whether a `$(` outside single quotes (and not escaped) is still waiting for its `)`: a shell reads on, as it
    /// does for an open quote, and a line that ends so is incomplete.
    public static func hasOpenSubstitution(_ line: String) -> Bool {
        guard contains("$(", in: line) else { return false }
        var depth = 0
        var previous: (Character, Context)?
        for (character, context) in contexts(line) {
            defer { previous = (character, context) }
            guard context == .bare || context == .doubleQuoted else { continue }
            if character == "(", let previous, previous.0 == "$", previous.1 == context { depth += 1 }
            if character == ")", depth > 0 { depth -= 1 }
        }
        return depth > 0
    }

    /// Whether the line has a command substitution a shell would run, `$(…)` or a backtick, bare or in double
    /// quotes (in single quotes, as in a JMESPath literal `` `x` ``, they are text).
    public static func hasSubstitution(_ line: String) -> Bool {
        guard contains("$(", in: line) || contains("`", in: line) else { return false }
        var previous: (Character, Context)?
        for (character, context) in contexts(line) {
            defer { previous = (character, context) }
            guard context == .bare || context == .doubleQuoted else { continue }
            if character == "`" { return true }
            if character == "(", let previous, previous.0 == "$", previous.1 == context { return true }
        }
        return false
    }

    /// Where `marker` first appears outside quotes, as a character offset.
    public static func firstBare(_ marker: String, in line: String) -> Int? {
        let read = contexts(line)
        let pattern = Array(marker)
        guard !pattern.isEmpty, read.count >= pattern.count else { return nil }
        for start in 0...(read.count - pattern.count) where (0..<pattern.count).allSatisfy({ read[start + $0] == (pattern[$0], .bare) }) {
            return start
        }
        return nil
    }

    /// Whether a shell would wait for more: a quote still open, or a backslash at the very end (line continuation).
    public static func isIncomplete(_ text: String) -> Bool {
        do throws(SplitError) {
            _ = try split(text)
            return false
        } catch {
            return true
        }
    }

    public static func split(_ line: String) throws(SplitError) -> [String] {
        try words(line).map(\.text)
    }

    /// A word and whether it was written bare: only a bare `>`, `|` or `;` is shell syntax; `'>'` is text.
    public struct Word: Equatable, Sendable {
        public var text: String
        public var isBare: Bool
    }

    public static func words(_ line: String) throws(SplitError) -> [Word] {
        // Read as UTF-8 bytes, as a shell reads them: every syntax character is ASCII, and any other byte is part
        // of a word. (Reading Characters cost a tenth of a replayed command.) Offsets count scalars.
        var words: [Word] = []
        var current: [UInt8] = []
        var inWord = false
        var bare = true
        let bytes = Array(line.utf8)
        var index = 0
        var offset = 0

        func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if byte & 0xC0 != 0x80 { offset += 1 }
            return byte
        }
        /// A backslash's next character, whole: it may be several bytes.
        func appendEscaped(_ first: UInt8) {
            current.append(first)
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { current.append(bytes[index]); index += 1 }
        }
        func endWord() {
            words.append(Word(text: String(decoding: current, as: UTF8.self), isBare: bare))
            current.removeAll(keepingCapacity: true)
        }

        while let byte = next() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if inWord {
                    endWord()
                    inWord = false
                    bare = true
                }
            case UInt8(ascii: "'"):
                inWord = true
                bare = false
                let openedAt = offset - 1
                var closed = false
                while let quoted = next() {
                    if quoted == UInt8(ascii: "'") { closed = true; break }
                    current.append(quoted)
                }
                if !closed { throw .unterminatedQuote("'", offset: openedAt) }
            case UInt8(ascii: "\""):
                inWord = true
                bare = false
                let openedAt = offset - 1
                var closed = false
                while let quoted = next() {
                    if quoted == UInt8(ascii: "\"") { closed = true; break }
                    if quoted == UInt8(ascii: "\\"), index < bytes.count, "\"\\$`".utf8.contains(bytes[index]) {
                        current.append(next()!)
                    } else {
                        current.append(quoted)
                    }
                }
                if !closed { throw .unterminatedQuote("\"", offset: openedAt) }
            case UInt8(ascii: "#") where !inWord:
                // A word that begins with `#` begins a comment, to the end of the line, as in a POSIX shell: a
                // command pasted with its explanation (`aws s3 ls   # list the buckets`) runs without it.
                index = bytes.count
            case UInt8(ascii: "\\"):
                guard let escaped = next() else { throw .trailingBackslash }
                inWord = true
                bare = false
                if escaped != UInt8(ascii: "\n") { appendEscaped(escaped) }
            default:
                inWord = true
                current.append(byte)
            }
        }
        if inWord { endWord() }
        return words
    }
}

extension ShellWords {
    /// Whether `part` occurs in `text`, byte for byte in UTF-8. Every replayed command asks this of its line (is
    /// there a `$(`, an `eval`?) and of its output: Foundation's `contains` goes through NSString and the standard
    /// library's generic search builds a searcher each time, and either was a tenth of the cost of a replay.
    public static func contains(_ part: String, in text: String) -> Bool {
        // Scanned as contiguous bytes: every line the shell runs is looked at this way several times, and walking
        // the string's UTF-8 view index by index showed in grading's profile.
        var text = text, part = part
        return text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    if haystack[start] == first {
                        var matched = 1
                        while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                        if matched == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
