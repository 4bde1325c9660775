/// What a learner did with one question: every answer as typed, and how it was settled. The saved form is
/// progress format 1's; new fields must keep older files loading (they read as zero).
public struct QuestionRecord: Codable, Sendable, Equatable {
    /// Every answer in the order given (for a shuffled exam question, in the course's letters).
    public var attempts: [String] = []
    public var correct = false
    public var skipped = false
    /// Closed as wrong after the course's maximum number of attempts.
    public var closed: Bool? = nil
    /// Hints taken before the question was settled.
    public var hintsUsed = 0
    public var points = 0

    public init() {}

    /// Answered right, skipped, or out of attempts: nothing the learner does changes it any more.
    public var isSettled: Bool { correct || skipped || closed == true }
    /// Answers that were not right.
    public var wrongAttempts: Int { correct ? attempts.count - 1 : attempts.count }
}

/// What a learner did with one hands-on task.
public struct TaskRecord: Codable, Sendable, Equatable {
    /// Every line typed while the task was open.
    public var commands: [String] = []
    public var completed = false
    public var skipped = false
    public var hintsUsed = 0
    public var points = 0

    public init() {}

    public var isSettled: Bool { completed || skipped }
}

/// A lesson's totals, as the tutor's `progress`, an exam's score sheet and the gradebook show them.
public struct LessonScore: Equatable, Sendable {
    public var lesson: String
    public var score = 0
    public var maximum = 0
    public var right = 0
    public var wrong = 0
    public var skipped = 0
    public var unanswered = 0
    /// Answers given in all, and how many of them were wrong: a learner who tried every choice shows here.
    public var attempts = 0
    public var wrongAttempts = 0
    public var tasksDone = 0
    public var tasksTotal = 0
    public var hintsUsed = 0
    /// Time spent, in seconds, counting gaps between events of at most five minutes.
    public var seconds = 0
    /// The score is the lesson's latest exam's, not its practice.
    public var isExam = false

    public init(lesson: String) {
        self.lesson = lesson
    }
}
