import AWSModel
/// Renders failures exactly as the aws CLI prints them. Texts are those of awscli v1 (which runs on this machine
/// and can be compared byte for byte); exit codes are v2's, which tell usage, configuration and service errors
/// apart (v1 gives 255 for almost everything). The v1-only "Note: AWS CLI version 2…" banner is left out.
enum FailurePresenter {
    static let usageBlurb = """
        usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
        To see help text, you can run:

          aws help
          aws <command> help
          aws <command> <subcommand> help

        """

    static let usageErrorExitCode: Int32 = 252
    static let configurationErrorExitCode: Int32 = 253
    static let serviceErrorExitCode: Int32 = 254
    static let generalErrorExitCode: Int32 = 255

    static func present(_ failure: CLIFailure) -> (stdout: String, stderr: String, exitCode: Int32) {
        switch failure {
        case .usage(let message):
            return ("", usageBlurb + "aws: error: \(message)\n", usageErrorExitCode)
        case .unknownOptions(let words):
            return ("", usageBlurb + "\nUnknown options: \(words.joined(separator: ", "))\n", usageErrorExitCode)
        case .paramValidation(let message):
            return ("", "\n\(message)\n", usageErrorExitCode)
        case .parameter(let option, let reason):
            return ("", "\nError parsing parameter '\(option)': \(reason)\n", usageErrorExitCode)
        case .validation(let problems):
            return ("", "\nParameter validation failed:\n\(problems.joined(separator: "\n"))\n", usageErrorExitCode)
        case .badQuery(let expression, let reason):
            return ("", "\nBad value for --query \(expression): \(reason)\n", usageErrorExitCode)
        case .noCredentials:
            return (
                "",
                "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n",
                configurationErrorExitCode
            )
        case .noRegion:
            return (
                "",
                "You must specify a region. You can also configure your region by running \"aws configure\".\n",
                configurationErrorExitCode
            )
        case .unreachable(let url):
            return ("", "\n\(connectionErrorSentence(url: url))\n", generalErrorExitCode)
        case .configuration(let message):
            return ("", "\n\(message)\n", configurationErrorExitCode)
        case .service(let error, let operation):
            return ("", "\n\(serviceErrorSentence(error, operation: operation))\n", serviceErrorExitCode)
        case .general(let message):
            return ("", "\n\(message)\n", generalErrorExitCode)
        case .notSimulated(let command, let operation?, let simulated):
            // A long list (IAM's) is better read in the help page than in an error.
            let offered = simulated.count > 12 ? "`aws \(command) help` lists the \(simulated.count) operations it does."
                : "In the sandbox, \(command) offers: \(simulated.joined(separator: ", "))."
            // `aws s3`'s and `aws configure`'s commands, and `aws logs tail`, are the CLI's own (no single call of
            // the API), not operations of the API.
            let isCLIs = command == "s3" || command == "configure" || (command == "logs" && operation == "tail")
            let kind = isCLIs ? "an aws CLI command" : "an AWS operation"
            return ("", "\n`aws \(command) \(operation)` is \(kind) that RoleCall's sandbox does not simulate. \(offered)\n", generalErrorExitCode)
        case .notSimulated(let command, nil, let simulated):
            return ("", "\n`aws \(command)` is an AWS service that RoleCall's sandbox does not simulate. "
                        + "The sandbox offers: \(simulated.joined(separator: ", ")).\n", generalErrorExitCode)
        case .printed(let stdout, let stderr, let exitCode):
            return (stdout, stderr, exitCode)
        }
    }

    /// What an `aws s3` transfer prints after its own words (`upload failed: ./a.txt to s3://b/a.txt `) for a
    /// failure it reports and goes on from; nil for one that stops the whole command.
    static func transferSentence(_ failure: CLIFailure) -> String? {
        switch failure {
        case .service(let error, let operation): serviceErrorSentence(error, operation: operation)
        case .unreachable(let url): connectionErrorSentence(url: url)
        default: nil
        }
    }

    static func connectionErrorSentence(url: String) -> String { "Could not connect to the endpoint URL: \"\(url)\"" }

    /// botocore's ClientError text, also embedded in `aws s3` failure lines.
    static func serviceErrorSentence(_ error: ServiceError, operation: String) -> String {
        "An error occurred (\(error.code)) when calling the \(operation) operation: \(error.message)"
    }
}
