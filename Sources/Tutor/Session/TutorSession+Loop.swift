import Foundation
import SandboxShell
import SessionLoop
import Transcripts

extension TutorSession: InteractiveSession {
    public mutating func nextPrompt() -> String { prompt }

    public mutating func handle(line: String) -> Reply {
        let keysBefore = endpoint.port == nil ? nil : lessonShell.world.state.learnerCredentials
        let response = handle(line)
        if response.quit { endSession() }
        var output = response.output
        // Another lesson (or a reset sandbox) has other keys: the endpoint now serves it, so say which.
        if let keysBefore, let port = endpoint.port, lessonShell.world.state.learnerCredentials != keysBefore {
            output += "\n" + endpointKeysChanged(port: port)
        }
        return Reply(output: output, changed: response.changed, quit: response.quit)
    }

    /// Ctrl-D or the end of a script: save and leave, as `quit` does.
    public mutating func endOfInput() -> Reply {
        endSession()
        return Reply(output: announcesEndOfInput ? "\nProgress saved. See you next time.\n" : "", changed: true, quit: true)
    }

    /// Only a command continues over lines: an answer with an apostrophe ("it's a role") is whole.
    public func continuationPrompt(after text: String) -> String? {
        guard SandboxShell.runs(text.trimmingCharacters(in: .whitespaces)), ShellInput.needsMore(text) else { return nil }
        return ShellInput.continuationPrompt
    }

    public func join(_ text: String, _ next: String) -> String { ShellInput.join(text, next) }

    public mutating func interrupted() -> String {
        if dropPendingQuestion() { return "^C — nothing was done.\n" }
        return "^C — line discarded. Type quit (or Ctrl-D) to leave; your progress is saved.\n"
    }
}
