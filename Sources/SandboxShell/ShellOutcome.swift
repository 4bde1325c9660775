import AWSCommands

/// What one line typed at the sandbox prompt produced.
public struct ShellOutcome: Equatable, Sendable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32
    /// The service calls the line made, in order, with their outcomes: what task checks look at.
    public var calls: [ServiceCallRecord]
    /// The first word of the line, e.g. "aws", "export", "instance".
    public var command: String
    /// The words of the line as run, after variable expansion.
    public var words: [String] = []

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0, calls: [ServiceCallRecord] = [], command: String = "") {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
        self.calls = calls
        self.command = command
    }

    static func failure(_ message: String, code: Int32 = 1, command: String) -> ShellOutcome {
        ShellOutcome(stderr: message.hasSuffix("\n") ? message : message + "\n", exitCode: code, command: command)
    }
}
