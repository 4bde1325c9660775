import AWSCommands
import AWSModel
import Sandbox

/// The sandbox as the aws CLI's backend, with the Lambda runtime plugged in and AWS's server-side validation in
/// front: what `rolecall aws`, the shells and the HTTP endpoint all send their calls to.
public struct ShellBackend: AWSBackend {
    public var sandbox: Sandbox
    /// The last call's answer, as the sandbox gave it.
    public private(set) var lastResult: Result<AWSValue, ServiceError>?

    public init(sandbox: Sandbox, terminalWidth: Int) {
        self.sandbox = sandbox
        self.sandbox.functionRuntime = CLIFunctionRuntime(terminalWidth: terminalWidth)
    }

    /// The service checks the parameters against its model first, as AWS does: a malformed value is a
    /// ValidationError before any authorization or lookup.
    public mutating func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        if let invalid = ServerSideValidator.error(for: request) {
            // AWS still counts the request: the sandbox's clock moves as for any call.
            sandbox.state.clock.advance(by: 1)
            lastResult = .failure(invalid)
            return .failure(invalid)
        }
        let result = sandbox.send(request)
        lastResult = result
        return result
    }
}

/// Plays the Lambda runtime: runs each of the function's commands with the execution role's credentials, through
/// the aws command layer, against the same sandbox.
struct CLIFunctionRuntime: FunctionRuntime {
    var terminalWidth: Int
    /// Invocations run inside an invocation would loop forever if a function invoked itself.
    var depth = 0

    /// Runs each command of the function in turn, as the execution role; the first failure ends the invocation.
    func run(_ execution: LambdaExecution, in sandbox: inout Sandbox) -> (output: [String], failure: ServiceError?) {
        guard depth < 3 else { return ([], ServiceError(code: "RecursiveInvocationException", message: "The function invoked itself too many times.")) }
        var output: [String] = []
        let outer = sandbox.functionRuntime
        var nested = self
        nested.depth += 1
        sandbox.functionRuntime = nested
        defer { sandbox.functionRuntime = outer }
        for command in execution.commands {
            guard let words = try? ShellWords.split(command), words.first == "aws" else {
                return (output, ServiceError(code: "Runtime.InvalidCommand", message: "The function can only run aws commands: \(command)"))
            }
            var environment = CLIEnvironment(
                variables: ["AWS_ACCESS_KEY_ID": execution.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": execution.credentials.secretAccessKey,
                            "AWS_SESSION_TOKEN": execution.credentials.sessionToken ?? "", "AWS_DEFAULT_REGION": SandboxState.region],
                terminalWidth: terminalWidth
            )
            var backend = sandbox
            let result = AWSCLI.run(Array(words.dropFirst()), environment: &environment, files: VirtualFolder(files: [:]), backend: &backend)
            sandbox = backend
            output += result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            if result.exitCode != 0 {
                let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                let code: String
                if case .failure(let failedCode)? = result.calls.last?.outcome { code = failedCode } else { code = "Error" }
                output.append("[ERROR] \(message)")
                return (output, ServiceError(code: code, message: message))
            }
        }
        return (output, nil)
    }
}

import ShellWords
import Foundation
