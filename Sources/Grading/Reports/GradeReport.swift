import Assessment
import Transcripts

/// A learner's re-graded results, per lesson and in total.
public struct LearnerReport: Equatable, Sendable {
    public var learner: String
    public var lessons: [LessonScore]
    public var problems: [TranscriptAudit.Problem]
    /// The course fingerprints the transcript's sessions were made with.
    public var courseVersions: [String]
    /// Per question id: what the learner answered, for item analysis.
    public var answers: [String: QuestionAnswers] = [:]
    /// Per task id: the commands typed for it and how it ended, for item analysis.
    public var tasks: [String: TaskRecord] = [:]
    /// Commands whose replay ended otherwise than in the learner's session (the first hundred), and how many.
    public var replayDisagreements: [ReplayDisagreement] = []
    public var replayDisagreementCount = 0
    /// Tasks counted done as the session saw them, where the replay had parted from the session (see `Regrader`).
    public var tasksKeptFromSession: [TaskKeptFromSession] = []

    public var score: Int { lessons.reduce(0) { $0 + $1.score } }
    public var maximum: Int { lessons.reduce(0) { $0 + $1.maximum } }
}

/// A command that ended with one exit code when the learner typed it and another when grading replayed it.
public struct ReplayDisagreement: Equatable, Sendable, CustomStringConvertible {
    /// The record's place in the transcript.
    public var seq: Int
    public var lesson: String
    public var exam: Bool
    public var command: String
    public var liveExitCode: Int32
    public var replayExitCode: Int32

    public var description: String {
        "event \(seq) (\(lesson)\(exam ? ", exam" : "")): `\(Self.printable(command))` ended with exit code \(liveExitCode) in the session and \(replayExitCode) when replayed"
    }

    /// The command on one line, safe for the instructor's terminal: line breaks (a here-document) shown as `\n`,
    /// other control characters (an escape sequence a learner typed) as `?`.
    static func printable(_ command: String) -> String {
        String(String.UnicodeScalarView(command.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            if scalar == "\n" { return ["\\", "n"] }
            return scalar.properties.generalCategory == .control ? ["?"] : [scalar]
        }))
    }
}

/// A task the learner's session saw done that grading counts from the session's own record: its replay had parted
/// from the session before it (a command that ended otherwise), so the replay's sandbox is not the learner's.
public struct TaskKeptFromSession: Equatable, Sendable, CustomStringConvertible {
    /// The `task-completed` record's place in the transcript.
    public var seq: Int
    public var lesson: String
    public var exam: Bool
    public var task: String

    public var description: String {
        "event \(seq) (\(lesson)\(exam ? ", exam" : "")): task \(task) counted as done in the session; its replay had parted from the session"
    }
}

/// Per question, across learners: what instructors ask of a quiz.
public struct ItemAnalysis: Equatable, Sendable {
    /// The question's or task's id.
    public var question: String
    public var lesson: String
    /// "question" or "task".
    public var kind = "question"
    public var attempted = 0
    /// Answers (or, for a task, commands) given in all, across learners.
    public var attempts = 0
    public var rightFirstTime = 0
    public var rightEventually = 0
    public var skipped = 0
    /// The most common wrong answers (normalised), with how many learners gave each.
    public var commonWrongAnswers: [(answer: String, count: Int)] = []

    public static func == (lhs: ItemAnalysis, rhs: ItemAnalysis) -> Bool {
        lhs.question == rhs.question && lhs.attempted == rhs.attempted && lhs.rightFirstTime == rhs.rightFirstTime
            && lhs.rightEventually == rhs.rightEventually && lhs.skipped == rhs.skipped
            && lhs.commonWrongAnswers.map(\.answer) == rhs.commonWrongAnswers.map(\.answer)
    }
}

/// One learner's answers to one question, as graded.
public struct QuestionAnswers: Equatable, Sendable {
    /// Each answer as the course's letters (exam shuffles undone), normalised.
    public var attempts: [String]
    public var rightFirstTime: Bool
    public var rightEventually: Bool
    public var skipped: Bool
}
