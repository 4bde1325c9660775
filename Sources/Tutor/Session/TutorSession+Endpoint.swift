import AWSCommands
import AWSModel
import AWSWire
import EndpointCore
import Foundation
import Sandbox
import SandboxShell

/// `endpoint on`: the lesson's sandbox served over HTTP to the learner's own aws CLI and SDKs in another terminal.
/// The HTTP server is a process of its own (the terminal's side starts it when `takeEndpointAction` says so); every
/// request comes here, is read by `EndpointCore`, and runs as the aws command that makes the same call, so it is
/// recorded in the transcript, counts for the task's checks and is replayed by grading like a typed command.
extension TutorSession {
    public enum EndpointAction: Equatable, Sendable {
        case start(port: Int)
        case stop
    }

    /// The default port, as `rolecall serve` and the local AWS emulators use.
    public static let endpointDefaultPort = 4566

    mutating func endpointCommand(_ argument: String) -> Response {
        let words = argument.split(separator: " ").map(String.init)
        switch words.first {
        case nil:
            guard let port = endpointPort else {
                return Response(output: "The endpoint is off. endpoint on [PORT] serves this lesson's sandbox to your own aws CLI and SDKs.\n")
            }
            return Response(output: endpointInstructions(port: port))
        case "on":
            if let port = endpointPort { return Response(output: "The endpoint is already on, on port \(port).\n" + endpointInstructions(port: port)) }
            guard words.count <= 2, let port = words.count == 2 ? Int(words[1]) : Self.endpointDefaultPort, (0...65_535).contains(port) else {
                return Response(output: "usage: endpoint on [PORT] (a port from 0 to 65535; 0 picks a free one)\n")
            }
            endpointAction = .start(port: port)
            return Response(output: "")
        case "off":
            guard endpointPort != nil else { return Response(output: "The endpoint is off already.\n") }
            endpointAction = .stop
            return Response(output: "")
        default:
            return Response(output: "usage: endpoint [on [PORT]|off]\n")
        }
    }

    /// What the learner asked of the endpoint since this was last asked, once.
    public mutating func takeEndpointAction() -> EndpointAction? {
        defer { endpointAction = nil }
        return endpointAction
    }

    /// The server listens: what to paste into the other terminal.
    public mutating func endpointStarted(port: Int) -> String {
        endpointPort = port
        return endpointInstructions(port: port)
    }

    /// The server stopped (asked to, or it could not start, or it ended): says so.
    public mutating func endpointStopped(_ problem: String?) -> String {
        let wasOn = endpointPort != nil
        endpointPort = nil
        if let problem { return failure("The endpoint could not serve: \(problem)") + "\n" }
        return wasOn ? "The endpoint is off.\n" : ""
    }

    func endpointInstructions(port: Int) -> String {
        let keys = lessonShell.world.state.learnerCredentials
        return """
        \(success("This lesson's sandbox is served on http://127.0.0.1:\(port)")) (only this machine can reach it).
        In another terminal, as the sandbox's learner user:

          export AWS_ENDPOINT_URL=http://127.0.0.1:\(port) AWS_ACCESS_KEY_ID=\(keys.accessKeyID) AWS_SECRET_ACCESS_KEY=\(keys.secretAccessKey) AWS_DEFAULT_REGION=us-east-1
          aws sts get-caller-identity

        Each request runs here as the aws command that makes the same call: it is recorded and counts for the task.
        \(dim("endpoint off stops it; another lesson has other keys (endpoint shows them)."))

        """
    }

    /// The endpoint follows the learner to another lesson's sandbox, whose learner user has other keys.
    func endpointKeysChanged(port: Int) -> String {
        let keys = lessonShell.world.state.learnerCredentials
        return note("The endpoint now serves this lesson's sandbox, whose keys differ. In the other terminal:") + """

          export AWS_ENDPOINT_URL=http://127.0.0.1:\(port) AWS_ACCESS_KEY_ID=\(keys.accessKeyID) AWS_SECRET_ACCESS_KEY=\(keys.secretAccessKey) AWS_DEFAULT_REGION=us-east-1

        """
    }

    /// One request from the learner's own tools: the HTTP reply to send back, what to show above the prompt, and
    /// whether progress changed (and should be saved).
    public mutating func serveEndpoint(_ request: SigV4.Request, now: Date = Date()) -> (reply: EndpointCore.Reply, text: String, changed: Bool) {
        endpointRequests += 1
        var shell = lessonShell
        switch EndpointCore.decode(request, sandbox: shell.world.state, now: now, requestID: EndpointCore.requestID(endpointRequests)) {
        case .answered(let reply):
            let text = reply.status >= 400 ? dim("⇠ a request from your terminal was refused before it reached the sandbox (HTTP \(reply.status)).") + "\n" : ""
            return (reply, text, false)
        case .metadata(let instance, let path):
            var sandbox = shell.world
            let reply = EndpointCore.metadata(instance, path: path, request: request, sandbox: &sandbox)
            let changed = sandbox.state != shell.world.state
            if changed {
                shell.replaceSandbox(sandbox.state)
                lessonShell = shell
            }
            return (reply, "", changed)
        case .call(let call):
            guard let line = CallCommandLine.line(for: call.request) else {
                return (call.answer(.failure(ServiceError(code: "InternalFailure", message: "The sandbox cannot run \(call.request.operation) as an aws command."))), "", false)
            }
            let (outcome, completion) = runRecorded(line)
            let result = lessonShell.lastCallResult ?? .failure(ServiceError(code: "ValidationError", message: outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
            let verdict = switch result {
            case .success: "done"
            case .failure(let error): error.code
            }
            let words = ["aws", outcome.words.dropFirst().first ?? "", outcome.words.dropFirst(2).first ?? ""].joined(separator: " ")
            return (call.answer(result), dim("⇠ from your terminal: \(words) → \(verdict)") + "\n" + completion, true)
        }
    }
}
