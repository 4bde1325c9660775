/// A learner's re-graded results, per lesson and in total.
public struct LearnerReport: Equatable, Sendable {
    public var learner: String
    public var lessons: [LessonScore]
    public var problems: [TranscriptAudit.Problem]
    /// The course fingerprints the transcript's sessions were made with.
    public var courseVersions: [String]
    /// Per question id: what the learner answered, for item analysis.
    public var answers: [String: QuestionAnswers] = [:]

    public var score: Int { lessons.reduce(0) { $0 + $1.score } }
    public var maximum: Int { lessons.reduce(0) { $0 + $1.maximum } }
}

public struct LessonScore: Equatable, Sendable {
    public var lesson: String
    public var score = 0
    public var maximum = 0
    public var right = 0
    public var wrong = 0
    public var skipped = 0
    public var unanswered = 0
    public var tasksDone = 0
    public var tasksTotal = 0
    public var hintsUsed = 0
    /// Time spent, in seconds, counting gaps between events of at most five minutes.
    public var seconds = 0
    public var isExam = false
}

/// Per question, across learners: what instructors ask of a quiz.
public struct ItemAnalysis: Equatable, Sendable {
    public var question: String
    public var lesson: String
    public var attempted = 0
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
