import Foundation
import Lessons

/// Everything the ledger needs to know about a course, looked up once and shared by every learner's ledger:
/// the questions and tasks by id, the grading policy, and the answers to grade against (the course's, or an
/// instructor's answer key).
public final class LedgerRules: @unchecked Sendable {
    // @unchecked: everything is set in init and only read afterwards, but for the verdict memo, which locks.
    public let course: Course
    public let policy: GradingPolicy
    let lessonsByID: [String: Lesson]
    let questionsByID: [String: Question]
    let tasksByID: [String: HandsOnTask]
    let lessonOfItem: [String: String]
    private var verdicts: [String: Bool] = [:]
    private let lock = NSLock()

    /// `answers` replaces the course's answer of a question by id (an answer key).
    public init(course: Course, policy: GradingPolicy? = nil, answers: [String: Question.Answer] = [:]) {
        self.course = course
        self.policy = policy ?? course.grading
        lessonsByID = Dictionary(course.lessons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var questions: [String: Question] = [:]
        var tasks: [String: HandsOnTask] = [:]
        var owners: [String: String] = [:]
        for lesson in course.lessons {
            for var question in lesson.questions where questions[question.id] == nil {
                if let answer = answers[question.id] { question.answer = answer }
                questions[question.id] = question
                owners[question.id] = lesson.id
            }
            for task in lesson.tasks where tasks[task.id] == nil {
                tasks[task.id] = task
                owners[task.id] = lesson.id
            }
        }
        questionsByID = questions
        tasksByID = tasks
        lessonOfItem = owners
    }

    public func question(_ id: String) -> Question? { questionsByID[id] }
    public func task(_ id: String) -> HandsOnTask? { tasksByID[id] }
    public func lesson(_ id: String) -> Lesson? { lessonsByID[id] }
    /// Whether the course has this lesson, without copying it (a replay asks for every record).
    public func hasLesson(_ id: String) -> Bool { lessonsByID.index(forKey: id) != nil }
    /// Whether the course has this task, without copying it (a replay asks for every command).
    public func hasTask(_ id: String) -> Bool { tasksByID.index(forKey: id) != nil }

    /// An answer typed against the letters as shown (`order` lists the course's letters in the order shown as
    /// a, b, c…), in the course's letters, normalised: what is recorded and compared. A typed answer keeps its
    /// letter case, which an ARN's rightness depends on (the checker ignores case everywhere else).
    public func unshuffled(_ input: String, order: [String]?, question: Question) -> String {
        guard question.kind.rules.hasChoices else { return AnswerChecker.normalize(input, lowercasing: false) }
        let shown = AnswerChecker.choiceLettersInOrder(input)
        guard let order, !order.isEmpty else { return shown.sorted().joined(separator: " ") }
        return shown.map { letter -> String in
            guard let index = letter.unicodeScalars.first.map({ Int($0.value) - 97 }), order.indices.contains(index) else { return letter }
            return order[index]
        }.sorted().joined(separator: " ")
    }

    /// Whether an answer (in the course's letters) is right, remembered per question and answer: a class gives the
    /// same few answers to each question many times over.
    public func isCorrect(_ answer: String, question: Question) -> Bool {
        let key = question.id + "\u{0}" + answer
        if let known = lock.withLock({ verdicts[key] }) { return known }
        let verdict = AnswerChecker.check(answer, against: question) == .correct
        lock.withLock { verdicts[key] = verdict }
        return verdict
    }
}
