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
        // remain-on-exit keeps the last screen readable after the program and its shell end.
        let reportingExit = "\(command); echo \"line-demo exited with status $?\""
        try startServer(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "100", "-y", "30", reportingExit,
                         ";", "set-option", "-t", target, "remain-on-exit", "on"])
    }

    /// new-session forks the tmux server, which outlives the command and inherits what the test
    /// process gives it. Two things must not leak: our output pipe (reading it would wait for
    /// the server to exit) and the test runner's blocked signal mask (the server and line-demo
    /// would then ignore SIGTERM, SIGWINCH and SIGCONT). Foundation's Process controls neither,
    /// so spawn directly with stdio on /dev/null and an empty, default signal state.
    private func startServer(_ arguments: [String]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&fileActions, descriptor, "/dev/null", O_RDWR, 0)
        }

        let argv = ([tmuxPath, "-L", socket] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }

        var pid = pid_t()
        let spawnError = posix_spawn(&pid, tmuxPath, &fileActions, &attributes, argv, environment)
        guard spawnError == 0 else { throw Failure(description: "cannot start tmux: error \(spawnError)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else { throw Failure(description: "tmux new-session failed with status \(status)") }
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

    /// tmux 3.3 sometimes marks a pane dead without ever reaping the process, leaving
    /// #{pane_dead_status} empty, so the exit status is printed by the shell that ran it instead.
    func waitForExit(status: Int, seconds: Double = 5) throws {
        try waitFor("line-demo to exit with status \(status)", seconds: seconds) {
            $0.lines.contains("line-demo exited with status \(status)")
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmuxPath)
        process.arguments = ["-L", socket] + arguments
        // Only the server is long-lived (see startServer); these clients exit, so a pipe is safe.
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
