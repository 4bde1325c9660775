/// What one `aws …` command produced. Nothing is printed by the module: the caller writes these out.
public struct CLIResult: Equatable, Sendable {
    public var stdout: String
    public var stderr: String
    /// 0 success, 1 partial failures of `aws s3` and empty `configure get`, 252 usage, 253 configuration
    /// (credentials, region), 254 service error, 255 anything else: the aws CLI v2 codes.
    public var exitCode: Int32
    public var calls: [ServiceCallRecord]
    /// Files to write into the learner's working folder (downloads, outfiles), in the order written.
    public var writtenFiles: [WrittenFile]

    public init(
        stdout: String = "", stderr: String = "", exitCode: Int32 = 0, calls: [ServiceCallRecord] = [],
        writtenFiles: [WrittenFile] = []
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
        self.calls = calls
        self.writtenFiles = writtenFiles
    }
}
