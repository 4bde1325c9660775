import Assessment
import Foundation
import Lessons
import Transcripts

/// When a learner counts as stuck; an instructor sets both per server (`--stuck-after-wrong`, `--stuck-after`).
public struct StuckThresholds: Sendable, Equatable {
    /// Wrong answers or failed commands in a row on one step.
    public var failuresInARow: Int
    /// Seconds on one step.
    public var secondsOnStep: Int

    public init(failuresInARow: Int = 3, secondsOnStep: Int = 600) {
        self.failuresInARow = failuresInARow
        self.secondsOnStep = secondsOnStep
    }
}

/// One learner's line on the dashboard.
public struct RosterRow: Codable, Equatable, Sendable {
    public var learner: String
    public var lesson: String?
    public var lessonTitle: String?
    public var step: String?
    public var stepTitle: String?
    /// 1-based position of the step in its lesson, and the lesson's number of steps.
    public var stepNumber: Int?
    public var stepCount: Int?
    /// Seconds since the learner came to the current step (server clock).
    public var secondsOnStep: Int
    public var points: Int
    public var maximum: Int
    public var failuresInARow: Int
    public var stuck: Bool
    /// Why the learner is flagged, in words for the instructor.
    public var stuckReason: String?
    /// The last command that failed, and its exit status.
    public var lastFailedCommand: String?
    public var lastFailedStatus: Int32?
    public var lastSeen: Int64
    public var events: Int
}

/// For one question, every answer the class gave, most frequent first.
public struct AnswerDistribution: Codable, Equatable, Sendable {
    public struct Count: Codable, Equatable, Sendable {
        public var answer: String
        public var count: Int
        public var correct: Bool
    }
    public var question: String
    public var lesson: String
    public var prompt: String
    public var counts: [Count]
}

/// The live state of a class: each learner's ledger (the same fold the tutor and `rolecall grade` use), with
/// what the dashboard adds: time on step by the server's clock, failures in a row, the last failed command, and
/// for each question the answers given. Pure: events and times come in, rows go out.
public struct LiveClass: Sendable {
    public let rules: LedgerRules
    public var thresholds: StuckThresholds
    public private(set) var learners: [String: LiveLearner] = [:]
    /// Question id → normalised answer → how many times it was given.
    private var answers: [String: [String: Int]] = [:]

    public struct LiveLearner: Sendable {
        public var ledger: Ledger
        public var lastSeen: Int64 = 0
        public var stepEnteredAt: Int64 = 0
        public var failuresInARow = 0
        public var lastFailedCommand: String?
        public var lastFailedStatus: Int32?
        public var events = 0
        /// The last record folded: a record is folded once, however often the live view is rebuilt around it.
        public var seq = 0
    }

    public init(rules: LedgerRules, thresholds: StuckThresholds = StuckThresholds()) {
        self.rules = rules
        self.thresholds = thresholds
    }

    /// A learner who joined but has sent nothing yet still has a row.
    public mutating func add(learner name: String, at time: Int64) {
        if learners[name] == nil {
            learners[name] = LiveLearner(ledger: Ledger(rules: rules), lastSeen: time, stepEnteredAt: time)
        }
    }

    /// Folds the learner's record number `seq`, received at `time` (seconds since 1970, server clock). Records
    /// come in order; one already folded is ignored.
    public mutating func apply(_ event: LearningEvent, seq: Int, learner name: String, at time: Int64) {
        add(learner: name, at: time)
        guard var learner = learners[name], seq > learner.seq else { return }
        learner.seq = seq
        let effect = learner.ledger.apply(event, at: Int(time))
        learner.lastSeen = time
        learner.events += 1
        switch event.kind {
        case .lessonEntered, .stepEntered:
            learner.stepEnteredAt = time
            learner.failuresInARow = 0
        case .answer:
            if case .answeredWrong = effect { learner.failuresInARow += 1 }
            if case .answeredRight = effect { learner.failuresInARow = 0 }
            if let id = event.item, let input = event.input, let question = rules.question(id) {
                let answer = Self.normalised(rules.unshuffled(input, order: event.choiceOrder, question: question))
                answers[id, default: [:]][answer, default: 0] += 1
            }
        case .command:
            if let status = event.exitCode, status != 0 {
                learner.failuresInARow += 1
                learner.lastFailedCommand = event.input
                learner.lastFailedStatus = status
            }
        case .taskCompleted:
            learner.failuresInARow = 0
        default:
            break
        }
        learners[name] = learner
    }

    static func normalised(_ answer: String) -> String {
        answer.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public func row(_ name: String, now: Int64) -> RosterRow? {
        guard let learner = learners[name] else { return nil }
        let position = learner.ledger.position
        let lesson = position.flatMap { rules.lesson($0.lesson) }
        let stepIndex = position.flatMap { spot in lesson?.steps.firstIndex { $0.id == spot.step } }
        let total = learner.ledger.total
        let seconds = Int(max(0, now - learner.stepEnteredAt))
        var reason: String?
        if learner.failuresInARow >= thresholds.failuresInARow {
            reason = "\(learner.failuresInARow) failures in a row"
        } else if position != nil, seconds >= thresholds.secondsOnStep {
            reason = "\(seconds / 60) min on this step"
        }
        return RosterRow(
            learner: name, lesson: position?.lesson, lessonTitle: lesson?.title, step: position?.step,
            stepTitle: stepIndex.map { lesson!.steps[$0].title }, stepNumber: stepIndex.map { $0 + 1 },
            stepCount: lesson?.steps.count, secondsOnStep: seconds, points: total.score, maximum: total.maximum,
            failuresInARow: learner.failuresInARow, stuck: reason != nil, stuckReason: reason,
            lastFailedCommand: learner.lastFailedCommand, lastFailedStatus: learner.lastFailedStatus,
            lastSeen: learner.lastSeen, events: learner.events)
    }

    /// Every learner's row, by name.
    public func roster(now: Int64) -> [RosterRow] {
        learners.keys.sorted().compactMap { row($0, now: now) }
    }

    /// The answers given to each question answered so far, in course order.
    public var distributions: [AnswerDistribution] {
        var result: [AnswerDistribution] = []
        for lesson in rules.course.lessons {
            for question in lesson.questions {
                guard let given = answers[question.id] else { continue }
                let counts = given.map { answer, count in
                    AnswerDistribution.Count(answer: answer, count: count, correct: rules.isCorrect(answer, question: question))
                }.sorted { ($0.count, $1.answer) > ($1.count, $0.answer) }
                result.append(AnswerDistribution(question: question.id, lesson: lesson.id, prompt: question.prompt, counts: counts))
            }
        }
        return result
    }

    public func distribution(of question: String) -> AnswerDistribution? {
        distributions.first { $0.question == question }
    }
}
