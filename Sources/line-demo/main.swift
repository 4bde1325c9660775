// A minimal REPL over LineEditing, run inside tmux by the end-to-end test.
// Usage: line-demo [HISTORY-FILE]
import LineEditing

/// Completes the word before the cursor from a fixed vocabulary, as the real REPL will from context.
final class FixedWords: CompletionProvider {
    let words = ["help", "hello", "hint", "history", "S3Reader", "S3Writer"]

    func completions(forLine line: String, cursor: Int) -> Completion {
        let beforeCursor = Array(line.prefix(cursor))
        let wordStart = (beforeCursor.lastIndex(of: " ").map { $0 + 1 }) ?? 0
        let typed = String(beforeCursor[wordStart...])
        return Completion(replacementStart: wordStart, candidates: words.filter { $0.hasPrefix(typed) })
    }
}

let historyFile = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : nil
let completion = FixedWords()
let reader = LineReaderFactory.make(historyFile: historyFile, completion: completion)

loop: while true {
    switch reader.readLine(prompt: "demo> ") {
    case .line(let line):
        reader.addToHistory(line)
        if line == "columns", let editor = reader as? EditLineReader {
            print("columns: \(editor.columns)")
        } else {
            print("got: \(line)")
        }
    case .interrupted:
        print("(line discarded)")
    case .endOfInput, .timedOut:
        print("bye")
        break loop
    }
}
