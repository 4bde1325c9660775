import Foundation
import SessionLoop

/// An exam in the session loop, with the clock it reads the time limit against.
public struct TimedExam: InteractiveSession {
    public var exam: ExamSession
    public let now: () -> Date

    public init(exam: ExamSession, now: @escaping () -> Date = Date.init) {
        self.exam = exam
        self.now = now
    }

    public mutating func nextPrompt() -> String { exam.prompt(now: now()) }

    public mutating func handle(line: String) -> Reply {
        let (output, finished) = exam.handle(line, now: now())
        return Reply(output: output, quit: finished)
    }

    /// Ctrl-D ends the exam, as `finish` does.
    public mutating func endOfInput() -> Reply { handle(line: "finish") }

    public var interruptedMessage: String { "" }
    public var isFinished: Bool { exam.isFinished }
}
