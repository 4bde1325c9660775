import AWSModel
import AWSWire
import EndpointCore
import Foundation
import Sandbox
import SandboxShell
import SavedFiles
import Tutor

/// A sandbox state file served over HTTP on its own (`rolecall-endpoint`): each request read by `EndpointCore`,
/// sent to the same `Sandbox` the tutor and `rolecall sandbox` use (through the backend `rolecall aws` uses, so
/// AWS's server-side validation applies), and the state saved after every call that changed it. One actor:
/// requests to one sandbox are taken one at a time.
public actor SandboxEndpoint {
    public typealias Reply = EndpointCore.Reply

    private var shell: ShellState
    private let statePath: String
    private let now: @Sendable () -> Date
    private var requests = 0
    /// The last save's failure, if the last save failed.
    public private(set) var saveProblem: String?

    private let report: @Sendable (String) -> Void

    /// `report` hears of saving failing and working again (the server prints it on standard error).
    public init(state: ShellState, statePath: String, now: @escaping @Sendable () -> Date = { Date() },
                report: @escaping @Sendable (String) -> Void = { _ in }) {
        shell = state
        self.statePath = statePath
        self.now = now
        self.report = report
    }

    /// The keys the learner's own tools sign with: the sandbox's learner user's.
    public var learnerCredentials: AWSCredentials { shell.sandbox.learnerCredentials }

    public func handle(_ request: SigV4.Request) -> Reply {
        requests += 1
        switch EndpointCore.decode(request, sandbox: shell.sandbox, now: now(), requestID: EndpointCore.requestID(requests)) {
        case .answered(let reply):
            return reply
        case .call(let call):
            return call.answer(send(call.request))
        case .metadata(let instance, let path):
            var sandbox = Sandbox(state: shell.sandbox)
            let reply = EndpointCore.metadata(instance, path: path, request: request, sandbox: &sandbox)
            let before = shell.sandbox
            shell.sandbox = sandbox.state
            if shell.sandbox != before, let problem = save() {
                // A token the sandbox could not keep would be refused later: the caller hears of it now.
                shell.sandbox = before
                return Reply(status: 500, contentType: "text/plain", body: problem + "\n")
            }
            return reply
        }
    }

    /// One call to the sandbox, and the state saved after it when the call changed more than the sandbox's clock
    /// (every call moves it a second): what a client was told it made or changed is on disk before the answer
    /// goes out, and a read costs no write. A read's second is saved with the next write.
    private func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        let before = shell.sandbox
        // The backend `rolecall aws` uses: AWS's server-side validation first, and the Lambda runtime plugged in.
        var backend = ShellBackend(sandbox: Sandbox(state: before), terminalWidth: 80)
        let result = backend.send(request)
        shell.sandbox = backend.sandbox.state
        var onlyTheClock = backend.sandbox.state
        onlyTheClock.clock = before.clock
        if onlyTheClock != before, let problem = save() {
            // What could not be saved did not happen: the client is told so and may retry, and the sandbox in
            // memory stays what the file holds.
            shell.sandbox = before
            return .failure(ServiceError(code: "ServiceUnavailable", message: "The sandbox could not save this change, so it was not made: \(problem)"))
        }
        return result
    }

    /// Writes the state now (on stopping: the seconds of reads since the last write are kept too).
    public func saveNow() -> String? {
        save()
    }

    /// Saves the state; a failure is said once on the server's standard error when it starts, and returned.
    private func save() -> String? {
        do throws(SaveFailure) {
            try SandboxFile.save(shell, to: statePath)
            if saveProblem != nil { report("rolecall-endpoint: saving works again.") }
            saveProblem = nil
            return nil
        } catch {
            if saveProblem == nil { report("rolecall-endpoint: " + error.message) }
            saveProblem = error.message
            return error.message
        }
    }

}
