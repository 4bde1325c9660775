import Lessons
import Transcripts

/// The one fold of a learner's learning events: it takes events one by one and answers every question the
/// product asks — each question's and task's status and points under the course's grading policy, each lesson's
/// totals, exam scores, the learner's position, time spent and hints used. The tutor's `progress`, the exam's
/// score sheet, `rolecall grade` and the class server all read a ledger, so they cannot disagree.
///
/// Pure: no sandbox, no clock. Answers are checked here (raw input, never a session's verdict). Task completion
/// comes in as `task-completed` events from whoever ran the commands: the live task runner in a session, the
/// replay when grading (which trusts a transcript's own `task-completed` records only when an instructor asks it to,
/// where the replay has parted from the session: see `Regrader`).
public struct Ledger: Sendable {
    public let rules: LedgerRules

    /// Practice work, per question and task id.
    public private(set) var questions: [String: QuestionRecord]
    public private(set) var tasks: [String: TaskRecord]
    /// The latest exam's work, per item id, for the lessons examined. An exam's score is its own answers only.
    public private(set) var examQuestions: [String: QuestionRecord] = [:]
    public private(set) var examTasks: [String: TaskRecord] = [:]
    /// Lessons examined, and whether each exam included the lessons' tasks.
    public private(set) var examinedLessons: [String: Bool] = [:]
    /// Where the learner is: the last lesson and step entered.
    public private(set) var position: (lesson: String, step: String?)?
    /// Seconds spent per lesson (gaps of more than five minutes count as five) and on the current step.
    public private(set) var seconds: [String: Int] = [:]
    public private(set) var secondsOnStep = 0
    /// The course versions the sessions were made with, in order of first appearance.
    public private(set) var courseVersions: [String] = []
    private var lastTime: [String: Int] = [:]
    /// Exams whose start was folded: the same id starting again is the same sitting resumed.
    private var examsStarted: Set<String> = []
    private var stepEnteredAt: Int?

    public init(rules: LedgerRules, questions: [String: QuestionRecord] = [:], tasks: [String: TaskRecord] = [:]) {
        self.rules = rules
        self.questions = questions
        self.tasks = tasks
    }

    /// What applying an event changed, for the session that shows it.
    public enum Effect: Equatable, Sendable {
        case none
        case answeredRight(points: Int, attempt: Int)
        case answeredWrong(attempt: Int, closed: Bool)
        case hintTaken(index: Int)
        case skipped(points: Int)
        case taskDone(points: Int)
        /// The event changes nothing: the item is settled, unknown, or not open in this context.
        case ignored
    }

    public static let maximumGap = 300

