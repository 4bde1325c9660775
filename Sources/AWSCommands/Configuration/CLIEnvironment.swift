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
    /// Numbers the `botocore-session-N` names of role sessions the CLI assumes for `role_arn` profiles.
    /// The real CLI uses the Unix time; a counter keeps recorded sessions replayable.
    public var assumedRoleSessionCounter: Int

    public init(
        variables: [String: String] = [:],
        configuration: CLIConfiguration = CLIConfiguration(),
        instanceMetadataCredentials: AWSCredentials? = nil,
        terminalWidth: Int = 80,
        assumedRoleSessionCounter: Int = 0
    ) {
        self.variables = variables
        self.configuration = configuration
        self.instanceMetadataCredentials = instanceMetadataCredentials
        self.terminalWidth = terminalWidth
        self.assumedRoleSessionCounter = assumedRoleSessionCounter
    }
}
