import AWSModel
/// Everything outside the command line that changes what `aws` does: environment variables, the saved
/// configuration and, on a simulated EC2 instance, the instance's role credentials.
public struct CLIEnvironment: Sendable {
    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_DEFAULT_REGION, AWS_REGION,
    /// AWS_DEFAULT_OUTPUT, as the learner exported them.
    public var variables: [String: String]
    /// Mutated by `aws configure set`; save it afterwards.
    public var configuration: CLIConfiguration
    /// The credentials the instance metadata service hands out, when the command runs on a simulated instance.
    /// The CLI only falls back to them when nothing else provides credentials, exactly like the real chain.
    public var instanceMetadataCredentials: AWSCredentials?
    /// Width of the learner's terminal; `--output table` narrows wide tables to it like the CLI does.
    public var terminalWidth: Int
    /// The time, in seconds since 1970, on the sandbox clock: it names role sessions `botocore-session-<time>` as
    /// the CLI does, and decides when cached role credentials are due for renewal.
    public var now: Int
    /// Role credentials assumed for `role_arn` profiles, reused until 15 minutes before they expire (the CLI's
    /// `~/.aws/cli/cache`). Mutated by commands; save it afterwards.
    public var roleCredentialCache: [String: CachedRoleCredentials]
    /// Blobs typed on the command line are raw text unless `--cli-binary-format` says otherwise (v1's way): how
    /// sessions recorded before transcript format 3 ran, for their replay. False: v2's base64.
    public var blobsAreRaw = false

    public init(
        variables: [String: String] = [:],
        configuration: CLIConfiguration = CLIConfiguration(),
        instanceMetadataCredentials: AWSCredentials? = nil,
        terminalWidth: Int = 80,
        now: Int = 0,
        roleCredentialCache: [String: CachedRoleCredentials] = [:]
    ) {
        self.variables = variables
        self.configuration = configuration
        self.instanceMetadataCredentials = instanceMetadataCredentials
        self.terminalWidth = terminalWidth
        self.now = now
        self.roleCredentialCache = roleCredentialCache
    }
}