    @discardableResult
    public mutating func apply(_ event: LearningEvent, at time: Int? = nil) -> Effect {
        if let time { account(time, lesson: event.lesson) }
        switch event.kind {
        case .sessionStart:
            if let version = event.course, !courseVersions.contains(version) { courseVersions.append(version) }
            return .none
        case .sessionEnd:
            return .none
        case .lessonEntered, .stepEntered:
            if let lesson = event.lesson {
                position = (lesson, event.step)
                stepEnteredAt = time
                secondsOnStep = 0
            }
            return .none
        case .answer:
            guard let id = event.item, let input = event.input, let question = rules.question(id) else { return .ignored }
            let answer = rules.unshuffled(input, order: event.choiceOrder, question: question)
            if let exam = event.exam { return examAnswer(answer, to: question, exam: exam) }
            return practiceAnswer(answer, to: question)
        case .hint:
            guard let id = event.item, event.exam == nil else { return .ignored }
            if let question = rules.question(id) {
                var record = questions[id] ?? QuestionRecord()
                guard !record.isSettled, record.hintsUsed < question.hints.count else { return .ignored }
                record.hintsUsed += 1
                questions[id] = record
                return .hintTaken(index: record.hintsUsed - 1)
            }
            guard let task = rules.task(id) else { return .ignored }
            var record = tasks[id] ?? TaskRecord()
            guard !record.isSettled, record.hintsUsed < task.hints.count else { return .ignored }
            record.hintsUsed += 1
            tasks[id] = record
            return .hintTaken(index: record.hintsUsed - 1)
        case .skip:
            guard let id = event.item, event.exam == nil else { return .ignored }
            if let question = rules.question(id) {
                var record = questions[id] ?? QuestionRecord()
                guard !record.isSettled else { return .ignored }
                record.skipped = true
                record.points = rules.policy.pointsForSkipping(question.points)
                questions[id] = record
                return .skipped(points: record.points)
            }
            guard let task = rules.task(id) else { return .ignored }
            var record = tasks[id] ?? TaskRecord()
            guard !record.isSettled else { return .ignored }
            record.skipped = true
            record.points = rules.policy.pointsForSkipping(task.points)
            tasks[id] = record
            return .skipped(points: record.points)
        case .command:
            guard let id = event.item, let line = event.input, rules.hasTask(id) else { return .none }
            if event.exam != nil {
                if let lesson = rules.lessonOfItem[id], examinedLessons[lesson] != true { examinedLessons[lesson] = true }
                examTasks[id, default: TaskRecord()].commands.append(line)
                return .none
            }
            guard tasks[id]?.isSettled != true else { return .ignored }
            tasks[id, default: TaskRecord()].commands.append(line)
            return .none
        case .taskCompleted:
            guard let id = event.item, let task = rules.task(id) else { return .ignored }
            if event.exam != nil {
                guard examTasks[id]?.completed != true else { return .ignored }
                examTasks[id, default: TaskRecord()].completed = true
                examTasks[id]?.points = task.points
                return .taskDone(points: task.points)
            }
            var record = tasks[id] ?? TaskRecord()
            guard !record.isSettled else { return .ignored }
            record.completed = true
            record.points = rules.policy.points(for: task, hints: record.hintsUsed)
            tasks[id] = record
            return .taskDone(points: record.points)
        case .reset:
            guard event.scope == "lesson", let lessonID = event.lesson, let lesson = rules.lesson(lessonID) else { return .none }
            for question in lesson.questions { questions[question.id] = nil }
            for task in lesson.tasks { tasks[task.id] = nil }
            return .none
        case .examStart:
            // A class exam resumed in a new session starts again under the same id: it goes on, as the class
            // counts it (the class server's gate never passes the second start on; a transcript file holds it).
            if let exam = event.exam, !examsStarted.insert(exam).inserted { return .none }
            for lessonID in event.lessons ?? [] {
                guard let lesson = rules.lesson(lessonID) else { continue }
                // The latest exam of a lesson is its score: a retake starts from nothing.
                examinedLessons[lessonID] = event.withTasks ?? false
                for question in lesson.questions { examQuestions[question.id] = nil }
                for task in lesson.tasks { examTasks[task.id] = nil }
            }
            return .none
        case .examEnd:
            return .none
        }
    }

    private mutating func practiceAnswer(_ answer: String, to question: Question) -> Effect {
        let rules = rules
        // Changed in place in the table, looked up once: a copy taken out would share its attempts and copy them
        // on append, and grading a class folds every answer of every learner here.
        return Self.update(&questions[question.id, default: QuestionRecord()]) { record in
            guard !record.isSettled else { return .ignored }
            record.attempts.append(answer)
            let attempt = record.attempts.count
            if rules.isCorrect(answer, question: question) {
                record.correct = true
                record.points = rules.policy.points(for: question, rightOnAttempt: attempt, hints: record.hintsUsed)
                return .answeredRight(points: record.points, attempt: attempt)
            }
            let closed = rules.policy.maxAttempts.map { attempt >= $0 } ?? false
            if closed { record.closed = true }
            return .answeredWrong(attempt: attempt, closed: closed)
        }
    }

    /// Runs `change` on a record in place (a table's `modify` access, for one lookup).
    private static func update<Record, Result>(_ record: inout Record, _ change: (inout Record) -> Result) -> Result {
        change(&record)
    }

