import SessionLoop
import Transcripts

extension TutorSession: InteractiveSession {
    public mutating func nextPrompt() -> String { prompt }

    public mutating func handle(line: String) -> Reply {
        let response = handle(line)
        if response.quit { endSession() }
        return Reply(output: response.output, changed: response.changed, quit: response.quit)
    }

    /// Ctrl-D or the end of a script: save and leave, as `quit` does.
    public mutating func endOfInput() -> Reply {
        endSession()
        return Reply(output: announcesEndOfInput ? "\nProgress saved. See you next time.\n" : "", changed: true, quit: true)
    }

    public var interruptedMessage: String { "^C — line discarded. Type quit (or Ctrl-D) to leave; your progress is saved.\n" }
}
