import Foundation
import SessionLoop

/// The free-play shell's own words, as data (the sandbox's commands are `SandboxShell.commands`).
public enum FreePlayWord: String, CaseIterable, Sendable {
    case exit, quit, reset, endpoint, help

    public static func named(_ word: String) -> FreePlayWord? { FreePlayWord(rawValue: word) }
}

/// `rolecall sandbox`: the shell on its own, with `exit` and a `reset` that asks first.
public struct FreePlaySession: InteractiveSession {
    public var shell: SandboxShell
    /// The exit status of the last command, for a piped script's own status.
    public private(set) var lastExitCode: Int32 = 0
    private var confirmingReset = false
    /// The HTTP endpoint: asked for, on (and where), requests taken.
    public var endpoint = EndpointSwitch()

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
        if trimmed == "endpoint" || trimmed.hasPrefix("endpoint ") {
            return endpointCommand(String(trimmed.dropFirst("endpoint".count)).trimmingCharacters(in: .whitespaces))
        }
        switch FreePlayWord.named(trimmed) {
        case .exit, .quit:
            return Reply(quit: true)
        case .reset:
            confirmingReset = true
            return Reply(output: "Wipe the sandbox back to its starting state, losing every role, policy and resource you made? [y/N] ")
        case .help:
            return Reply(output: Self.help)
        case .endpoint, nil:
            break
        }
        let outcome = shell.run(line)
        lastExitCode = outcome.exitCode
        return Reply(output: outcome.stdout, errors: outcome.stderr, changed: true)
    }

    public mutating func endOfInput() -> Reply { Reply(quit: true) }

    /// What the free-play shell takes (docs/sandbox.md, "Shell commands", says more).
    static let help = """
        The sandbox shell runs aws commands against your sandbox, and:
          export NAME=VALUE, unset NAME, env   variables the aws CLI reads ($NAME is expanded)
          whoami                               who the next aws command signs as
          explain                              why the last denied request was denied
          clock, clock advance DURATION        show or move the sandbox's time (90s, 20m, 2h)
          instance exec ID|latest -- COMMAND   run aws or curl on an EC2 instance
          cat FILE, ls, echo TEXT > FILE       the working folder
          eval "$(COMMAND)"                    run what a command printed (export-credentials)
          github-token --repo OWNER/REPO       a GitHub Actions OIDC token for web identity
          endpoint on|off                      serve this sandbox to your own aws CLI and SDKs
          reset                                wipe the sandbox back to its starting state
          exit, quit                           leave (Ctrl-D too)

        """

    // MARK: The HTTP endpoint

    mutating func endpointCommand(_ argument: String) -> Reply {
        switch endpoint.ask(argument) {
        case .usage: return Reply(errors: EndpointAction.usage)
        case .show(let port?): return Reply(output: endpointInstructions(port: port))
        case .show(nil): return Reply(output: "The endpoint is off. endpoint on [PORT] serves this sandbox to your own aws CLI and SDKs.\n")
        case .alreadyOn(let port): return Reply(output: "The endpoint is already on, on port \(port).\n")
        case .alreadyOff: return Reply(output: "The endpoint is off already.\n")
        case .act:
            return Reply()
        }
    }

    /// What the learner asked of the endpoint since this was last asked, once.
    public mutating func takeEndpointAction() -> EndpointAction? { endpoint.take() }

    public mutating func endpointStarted(port: Int) -> String {
        endpoint.started(port: port)
        return endpointInstructions(port: port)
    }

    public mutating func endpointStopped(_ problem: String?) -> String {
        let wasOn = endpoint.stopped()
        if let problem { return "The endpoint could not serve: \(problem)\n" }
        return wasOn ? "The endpoint is off.\n" : ""
    }

    func endpointInstructions(port: Int) -> String {
        """
        This sandbox is served on http://127.0.0.1:\(port) (only this machine can reach it). In another terminal:
          \(shell.endpointExports(port: port))
        Each request runs here as the aws command that makes the same call. endpoint off stops it.

        """
    }

    public func continuationPrompt(after text: String) -> String? {
        ShellInput.needsMore(text) ? ShellInput.continuationPrompt : nil
    }

    public func join(_ text: String, _ next: String) -> String { ShellInput.join(text, next) }

    public mutating func interrupted() -> String {
        defer { confirmingReset = false }
        return confirmingReset ? "^C — nothing was reset.\n" : ""
    }
}

extension SandboxShell {
    /// The environment for the learner's own tools in another terminal, as the sandbox's learner user, when the
    /// sandbox is served on `port`.
    public func endpointExports(port: Int) -> String {
        let keys = world.state.learnerCredentials
        return "export AWS_ENDPOINT_URL=http://127.0.0.1:\(port) AWS_ACCESS_KEY_ID=\(keys.accessKeyID) AWS_SECRET_ACCESS_KEY=\(keys.secretAccessKey) AWS_DEFAULT_REGION=us-east-1"
    }
}