    /// In an exam the first answer to each question is the one that counts.
    private mutating func examAnswer(_ answer: String, to question: Question, exam: String) -> Effect {
        // An exam answer whose exam-start is missing (a damaged transcript) still marks its lesson as examined.
        if let lesson = rules.lessonOfItem[question.id], examinedLessons[lesson] == nil { examinedLessons[lesson] = false }
        guard examQuestions[question.id]?.attempts.isEmpty != false else { return .ignored }
        var record = QuestionRecord()
        record.attempts = [answer]
        if rules.isCorrect(answer, question: question) {
            record.correct = true
            record.points = question.points
            examQuestions[question.id] = record
            return .answeredRight(points: question.points, attempt: 1)
        }
        record.closed = true
        examQuestions[question.id] = record
        return .answeredWrong(attempt: 1, closed: true)
    }

    private mutating func account(_ time: Int, lesson: String?) {
        if let lesson {
            if let previous = lastTime[lesson] { seconds[lesson, default: 0] += min(Self.maximumGap, max(0, time - previous)) }
            lastTime[lesson] = time
        }
        if let entered = stepEnteredAt { secondsOnStep = max(0, time - entered) }
    }

    // MARK: Reading

    public func question(_ id: String) -> QuestionRecord? { questions[id] }
    public func task(_ id: String) -> TaskRecord? { tasks[id] }

    public func isSettled(question id: String) -> Bool { questions[id]?.isSettled ?? false }
    public func isSettled(task id: String) -> Bool { tasks[id]?.isSettled ?? false }

    /// Whether an exam of this id has started: the same id starting again is that sitting resumed, which goes on.
    public func hasStarted(exam id: String) -> Bool { examsStarted.contains(id) }

    /// A lesson's totals: its latest exam's when it was examined, its practice otherwise.
    public func score(of lesson: Lesson) -> LessonScore {
        if let withTasks = examinedLessons[lesson.id] { return examScore(of: lesson, withTasks: withTasks) }
        var score = LessonScore(lesson: lesson.id)
        score.seconds = seconds[lesson.id] ?? 0
        for question in lesson.questions {
            score.maximum += question.points
            guard let record = questions[question.id] else {
                score.unanswered += 1
                continue
            }
            score.hintsUsed += record.hintsUsed
            score.attempts += record.attempts.count
            score.wrongAttempts += record.wrongAttempts
            score.score += record.points
            if record.correct { score.right += 1 }
            else if record.skipped { score.skipped += 1 }
            else if record.attempts.isEmpty { score.unanswered += 1 }
            else { score.wrong += 1 }
        }
        for task in lesson.tasks {
            score.maximum += task.points
            score.tasksTotal += 1
            guard let record = tasks[task.id] else { continue }
            score.hintsUsed += record.hintsUsed
            score.score += record.points
            if record.completed { score.tasksDone += 1 }
        }
        return score
    }

    private func examScore(of lesson: Lesson, withTasks: Bool) -> LessonScore {
        var score = LessonScore(lesson: lesson.id)
        score.isExam = true
        score.seconds = seconds[lesson.id] ?? 0
        for question in lesson.questions {
            score.maximum += question.points
            guard let record = examQuestions[question.id], !record.attempts.isEmpty else {
                score.unanswered += 1
                continue
            }
            score.attempts += 1
            score.wrongAttempts += record.correct ? 0 : 1
            score.score += record.points
            if record.correct { score.right += 1 } else { score.wrong += 1 }
        }
        guard withTasks else { return score }
        for task in lesson.tasks {
            score.maximum += task.points
            score.tasksTotal += 1
            if examTasks[task.id]?.completed == true {
                score.tasksDone += 1
                score.score += task.points
            }
        }
        return score
    }

    /// Every lesson's totals, in course order.
    public var scores: [LessonScore] { rules.course.lessons.map(score(of:)) }
    public var total: (score: Int, maximum: Int) {
        scores.reduce((0, 0)) { ($0.0 + $1.score, $0.1 + $1.maximum) }
    }
}
