/// Long lines of code, wrapped so that what a learner copies still works: never inside a word. A command is
/// broken at spaces with a shell line continuation (` \`), which a shell (and RoleCall's own) joins back into
/// one command; a line that is not a command, or a word longer than the width, runs past the edge instead of
/// being cut ("ScoresRead/er" once broke a role name in a command learners copy).
enum CodeWrapper {
    /// The words that start a command in the course's code blocks.
    static let commandWords: Set<String> = ["aws", "$", "export", "unset", "instance", "curl", "cat", "echo", "ls", "env", "clock", "TOKEN"]

    static func wrap(_ line: String, width: Int) -> [[StyledSpan]] {
        let firstWord = String(line.drop { $0 == " " }.prefix { $0 != " " && $0 != "=" })
        guard commandWords.contains(firstWord) else { return [[StyledSpan(line, .code)]] }
        var lines: [[StyledSpan]] = []
        var current = ""
        let continuation = " \\"
        let indent = "  "
        var quote: Character?
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            let limit = width - TextWidth.of(continuation) - (lines.isEmpty ? 0 : TextWidth.of(indent))
            // Inside quotes a backslash and a line break are kept literally: never break there.
            let canBreak = quote == nil
            for character in word where character == "'" || character == "\"" {
                if quote == nil { quote = character } else if quote == character { quote = nil }
            }
            if TextWidth.of(candidate) <= limit || current.isEmpty || !canBreak {
                current = candidate
            } else {
                lines.append(lines.isEmpty ? [StyledSpan(current, .code), StyledSpan(continuation, .dim)]
                                           : [StyledSpan(indent + current, .code), StyledSpan(continuation, .dim)])
                current = String(word)
            }
        }
        lines.append([StyledSpan(lines.isEmpty ? current : indent + current, .code)])
        return lines
    }
}
