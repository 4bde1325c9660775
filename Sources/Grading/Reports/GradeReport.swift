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
    /// Tasks the session recorded as done where the replay had parted from it (see `Regrader`), counted only when
    /// the instructor asked.
    public var sessionClaims: [SessionClaimedTask] = []

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

/// A task the learner's session recorded as done that the replay did not see done, after the replay had parted from
/// the session (a command that ended otherwise): a claim for the instructor to weigh, counted only on request.
public struct SessionClaimedTask: Equatable, Sendable, CustomStringConvertible {
    /// The `task-completed` record's place in the transcript.
    public var seq: Int
    public var lesson: String
    public var exam: Bool
    public var task: String
    /// Whether grading counted it (`rolecall grade --count-session-claims`).
    public var counted: Bool

    public var description: String {
        let place = "event \(seq) (\(lesson)\(exam ? ", exam" : ""))"
        return counted ? "\(place): task \(task) counted as the session claimed it; its replay had parted from the session"
            : "\(place): task \(task) claimed done by the session, not done in its replay, which had parted from the session; not counted (--count-session-claims counts it)"
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
