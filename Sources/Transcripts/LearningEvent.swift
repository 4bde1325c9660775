/// Something that happened in a learner's session, as the transcript records it: the raw answers and commands,
/// so grading can check them again rather than trust what the session concluded.
public struct LearningEvent: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case sessionStart = "session-start"
        case sessionEnd = "session-end"
        case lessonEntered = "lesson-entered"
        case stepEntered = "step-entered"
        case answer
        case hint
        case skip
        case command
        case taskCompleted = "task-completed"
        case reset
        case examStart = "exam-start"
        case examEnd = "exam-end"
    }

    public var kind: Kind
    public var lesson: String?
    public var step: String?
    /// The question or task id.
    public var item: String?
    /// The answer or command exactly as typed.
    public var input: String?
    /// What the session concluded ("correct", "incorrect", "done"); recorded for reading, never trusted by grading.
    public var verdict: String?
    public var exitCode: Int32?
    /// For `reset`: "lesson" or "sandbox".
    public var scope: String?
    /// For answers in an exam: the original letters in the order they were shown as a, b, c, …
    public var choiceOrder: [String]?
    /// The exam attempt this event belongs to.
    public var exam: String?
    /// For `session-start`: the transcript format the records after it are written in (absent: format 1, the first
    /// release, which wrote no version). Readers skip fields they do not know, so a newer format stays readable.
    public var format: Int?
    /// 2: each lesson's sandbox draws its ids from a generator seeded by the lesson's id; in format 1 every lesson
    /// started from the same sequence (the regrader replays each session's lessons the way they were made).
    /// 3: a plain `NAME=value` (or `NAME=$(…)`) line makes a shell variable the aws CLI does not see until it is
    /// exported, as in a POSIX shell, and a blob typed on the command line is base64 unless
    /// `--cli-binary-format raw-in-base64-out` says otherwise, as in aws CLI v2; sessions of formats 1 and 2 did
    /// neither, and replay as they ran.
    public static let currentFormat = 3
    /// For `session-start`: the learner and a fingerprint of the course files.
    public var learner: String?
    public var course: String?
    /// For `exam-start`: the exam's lessons, seed and time limit in seconds.
    public var lessons: [String]?
    public var seed: Int?
    public var timeLimit: Int?
    /// For `exam-start`: whether the exam includes the lessons' hands-on tasks (absent in older transcripts:
    /// then an exam command of a lesson's task says so).
    public var withTasks: Bool?

    public init(_ kind: Kind, lesson: String? = nil, step: String? = nil, item: String? = nil, input: String? = nil,
                verdict: String? = nil, exitCode: Int32? = nil, scope: String? = nil, choiceOrder: [String]? = nil,
                exam: String? = nil, learner: String? = nil, course: String? = nil) {
        self.kind = kind
        self.lesson = lesson
        self.step = step
        self.item = item
        self.input = input
        self.verdict = verdict
        self.exitCode = exitCode
        self.scope = scope
        self.choiceOrder = choiceOrder
        self.exam = exam
        self.learner = learner
        self.course = course
    }

    /// The first record of a session, stamped with the format this version writes. (The initialiser stamps
    /// nothing, so a record read back says only what its line says.)
    public static func sessionStart(learner: String?, course: String? = nil) -> LearningEvent {
        var event = LearningEvent(.sessionStart, learner: learner, course: course)
        event.format = currentFormat
        return event
    }
}
