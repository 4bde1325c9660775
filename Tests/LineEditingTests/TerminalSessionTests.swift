import TerminalTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Drives `line-demo` in a real pseudo-terminal through tmux: libedit's key handling, redisplay
/// and tty modes cannot be exercised any other way.
@Suite(.serialized) struct TerminalSessionTests {
    @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed; the real-terminal test needs it"))
    func editingCompletionHistoryInterruptAndExit() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lineediting-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let historyFile = directory.appendingPathComponent("history").path
        let demo = try #require(Tmux.builtProduct("line-demo"), "line-demo was not built next to the tests")

        let tmux = try Tmux(command: "\(demo) \(historyFile)")
        try tmux.waitFor("the first prompt") { $0.lastLine == "demo>" }

        // Several candidates: the first Tab inserts their common prefix, the second lists them.
        try tmux.send("he", "Tab")
        try tmux.waitFor("'he' completed to the common prefix 'hel'") { $0.lastLine == "demo> hel" }
        try tmux.send("Tab")
        try tmux.waitFor("hello and help listed under the line, then the line redrawn") {
            $0.lines.suffix(2) == ["hello  help", "demo> hel"]
        }

        // One candidate is completed whole.
        try tmux.send("C-u", "S3R", "Tab")
        try tmux.waitFor("'S3R' completed to 'S3Reader '") { $0.lastLine == "demo> S3Reader" }
        try tmux.send("Enter")
        try tmux.waitFor("the completed line read") { $0.lines.suffix(2) == ["got: S3Reader", "demo>"] }
        // Saved as soon as it was entered, so killing the session now would lose nothing.
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("S3Reader"))

        // Up recalls the previous line.
        try tmux.send("Up")
        try tmux.waitFor("Up recalls 'S3Reader'") { $0.lastLine == "demo> S3Reader" }
        try tmux.send("C-u", "history check", "Enter")
        try tmux.waitFor("a second line read") { $0.lines.contains("got: history check") }

        // Ctrl-C discards the partial line and keeps the session.
        try tmux.send("partial text", "Left", "Left", "C-c")
        try tmux.waitFor("the cancelled line marked and discarded") {
            $0.lines.suffix(3) == ["demo> partial text^C", "(line discarded)", "demo>"]
        }
        #expect(try !tmux.screen().lines.contains { $0.hasPrefix("line-demo exited") })
        try tmux.send("Enter")
        try tmux.waitFor("an empty line read: nothing of the cancelled text survived") {
            $0.lines.suffix(2) == ["got:", "demo>"]
        }
        #expect(try !String(contentsOfFile: historyFile, encoding: .utf8).contains("partial"))

        // Ctrl-R finds an earlier line by a fragment from its middle.
        try tmux.send("C-r", "ory ch")
        try tmux.waitFor("Ctrl-R found 'history check'") { $0.lines.contains { $0.hasPrefix("demo> history check") } }
        try tmux.send("Enter")
        try tmux.waitFor("the found line read again") {
            $0.lines.filter { $0 == "got: history check" }.count == 2
        }

        // A resize is picked up by the next line.
        try tmux.send("columns", "Enter")
        try tmux.waitFor("the starting width") { $0.lines.contains("columns: 100") }
        try tmux.resize(columns: 70)
        try tmux.send("columns", "Enter")
        try tmux.waitFor("the new width") { $0.lines.contains("columns: 70") }

        // Ctrl-D on an empty line ends the program cleanly.
        try tmux.send("C-d")
        try tmux.waitFor("the goodbye") { screen in
            // Once the program ends, tmux appends a "Pane is dead" line further down.
            screen.lines.indices.dropLast().contains { screen.lines[$0] == "demo> ^D" && screen.lines[$0 + 1] == "bye" }
        }
        try tmux.waitForExit(status: 0)

        // The next session starts with the history of the last one.
        let next = try Tmux(command: "\(demo) \(historyFile)")
        try next.waitFor("the prompt of a new session") { $0.lastLine == "demo>" }
        try next.send("Up")
        try next.waitFor("Up recalls the last line of the previous session") { $0.lastLine == "demo> columns" }
        try next.send("C-u", "C-d")
        try next.waitForExit(status: 0)
    }
}
