import Foundation
import Testing

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
        let demo = try #require(Tmux.lineDemoPath(), "line-demo was not built next to the tests")

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
        #expect(try tmux.paneIsDead() == false)
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
        try tmux.waitFor("the goodbye") { $0.lines.suffix(2) == ["demo> ^D", "bye"] }
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

/// One tmux server on a private socket, so tests neither see nor disturb the user's sessions.
final class Tmux {
    struct Screen {
        /// Visible rows with trailing spaces and trailing empty rows removed.
        var lines: [String]
        var lastLine: String? { lines.last }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var isInstalled: Bool { executable(named: "tmux") != nil }

    private static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `swift test` builds line-demo into the same directory as the test bundle.
    static func lineDemoPath() -> String? {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [testBinary.appendingPathComponent("line-demo").path,
                packageRoot.appendingPathComponent(".build/debug/line-demo").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let socket = "lineediting-test-\(UUID().uuidString.prefix(8))"
    private let target = "demo"
    private let tmuxPath: String

    init(command: String) throws {
        tmuxPath = try #require(Tmux.executable(named: "tmux"))
        // remain-on-exit keeps the pane after the program ends so its exit status can be read.
        try run(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "100", "-y", "30", command,
                 ";", "set-option", "-t", target, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    func resize(columns: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(columns), "-y", "30"])
    }

    func screen() throws -> Screen {
        let text = try run(["capture-pane", "-p", "-t", target])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return Screen(lines: lines)
    }

    func paneIsDead() throws -> Bool {
        try run(["display-message", "-p", "-t", target, "#{pane_dead}"]).hasPrefix("1")
    }

    /// Polls every 30 ms for up to `seconds`; on timeout fails with the screen as it was.
    func waitFor(_ what: String, seconds: Double = 5, until condition: (Screen) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var latest = try screen()
        while !condition(latest) {
            guard Date() < deadline else {
                throw Failure(description: "timed out waiting for \(what); screen:\n" + latest.lines.joined(separator: "\n"))
            }
            Thread.sleep(forTimeInterval: 0.03)
            latest = try screen()
        }
    }

    func waitForExit(status: Int, seconds: Double = 5) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !paneIsDead() {
            guard Date() < deadline else { throw Failure(description: "line-demo did not exit") }
            Thread.sleep(forTimeInterval: 0.03)
        }
        let reported = try run(["display-message", "-p", "-t", target, "#{pane_dead_status}"])
        #expect(reported.trimmingCharacters(in: .whitespacesAndNewlines) == String(status))
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmuxPath)
        process.arguments = ["-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}
