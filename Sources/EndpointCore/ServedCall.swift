import AWSCommands
import AWSModel
import AWSWire
import Foundation
import Sandbox
import SandboxShell
import SessionLoop
import ShellWords

/// The endpoint inside a shell (the tutor's, or `rolecall sandbox`'s): a request becomes the aws command line that
/// makes the same call as its signer, which the shell runs as if typed; its answer goes back over the wire.
public enum ServedCall {
    public enum Step {
        /// Answered without running anything; `world` is the sandbox afterwards when the request changed it (a
        /// metadata token).
        case answered(EndpointCore.Reply, world: SandboxState?)
        /// Run `line` in the shell, then answer with what the sandbox answered its call.
        case run(line: String, answer: @Sendable (Result<AWSValue, ServiceError>) -> EndpointCore.Reply)
    }

    public static func step(_ request: SigV4.Request, world: SandboxState, requestID: String, now: Date) -> Step {
        switch EndpointCore.decode(request, sandbox: world, now: now, requestID: requestID) {
        case .answered(let reply):
            return .answered(reply, world: nil)
        case .metadata(let instance, let path):
            var sandbox = Sandbox(state: world)
            let reply = EndpointCore.metadata(instance, path: path, request: request, sandbox: &sandbox)
            guard sandbox.state != world else { return .answered(reply, world: nil) }
            // A token issued or credentials handed out change the sandbox: the shell makes the same change by
            // running the request as `instance exec … curl`, so it is recorded and a re-grade replays it (the
            // credentials a later call is signed with then exist again). The reply is the one computed here,
            // from the same world.
            return .run(line: metadataLine(instance: instance, path: path, request: request)) { _ in reply }
        case .call(let call):
            let instance = call.request.credentials.flatMap { Sandbox(state: world).instance(signingWith: $0.accessKeyID) }
            guard let line = CallCommandLine.line(for: call.request, onInstance: instance) else {
                return .answered(call.answer(.failure(ServiceError(code: "InternalFailure", message: "The sandbox cannot run \(call.request.operation) as an aws command."))), world: nil)
            }
            return .run(line: line, answer: call.answer)
        }
    }

    /// The metadata request as the `instance exec … curl` line that makes it on the instance.
    static func metadataLine(instance: String, path: String, request: SigV4.Request) -> String {
        var words = ["instance", "exec", instance, "--", "curl", "-s"]
        if request.method != "GET" { words += ["-X", request.method] }
        for header in ["x-aws-ec2-metadata-token-ttl-seconds", "x-aws-ec2-metadata-token"] {
            if let value = request.values(header).first { words += ["-H", "\(header): \(value)"] }
        }
        words.append("http://169.254.169.254" + path)
        return words.map(ShellWords.quoted).joined(separator: " ")
    }

    /// The answer once the shell ran the line: the sandbox's own result, or, when the CLI refused the line before
    /// calling, its message as a validation error.
    public static func result(of outcome: ShellOutcome, in shell: SandboxShell) -> Result<AWSValue, ServiceError> {
        shell.lastCallResult ?? .failure(ServiceError(code: "ValidationError", message: outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The line shown above the prompt for a request refused before it reached the sandbox, with what to do for
    /// the usual cause (keys that are not this sandbox's).
    public static func refusal(_ reply: EndpointCore.Reply) -> String {
        let code = reply.errorCode ?? "HTTP \(reply.status)"
        let keys = ["InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure", "SignatureDoesNotMatch", "InvalidSignatureException"]
        let advice = keys.contains(code) ? ": the keys are not this sandbox's (endpoint shows them)" : ""
        return "⇠ a request from your terminal was refused before it reached the sandbox (\(code))\(advice)."
    }

    /// The line shown above the prompt for a call: `⇠ from your terminal: aws iam get-role → NoSuchEntity`.
    public static func note(_ outcome: ShellOutcome, _ result: Result<AWSValue, ServiceError>) -> String {
        if outcome.command == "instance", let url = outcome.words.last {
            return "⇠ from your terminal: the metadata service of \(outcome.words.dropFirst(2).first ?? "the instance"), \(url.dropFirst("http://169.254.169.254".count))"
        }
        let verdict = switch result {
        case .success: "done"
        case .failure(let error): error.code
        }
        let words = ["aws", outcome.words.dropFirst().first ?? "", outcome.words.dropFirst(2).first ?? ""].joined(separator: " ")
        return "⇠ from your terminal: \(words) → \(verdict)"
    }
}

extension FreePlaySession {
    /// One request from the learner's own tools in `rolecall sandbox`: the reply, the note to show, and whether
    /// the sandbox changed (and should be saved).
    public mutating func serveEndpoint(_ request: SigV4.Request, now: Date = Date()) -> (reply: EndpointCore.Reply, text: String, changed: Bool) {
        endpoint.requests += 1
        switch ServedCall.step(request, world: shell.world.state, requestID: EndpointCore.requestID(endpoint.requests), now: now) {
        case .answered(let reply, let world):
            if let world { shell.replaceSandbox(world) }
            return (reply, reply.errorCode != nil ? ServedCall.refusal(reply) + "\n" : "", world != nil)
        case .run(let line, let answer):
            let outcome = shell.run(line)
            let result = ServedCall.result(of: outcome, in: shell)
            return (answer(result), ServedCall.note(outcome, result) + "\n", true)
        }
    }
}
