import Foundation
import SessionLoop

/// The free-play shell's own words, as data (the sandbox's commands are `SandboxShell.commands`).
public enum FreePlayWord: String, CaseIterable, Sendable {
    case exit, quit, reset

    public static func named(_ word: String) -> FreePlayWord? { FreePlayWord(rawValue: word) }
}

/// `rolecall sandbox`: the shell on its own, with `exit` and a `reset` that asks first.
public struct FreePlaySession: InteractiveSession {
    public var shell: SandboxShell
    /// The exit status of the last command, for a piped script's own status.
    public private(set) var lastExitCode: Int32 = 0
    private var confirmingReset = false

    public init(shell: SandboxShell) {
        self.shell = shell
    }

    public mutating func nextPrompt() -> String {
        confirmingReset ? "" : "\(shell.promptIdentity) $ "
    }

    public mutating func handle(line: String) -> Reply {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if confirmingReset {
            confirmingReset = false
            guard ["y", "yes"].contains(trimmed.lowercased()) else { return Reply(output: "Nothing was reset.\n") }
            shell.reset()
            return Reply(output: "The sandbox is back to its starting state.\n", changed: true)
        }
        if trimmed.isEmpty { return Reply() }
        switch FreePlayWord.named(trimmed) {
        case .exit, .quit:
            return Reply(quit: true)
        case .reset:
            confirmingReset = true
            return Reply(output: "Wipe the sandbox back to its starting state, losing every role, policy and resource you made? [y/N] ")
        case nil:
            break
        }
        let outcome = shell.run(line)
        lastExitCode = outcome.exitCode
        return Reply(output: outcome.stdout, errors: outcome.stderr, changed: true)
    }

    public mutating func endOfInput() -> Reply { Reply(quit: true) }

    public func continuationPrompt(after text: String) -> String? {
        ShellInput.needsMore(text) ? ShellInput.continuationPrompt : nil
    }

    public func join(_ text: String, _ next: String) -> String { ShellInput.join(text, next) }

    public var interruptedMessage: String { "" }
}
