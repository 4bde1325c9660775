import AWSModel
/// Every way an `aws` command can fail, as data. `FailurePresenter` is the one place that turns these into the
/// aws CLI's stderr text and exit codes.
enum CLIFailure: Error, Equatable {
    /// An argparse error, printed after the usage blurb as `aws: error: …`.
    case usage(String)
    /// Words no option of the command accepts.
    case unknownOptions([String])
    /// awscli's ParamValidationError raised by a customization such as `aws s3` (its unknown options): a blank
    /// line and the message, without the usage blurb a service command prints.
    case paramValidation(String)
    /// A value the CLI could not turn into a parameter (bad JSON, bad shorthand, unreadable file).
    case parameter(option: String, reason: String)
    /// botocore's client-side validation against the model (required members, types, minimum lengths).
    case validation([String])
    /// A `--query` that is not valid JMESPath (or uses syntax this subset does not implement).
    case badQuery(expression: String, reason: String)
    case noCredentials
    /// A configuration problem such as a profile that does not exist.
    case configuration(String)
    case noRegion
    /// The request's endpoint does not exist or does not answer (`--region us-east1`, a Region of an isolated
    /// partition): botocore's EndpointConnectionError, naming the URL it would have called.
    case unreachable(url: String)
    /// The service answered with an error.
    case service(ServiceError, operation: String)
    /// A real AWS command or operation the sandbox does not simulate: said plainly, where the CLI's "Invalid choice"
    /// would tell a learner it does not exist. `operation` is nil for a whole service.
    case notSimulated(command: String, operation: String?, simulated: [String])
    /// Anything else the CLI reports through its generic handler (a blank line, then the message).
    case general(String)
    /// A message printed as is, with the given exit code (`aws s3` transfer failures, `configure get`).
    case printed(stdout: String, stderr: String, exitCode: Int32)
}
