import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One tmux server on a private socket, so tests neither see nor disturb the user's sessions.
public final class Tmux {
    public struct Screen {
        /// Visible rows with trailing spaces and trailing empty rows removed.
        public var lines: [String]
        public var lastLine: String? { lines.last }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static var isInstalled: Bool { executable(named: "tmux") != nil }

    private static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `swift test` builds the package's executables into the same directory as the test bundle.
    public static func builtProduct(_ name: String) -> String? {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [testBinary.appendingPathComponent(name).path,
                packageRoot.appendingPathComponent(".build/debug/\(name)").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let socket = "rolecall-test-\(UUID().uuidString.prefix(8))"
    private let target = "demo"
    private let tmuxPath: String

    public init(command: String, columns: Int = 100, rows: Int = 30) throws {
        guard let path = Tmux.executable(named: "tmux") else { throw Failure(description: "tmux is not installed") }
        tmuxPath = path
        // remain-on-exit keeps the last screen readable after the program and its shell end.
        let reportingExit = "\(command); echo \"program exited with status $?\""
        try startServer(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String(columns), "-y", String(rows), reportingExit,
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

    public func send(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// The process id of the shell running the command in the pane; the program is its child.
    public func panePID() throws -> Int32 {
        let text = try run(["display-message", "-p", "-t", target, "#{pane_pid}"])
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "tmux gave no pane pid: \(text)")
        }
        return pid
    }

    public func resize(columns: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(columns), "-y", "30"])
    }

    public func screen() throws -> Screen {
        let text = try run(["capture-pane", "-p", "-t", target])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return Screen(lines: lines)
    }

    /// Polls every 30 ms for up to `seconds`; on timeout fails with the screen as it was.
    public func waitFor(_ what: String, seconds: Double = 5, until condition: (Screen) -> Bool) throws {
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
    public func waitForExit(status: Int, seconds: Double = 5) throws {
        try waitFor("the program to exit with status \(status)", seconds: seconds) {
            $0.lines.contains("program exited with status \(status)")
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
