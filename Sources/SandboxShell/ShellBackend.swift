import AWSCommands
import AWSModel
import Sandbox

/// The sandbox as the aws CLI's backend. It also plays the Lambda runtime: after an Invoke, it runs the function's
/// commands with the execution role's credentials and hands their output to CloudWatch Logs.
struct ShellBackend: AWSBackend {
    var sandbox: Sandbox
    var terminalWidth: Int
    /// Invocations run inside an invocation would loop forever if a function invoked itself.
    var depth = 0

    mutating func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        let result = sandbox.send(request)
        guard request.service == "lambda", request.operation == "Invoke", case .success(var response) = result,
              let execution = sandbox.takePendingInvocation() else { return result }
        let (output, failure) = run(execution)
        sandbox.recordFunctionLogs(execution, output: output)
        var members = response.members ?? []
        if let failure {
            members.append(.init("FunctionError", "Unhandled"))
            members.append(.init("Payload", .string(AWSValue.object([.init("errorMessage", .string(failure.message)), .init("errorType", .string(failure.code))]).compactJSON)))
        } else {
            members.append(.init("Payload", .string(AWSValue.object([.init("statusCode", 200), .init("body", .string(output.joined(separator: "\n")))]).compactJSON)))
        }
        response = .object(members)
        return .success(response)
    }

    /// Runs each command of the function in turn, as the execution role; the first failure ends the invocation.
    private mutating func run(_ execution: LambdaExecution) -> (output: [String], failure: ServiceError?) {
        guard depth < 3 else { return ([], ServiceError(code: "RecursiveInvocationException", message: "The function invoked itself too many times.")) }
        var output: [String] = []
        for command in execution.commands {
            guard let words = try? ShellWords.split(command), words.first == "aws" else {
                return (output, ServiceError(code: "Runtime.InvalidCommand", message: "The function can only run aws commands: \(command)"))
            }
            var environment = CLIEnvironment(
                variables: ["AWS_ACCESS_KEY_ID": execution.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": execution.credentials.secretAccessKey,
                            "AWS_SESSION_TOKEN": execution.credentials.sessionToken ?? "", "AWS_DEFAULT_REGION": "us-east-1"],
                terminalWidth: terminalWidth
            )
            var nested = self
            nested.depth += 1
            let result = AWSCLI.run(Array(words.dropFirst()), environment: &environment, files: VirtualFolder(files: [:]), backend: &nested)
            sandbox = nested.sandbox
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
