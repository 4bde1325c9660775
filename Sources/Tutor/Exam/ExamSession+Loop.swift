import Foundation
import SandboxShell
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

    public mutating func interrupted() -> String { "" }

    public func continuationPrompt(after text: String) -> String? {
        guard SandboxShell.runs(text.trimmingCharacters(in: .whitespaces)), ShellInput.needsMore(text) else { return nil }
        return ShellInput.continuationPrompt
    }

    public func join(_ text: String, _ next: String) -> String { ShellInput.join(text, next) }
    public var isFinished: Bool { exam.isFinished }

    /// An exam with a time limit counts down in its prompt while the learner thinks.
    public var isTimed: Bool { exam.hasTimeLimit }

    public mutating func tick() -> String? {
        let now = now()
        return exam.isOutOfTime(at: now) ? nil : exam.prompt(now: now)
    }

    /// Time ran out with nobody typing: the exam ends now, with what was answered.
    public mutating func timeUp() -> Reply {
        let (output, finished) = exam.handle("", now: now())
        return Reply(output: output, quit: finished)
    }
}
