import Foundation
import ShellWords

/// The learner's input as a POSIX shell reads it, before it is split into words: lines that continue (an open
/// quote, a trailing backslash, a here-document not yet ended), a here-document's text, and output redirection.
public enum ShellInput {
    /// The prompt a shell shows for the next line of an unfinished command.
    public static let continuationPrompt = "> "

    /// True while `text` (the lines typed so far, joined by newlines) is not yet a whole command.
    public static func needsMore(_ text: String) -> Bool {
        if let document = HereDocument(text) { return !document.isClosed }
        return ShellWords.isIncomplete(text) || ShellWords.hasOpenSubstitution(text)
    }

    /// Joins the next line to what was typed: a trailing backslash joins without a line break, as in a shell.
    public static func join(_ text: String, _ next: String) -> String {
        if HereDocument(text) == nil, text.hasSuffix("\\"), !text.hasSuffix("\\\\") { return String(text.dropLast()) + next }
        return text + "\n" + next
    }

    /// `cat > trust.json <<'EOF'` … `EOF`: the command line, and the text it reads.
    struct HereDocument {
        let command: String
        let delimiter: String
        let stripsTabs: Bool
        var body: String = ""
        var isClosed = false

        init?(_ text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // `<<` in quotes is text (a description, a JSON value), not a here-document.
            guard let first = lines.first, let offset = ShellWords.firstBare("<<", in: first) else { return nil }
            let start = first.index(first.startIndex, offsetBy: offset)
            let marker = start..<first.index(start, offsetBy: 2)
            var rest = first[marker.upperBound...]
            stripsTabs = rest.hasPrefix("-")
            if stripsTabs { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " }
            var token = String(rest.prefix { $0 != " " })
            let after = rest.dropFirst(token.count)
            token = token.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            guard !token.isEmpty else { return nil }
            delimiter = token
            command = (String(first[..<marker.lowerBound]) + after).trimmingCharacters(in: .whitespaces)
            var collected: [String] = []
            for line in lines.dropFirst() {
                let candidate = stripsTabs ? String(line.drop { $0 == "\t" }) : line
                if candidate == delimiter {
                    isClosed = true
                    break
                }
                collected.append(candidate)
            }
            body = collected.isEmpty ? "" : collected.joined(separator: "\n") + "\n"
        }
    }

    /// Where a command's output goes, read off its words: `> FILE` or `>> FILE`.
    struct Redirection {
        let path: String
        let appends: Bool
    }

    /// Shell syntax this shell does not run, with what to do instead.
    static func unsupported(_ words: [ShellWords.Word]) -> String? {
        for word in words where word.isBare {
            switch word.text {
            case "|": return "this shell runs one command at a time: pipes (|) are not supported. Use --query to pick parts of aws output."
            case "&&", "||", ";": return "this shell runs one command at a time: '\(word.text)' is not supported; type each command on its own line."
            case "2>&1", "2>", "&>", "<": return "this shell does not support '\(word.text)': aws errors are shown as they are, and file:// reads files."
            // A bash would run the command in the background; passed on, `&` reached aws as an unknown option.
            case "&": return "this shell runs one command at a time, in the foreground: '&' is not supported; leave it out."
            default:
                if word.text.utf8.count > 1, word.text.utf8.last == UInt8(ascii: "&"), word.text.utf8.dropLast().last != UInt8(ascii: "&") {
                    return "this shell runs one command at a time, in the foreground: '&' is not supported; leave it out."
                }
                // `aws sts get-caller-identity; echo ok`: the `;` ends the word, as a shell reads it.
                if word.text.utf8.count > 1, word.text.utf8.last == UInt8(ascii: ";") {
                    return "this shell runs one command at a time: ';' is not supported; type each command on its own line."
                }
                continue
            }
        }
        return nil
    }

    /// The words without their redirection, and the redirection, or a message for one that cannot be done.
    static func redirection(in split: [ShellWords.Word]) -> (words: [String], redirection: Redirection?, problem: String?) {
        let words = split.map(\.text)
        // Only a bare `>` redirects; a quoted one is a word like any other.
        guard let index = split.firstIndex(where: { $0.isBare && ($0.text == ">" || $0.text == ">>") }) else { return (words, nil, nil) }
        guard index + 1 < words.count else { return (words, nil, "syntax error near unexpected token `newline': name a file after \(words[index])") }
        guard index + 2 == words.count else { return (words, nil, "only one redirection, at the end of the command, is supported") }
        return (Array(words[..<index]), Redirection(path: words[index + 1], appends: words[index] == ">>"), nil)
    }
}
