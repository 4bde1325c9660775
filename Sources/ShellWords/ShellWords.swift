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
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(line)[...]
        var offset = 0

        func next() -> Character? {
            guard let character = characters.popFirst() else { return nil }
            offset += 1
            return character
        }

        while let character = next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'":
                inWord = true
                let openedAt = offset - 1
                var closed = false
                while let quoted = next() {
                    if quoted == "'" { closed = true; break }
                    current.append(quoted)
                }
                if !closed { throw .unterminatedQuote("'", offset: openedAt) }
            case "\"":
                inWord = true
                let openedAt = offset - 1
                var closed = false
                while let quoted = next() {
                    if quoted == "\"" { closed = true; break }
                    if quoted == "\\", let escaped = characters.first, "\"\\$`".contains(escaped) {
                        _ = next()
                        current.append(escaped)
                    } else {
                        current.append(quoted)
                    }
                }
                if !closed { throw .unterminatedQuote("\"", offset: openedAt) }
            case "\\":
                guard let escaped = next() else { throw .trailingBackslash }
                inWord = true
                if escaped != "\n" { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
