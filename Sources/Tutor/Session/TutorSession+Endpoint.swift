import AWSCommands
import AWSModel
import AWSWire
import EndpointCore
import Foundation
import Sandbox
import SandboxShell
import SessionLoop

/// `endpoint on`: the lesson's sandbox served over HTTP to the learner's own aws CLI and SDKs in another terminal.
/// The HTTP server is a process of its own (the terminal's side starts it when `takeEndpointAction` says so); every
/// request comes here, is read by `EndpointCore`, and runs as the aws command that makes the same call, so it is
/// recorded in the transcript, counts for the task's checks and is replayed by grading like a typed command.
extension TutorSession {
    mutating func endpointCommand(_ argument: String) -> Response {
        switch endpoint.ask(argument) {
        case .usage: return Response(output: EndpointAction.usage)
        case .show(let port?): return Response(output: endpointInstructions(port: port))
        case .show(nil): return Response(output: "The endpoint is off. endpoint on [PORT] serves this lesson's sandbox to your own aws CLI and SDKs.\n")
        case .alreadyOn(let port): return Response(output: "The endpoint is already on, on port \(port).\n" + endpointInstructions(port: port))
        case .alreadyOff: return Response(output: "The endpoint is off already.\n")
        case .act:
            return Response(output: "")
        }
    }

    /// What the learner asked of the endpoint since this was last asked, once.
    public mutating func takeEndpointAction() -> EndpointAction? { endpoint.take() }

    /// The server listens: what to paste into the other terminal.
    public mutating func endpointStarted(port: Int) -> String {
        endpoint.started(port: port)
        return endpointInstructions(port: port)
    }

    /// The server stopped (asked to, or it could not start, or it ended): says so.
    public mutating func endpointStopped(_ problem: String?) -> String {
        let wasOn = endpoint.stopped()
        if let problem { return failure("The endpoint could not serve: \(problem)") + "\n" }
        return wasOn ? "The endpoint is off.\n" : ""
    }

    func endpointInstructions(port: Int) -> String {
        """
        \(success("This lesson's sandbox is served on http://127.0.0.1:\(port)")) (only this machine can reach it).
        In another terminal, as the sandbox's learner user:

          \(lessonShell.endpointExports(port: port))
          aws sts get-caller-identity

        Each request runs here as the aws command that makes the same call: it is recorded and counts for the task.
        \(dim("endpoint off stops it; another lesson has other keys (endpoint shows them)."))

        """
    }

    /// The endpoint follows the learner to another lesson's sandbox, whose learner user has other keys.
    func endpointKeysChanged(port: Int) -> String {
        note("The endpoint now serves this lesson's sandbox, whose keys differ. In the other terminal:") + """

          \(lessonShell.endpointExports(port: port))

        """
    }

    /// One request from the learner's own tools: the HTTP reply to send back, what to show above the prompt, and
    /// whether progress changed (and should be saved).
    public mutating func serveEndpoint(_ request: SigV4.Request, now: Date = Date()) -> (reply: EndpointCore.Reply, text: String, changed: Bool) {
        endpoint.requests += 1
        switch ServedCall.step(request, world: lessonShell.world.state, requestID: EndpointCore.requestID(endpoint.requests), now: now) {
        case .answered(let reply, let world):
            if let world {
                var shell = lessonShell
                shell.replaceSandbox(world)
                lessonShell = shell
            }
            let text = reply.errorCode != nil ? dim(ServedCall.refusal(reply)) + "\n" : ""
            return (reply, text, world != nil)
        case .run(let line, let answer):
            // A command from the learner's other terminal leaves this one's `$?` alone, as two shells do.
            let status = lessonShell.lastExitCode
            let (outcome, completion) = runRecorded(line)
            lessonShell.lastExitCode = status
            let result = ServedCall.result(of: outcome, in: lessonShell)
            return (answer(result), dim(ServedCall.note(outcome, result)) + "\n" + completion, true)
        }
    }
}
