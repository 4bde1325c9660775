import Foundation
import Lessons
import Sandbox
import SandboxShell
import Tutor

/// Grades a transcript again from what the learner typed: answers are checked against the course (or an answer
/// key), and tasks by replaying the learner's commands in a fresh, deterministic sandbox, lesson by lesson.
/// The verdicts the session recorded are never used.
public struct Regrader: Sendable {
    public let course: Course
    public let key: AnswerKey
    public let policy: GradingPolicy

    private let seeds = SeededStates()
    private let replays = ReplayMemo()
    private let verdicts = VerdictMemo()

    /// Lookups made once, for the hundreds of events of every transcript.
    private let lessonsByID: [String: Lesson]
    private let questionsByID: [String: Question]
    private let tasksByID: [String: HandsOnTask]

    public init(course: Course, key: AnswerKey = AnswerKey(), policy: GradingPolicy? = nil) {
        self.course = course
        self.key = key
        self.policy = policy ?? course.grading
        lessonsByID = Dictionary(course.lessons.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        questionsByID = Dictionary(course.lessons.flatMap(\.questions).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        tasksByID = Dictionary(course.lessons.flatMap(\.tasks).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What one learner did with one question, gathered from the events.
    struct QuestionWork {
        var answers: [(input: String, choiceOrder: [String]?)] = []
        var hintsBeforeSettled = 0
        var skippedBeforeRight = false
        var isExam = false
    }

    struct TaskWork {
        var isExam = false
        var done = false
        var skipped = false
        var hintsBeforeDone = 0
    }

    public func grade(learner: String, audit: TranscriptAudit) -> LearnerReport {
        var questions: [String: QuestionWork] = [:]
        var tasks: [String: TaskWork] = [:]
        var shells: [String: SandboxShell] = [:]
        /// Per lesson, the commands replayed so far: the key to results other learners' replays already produced.
        var histories: [String: ReplayMemo.History] = [:]
        var taskOutcomes: [String: [ShellOutcome]] = [:]
        var seconds: [String: Int] = [:]
        var lastTime: [String: Int] = [:]
        var examLessons = Set<String>()
        var versions: [String] = []

        for record in audit.records {
            let event = record.event
            if event.kind == .sessionStart, let version = event.course, !versions.contains(version) { versions.append(version) }
            if event.kind == .examStart {
                examLessons.formUnion(event.lessons ?? [])
                // An exam's tasks run in fresh sandboxes of their own, apart from the learner's practice ones.
                for lesson in event.lessons ?? [] {
                    shells[Self.examSandbox(lesson)] = nil
                    histories[Self.examSandbox(lesson)] = nil
                }
            }
            // As in the live session, a task's checks see only the commands typed since the learner came to its
            // step in this sitting.
            if [.sessionStart, .stepEntered, .lessonEntered, .reset, .examStart].contains(event.kind) { taskOutcomes = [:] }
            guard let lessonID = event.lesson, let lesson = lessonsByID[lessonID] else { continue }
            if let time = Self.epochSeconds(record.time) {
                if let previous = lastTime[lessonID] {
                    seconds[lessonID, default: 0] += min(300, max(0, time - previous))
                }
                lastTime[lessonID] = time
            }
            switch event.kind {
            case .answer:
                guard let id = event.item, let input = event.input else { continue }
                var work = questions[id] ?? QuestionWork()
                // An exam supersedes practice: once a question is examined, only exam answers count for it.
                if event.exam != nil, !work.isExam {
                    work = QuestionWork()
                    work.isExam = true
                }
                if event.exam == nil, work.isExam { continue }
                work.answers.append((input, event.choiceOrder))
                questions[id] = work
            case .hint:
                guard let id = event.item else { continue }
                if questionsByID[id] != nil {
                    questions[id, default: QuestionWork()].hintsBeforeSettled += isRight(questions[id], id) ? 0 : 1
                } else if tasks[id]?.done != true, tasks[id]?.isExam != true {
                    tasks[id, default: TaskWork()].hintsBeforeDone += 1
                }
            case .skip:
                guard let id = event.item else { continue }
                if questionsByID[id] != nil {
                    if !isRight(questions[id], id) { questions[id, default: QuestionWork()].skippedBeforeRight = true }
                } else if tasks[id]?.done != true, tasks[id]?.isExam != true {
                    tasks[id, default: TaskWork()].skipped = true
                }
            case .reset:
                shells[lessonID] = nil
                histories[lessonID] = nil
                if event.scope == "lesson" {
                    for question in lesson.questions { questions[question.id] = nil }
                    for task in lesson.tasks { tasks[task.id] = nil; taskOutcomes[task.id] = nil }
                }
            case .command:
                guard let line = event.input else { continue }
                let sandbox = event.exam == nil ? lessonID : Self.examSandbox(lessonID)
                // The history covers each command and the task it was typed for, so it fixes both the sandbox
                // state and what a task's checks see.
                let history = (histories[sandbox] ?? ReplayMemo.History(lesson: sandbox)).appending(line, item: event.item)
                histories[sandbox] = history
                let outcome: ShellOutcome
                var shell: SandboxShell
                if let known = replays.result(after: history) {
                    shell = SandboxShell(state: known.state)
                    outcome = known.outcome
                } else {
                    shell = shells[sandbox] ?? freshShell(for: lesson)
                    outcome = shell.run(line)
                    replays.remember(shell.state, outcome, after: history)
                }
                shells[sandbox] = shell
                guard let taskID = event.item, let task = tasksByID[taskID] else { continue }
                // As with questions, an exam supersedes practice: once a task is examined, only exam commands count.
                if event.exam != nil, tasks[taskID]?.isExam != true { tasks[taskID] = TaskWork(isExam: true) }
                if event.exam == nil, tasks[taskID]?.isExam == true { continue }
                guard tasks[taskID]?.done != true else { continue }
                taskOutcomes[taskID, default: []].append(outcome)
                let seen = taskOutcomes[taskID]?.count ?? 0
                let done = replays.checks(after: history, task: taskID, commandsSeen: seen) {
                    let context = TaskContext(shell: shell, outcomes: taskOutcomes[taskID] ?? [])
                    return CheckEvaluator.unmet(task, in: context).isEmpty
                }
                if done { tasks[taskID, default: TaskWork()].done = true }
            default:
                continue
            }
        }

        var answers: [String: QuestionAnswers] = [:]
        var scores: [LessonScore] = []
        for lesson in course.lessons {
            var score = LessonScore(lesson: lesson.id)
            score.isExam = examLessons.contains(lesson.id)
            score.seconds = seconds[lesson.id] ?? 0
            for question in lesson.questions {
                score.maximum += question.points
                let work = questions[question.id]
                score.hintsUsed += work?.hintsBeforeSettled ?? 0
                let graded = key.applied(to: question)
                let result = points(for: graded, work: work)
                if let work, !work.answers.isEmpty || work.skippedBeforeRight {
                    let verdicts = work.answers.map { isCorrect($0.input, order: $0.choiceOrder, question: graded) }
                    answers[question.id] = QuestionAnswers(
                        attempts: work.answers.map { unshuffled($0.input, order: $0.choiceOrder, question: graded) },
                        rightFirstTime: verdicts.first == true && !work.skippedBeforeRight, rightEventually: result.outcome == .right,
                        skipped: result.outcome == .skipped)
                }
                score.score += result.points
                switch result.outcome {
                case .right: score.right += 1
                case .wrong: score.wrong += 1
                case .skipped: score.skipped += 1
                case .unanswered: score.unanswered += 1
                }
            }
            for task in lesson.tasks {
                score.maximum += task.points
                score.tasksTotal += 1
                let work = tasks[task.id]
                score.hintsUsed += work?.hintsBeforeDone ?? 0
                if work?.done == true {
                    score.tasksDone += 1
                    score.score += policy.points(for: task, hints: work?.hintsBeforeDone ?? 0)
                } else if work?.skipped == true {
                    score.score += policy.pointsForSkipping(task.points)
                }
            }
            scores.append(score)
        }
        return LearnerReport(learner: learner, lessons: scores, problems: audit.problems, courseVersions: versions, answers: answers)
    }

    enum Outcome { case right, wrong, skipped, unanswered }

    /// Seconds since 1970 of a transcript time, `YYYY-MM-DDTHH:MM:SSZ` as the tutor writes it. Parsed by hand:
    /// a date formatter per record was most of the cost of grading a class.
    static func epochSeconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        // Days from civil (Howard Hinnant).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Whether the learner has already answered a question right (used to ignore later hints and skips).
    private func isRight(_ work: QuestionWork?, _ id: String) -> Bool {
        guard let work, let question = questionsByID[id] else { return false }
        return work.answers.contains { isCorrect($0.input, order: $0.choiceOrder, question: key.applied(to: question)) }
    }

    /// Answers to shuffled exam questions are typed against the letters as shown; map them back to the course's.
    func unshuffled(_ input: String, order: [String]?, question: Question) -> String {
        guard question.kind == .singleChoice || question.kind == .multipleChoice else { return AnswerChecker.normalize(input) }
        let shown = AnswerChecker.choiceLettersInOrder(input)
        guard let order, !order.isEmpty else { return shown.sorted().joined(separator: " ") }
        return shown.map { letter -> String in
            guard let index = letter.unicodeScalars.first.map({ Int($0.value) - 97 }), order.indices.contains(index) else { return letter }
            return order[index]
        }.sorted().joined(separator: " ")
    }

    func isCorrect(_ input: String, order: [String]?, question: Question) -> Bool {
        let answer = order == nil ? input : unshuffled(input, order: order, question: question)
        return verdicts.isCorrect(answer, question: question)
    }

    func points(for question: Question, work: QuestionWork?) -> (points: Int, outcome: Outcome) {
        guard let work else { return (0, .unanswered) }
        let attempts = work.isExam ? Array(work.answers.prefix(1)) : work.answers
        if let index = attempts.firstIndex(where: { isCorrect($0.input, order: $0.choiceOrder, question: question) }), !work.skippedBeforeRight {
            return (policy.points(for: question, rightOnAttempt: index + 1, hints: work.hintsBeforeSettled), .right)
        }
        if work.skippedBeforeRight { return (policy.pointsForSkipping(question.points), .skipped) }
        return (0, attempts.isEmpty ? .unanswered : .wrong)
    }

    /// A lesson's starting sandbox. Seeding is deterministic, so it is done once per lesson and copied for every
    /// learner.
    /// The replay key of a lesson's exam sandbox, kept apart from its practice sandbox.
    static func examSandbox(_ lesson: String) -> String { lesson + "|exam" }

    private func freshShell(for lesson: Lesson) -> SandboxShell {
        SandboxShell(state: seeds.state(for: lesson))
    }
}

extension Regrader {
    /// Per question, across learners: how many answered, got it right first time or at all, skipped it, and the
    /// wrong answers given most often.
    public func itemAnalysis(_ reports: [LearnerReport]) -> [ItemAnalysis] {
        var result: [ItemAnalysis] = []
        for lesson in course.lessons {
            for question in lesson.questions {
                var item = ItemAnalysis(question: question.id, lesson: lesson.id)
                var wrong: [String: Int] = [:]
                for report in reports {
                    guard let answers = report.answers[question.id] else { continue }
                    item.attempted += 1
                    if answers.rightFirstTime { item.rightFirstTime += 1 }
                    if answers.rightEventually { item.rightEventually += 1 }
                    if answers.skipped { item.skipped += 1 }
                    let graded = key.applied(to: question)
                    for attempt in Set(answers.attempts) where AnswerChecker.check(attempt, against: graded) == .incorrect {
                        wrong[attempt, default: 0] += 1
                    }
                }
                item.commonWrongAnswers = wrong.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { ($0.key, $0.value) }
                result.append(item)
            }
        }
        return result
    }
}

/// Each lesson's seeded starting state, made once and shared by every learner's replay.
final class SeededStates: @unchecked Sendable {
    private var states: [String: ShellState] = [:]
    private let lock = NSLock()

    func state(for lesson: Lesson) -> ShellState {
        lock.lock()
        defer { lock.unlock() }
        if let state = states[lesson.id] { return state }
        let state = SeedApplier.startingState(for: lesson)
        states[lesson.id] = state
        return state
    }
}

/// Results of replayed command sequences, shared by every learner's replay. The sandbox is deterministic (its
/// clock and ids live in its state), so the same commands from the same starting state always give the same
/// state and output: learners who typed the same commands share one replay. Bounded, because a class with
/// varied commands could otherwise hold a state for every prefix of every learner's history.
final class ReplayMemo: @unchecked Sendable {
    /// A lesson's command history so far, as two independent 64-bit hashes and a length: built step by step, so
    /// extending it costs the same however long it is, and two different histories practically never collide.
    struct History: Hashable, Sendable {
        var lesson: String
        var first = 0
        var second = 0
        var count = 0

        init(lesson: String) {
            self.lesson = lesson
        }

        func appending(_ line: String, item: String?) -> History {
            var next = self
            var hasher = Hasher()
            hasher.combine(first)
            hasher.combine(line)
            hasher.combine(item)
            next.first = hasher.finalize()
            var other = Hasher()
            other.combine(0x5eed)
            other.combine(item)
            other.combine(second)
            other.combine(line)
            next.second = other.finalize()
            next.count += 1
            return next
        }
    }

    struct Result {
        var state: ShellState
        var outcome: ShellOutcome
    }

    struct CheckKey: Hashable {
        var history: History
        var task: String
        var commandsSeen: Int
    }

    static let capacity = 20_000
    private var results: [History: Result] = [:]
    private var checkResults: [CheckKey: Bool] = [:]
    private let lock = NSLock()

    func result(after history: History) -> Result? {
        lock.lock()
        defer { lock.unlock() }
        return results[history]
    }

    func remember(_ state: ShellState, _ outcome: ShellOutcome, after history: History) {
        lock.lock()
        defer { lock.unlock() }
        if results.count < Self.capacity { results[history] = Result(state: state, outcome: outcome) }
    }

    /// Whether a task's checks pass after this history, having seen this many of its commands since the learner
    /// came to its step: computed once, then shared.
    func checks(after history: History, task: String, commandsSeen: Int, evaluate: () -> Bool) -> Bool {
        let key = CheckKey(history: history, task: task, commandsSeen: commandsSeen)
        lock.lock()
        if let known = checkResults[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let verdict = evaluate()
        lock.lock()
        if checkResults.count < Self.capacity { checkResults[key] = verdict }
        lock.unlock()
        return verdict
    }
}

/// Whether an answer is right, remembered per question and answer: a class gives the same few answers to each
/// question many times over, and grading asks about each answer more than once.
final class VerdictMemo: @unchecked Sendable {
    private var verdicts: [String: Bool] = [:]
    private let lock = NSLock()

    func isCorrect(_ answer: String, question: Question) -> Bool {
        let key = question.id + "\u{0}" + answer
        lock.lock()
        if let known = verdicts[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let verdict = AnswerChecker.check(answer, against: question) == .correct
        lock.lock()
        verdicts[key] = verdict
        lock.unlock()
        return verdict
    }
}
