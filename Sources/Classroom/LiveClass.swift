import Assessment
import Foundation
import Grading
import Lessons
import Sandbox
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
    /// The last request the policy engine denied, found by replaying the learner's commands on the server.
    public var lastDenial: DeniedRequest?
    public var lastSeen: Int64
    public var events: Int
    /// Where the learner is with the class exam they last started.
    public var exam: ExamStatus?
    /// How many commands the server's replay ended otherwise than the learner's session (their tutor and this
    /// server answer some command differently, as when they are different releases), and how many tasks the
    /// session claimed done that the replay did not see done: the points are worth a look (see the learner's page).
    public var replayDisagreementCount = 0
    public var sessionClaimCount = 0
    /// The same in words, as the dashboard shows it beside the points; nil when the replay followed the session.
    public var replayNote: String?
}

/// A learner's state in the class exam they last started, as the dashboard says it.
public enum ExamStatus: String, Codable, Sendable {
    case sitting = "In the exam"
    case handedIn = "Exam handed in"
    case timeUp = "Exam time up"
}

/// A request the engine denied, as the dashboard shows it: what was typed, and the engine's own explanation.
public struct DeniedRequest: Codable, Equatable, Sendable {
    public var command: String
    public var action: String
    public var resource: String
    public var principal: String
    /// "ExplicitDeny" or "ImplicitDeny".
    public var decision: String
    public var explanation: [String]
}

/// Denials grouped by the engine's verdict (the decision and the action), so an instructor sees "twelve learners
/// are missing iam:PassRole" rather than twelve error messages.
public struct DenialGroup: Codable, Equatable, Sendable {
    public var decision: String
    public var action: String
    public var count: Int
    public var learners: [String]
    /// One learner's explanation, as an example of the group.
    public var example: [String]
}

/// One learner's replayed sandbox, for the instructor's page about them.
public struct LearnerDetail: Codable, Equatable, Sendable {
    public struct Command: Codable, Equatable, Sendable {
        public var lesson: String
        public var command: String
        public var stdout: String
        public var stderr: String
        public var exitCode: Int32
    }
    public var learner: String
    public var lesson: String?
    public var whoami: String?
    /// The roles in the learner's sandbox, as `aws iam list-roles` shows them.
    public var roles: String?
    /// Newest first.
    public var recent: [Command]
    public var lastDenial: DeniedRequest?
    /// Where the server's replay parted from the learner's session: the first commands that ended otherwise, how
    /// many in all, and the tasks the session claimed done that the replay did not see done.
    public var replayDisagreements: [String] = []
    public var replayDisagreementCount = 0
    public var sessionClaims: [String] = []
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

/// The live state of a class: each learner's transcript replayed as it arrives (`Regrader.Replay`, the fold
/// `rolecall grade` uses, so points on the dashboard are the points a re-grade gives: answers checked again, tasks
/// done only when their checks pass in the replayed sandbox), with what the dashboard adds: time on step by the
/// server's clock, failures in a row, the last failed command and the engine's reason for the last denial,
/// denials grouped by verdict, and for each question the answers given. Events and times come in, rows go out.
public struct LiveClass {
    public let regrader: Regrader
    public var rules: LedgerRules { regrader.rules }
    public var thresholds: StuckThresholds
    public private(set) var learners: [String: LiveLearner] = [:]
    /// Question id → normalised answer → how many times it was given.
    private var answers: [String: [String: Int]] = [:]
    /// "decision action" → the group.
    private var denials: [String: DenialGroup] = [:]

    public struct LiveLearner {
        public var replay: Regrader.Replay
        public var ledger: Ledger { replay.ledger }
        /// Which exam events count (the class's own exams, on time).
        public var gate = ExamGate()
        public var lastDenial: DeniedRequest?
        public var lastSeen: Int64 = 0
        public var stepEnteredAt: Int64 = 0
        public var failuresInARow = 0
        public var lastFailedCommand: String?
        public var lastFailedStatus: Int32?
        public var events = 0
        /// The last record folded: a record is folded once, however often the live view is rebuilt around it.
        public var seq = 0
    }

    public init(regrader: Regrader, thresholds: StuckThresholds = StuckThresholds()) {
        self.regrader = regrader
        self.thresholds = thresholds
    }

    /// A learner who joined but has sent nothing yet still has a row.
    public mutating func add(learner name: String, at time: Int64) {
        if learners[name] == nil {
            learners[name] = LiveLearner(replay: Regrader.Replay(regrader), lastSeen: time, stepEnteredAt: time)
        }
    }

    /// Folds the learner's record (the server's copy, with the server's time), received at `time` (seconds since
    /// 1970, server clock). Records come in order; one already folded is ignored. Returns the denial group this
    /// record added to, if it was a denied command.
    @discardableResult
    public mutating func apply(_ record: TranscriptRecord, learner name: String, at time: Int64) -> DenialGroup? {
        add(learner: name, at: time)
        guard var learner = learners[name], record.seq > learner.seq else { return nil }
        learner.seq = record.seq
        guard let counted = learner.gate.admit(record) else {
            learner.lastSeen = time
            learner.events += 1
            learners[name] = learner
            return nil
        }
        let event = counted.event
        // Tasks done so far, to see whether a command finished one (counted for commands only).
        let tasksDone = event.kind == .command ? learner.ledger.tasks.values.filter(\.completed).count : 0
        let replayed = learner.replay.apply(counted)
        learner.lastSeen = time
        learner.events += 1
        var group: DenialGroup?
        switch event.kind {
        case .lessonEntered, .stepEntered:
            learner.stepEnteredAt = time
            learner.failuresInARow = 0
        case .answer:
            if let id = event.item, let input = event.input, let question = rules.question(id) {
                let answer = rules.unshuffled(input, order: event.choiceOrder, question: question)
                learner.failuresInARow = rules.isCorrect(answer, question: question) ? 0 : learner.failuresInARow + 1
                answers[id, default: [:]][Self.normalised(answer), default: 0] += 1
            }
        case .command:
            if let status = replayed?.outcome.exitCode ?? event.exitCode, status != 0 {
                learner.failuresInARow += 1
                learner.lastFailedCommand = event.input
                learner.lastFailedStatus = status
            } else {
                // A command that worked breaks a run of failures.
                learner.failuresInARow = 0
            }
            if let denial = replayed?.denial, let command = event.input {
                learner.lastDenial = DeniedRequest(command: command, action: denial.action, resource: denial.resource,
                                                   principal: denial.principal, decision: denial.decision, explanation: denial.explanation)
                let key = denial.decision + " " + denial.action
                var grouped = denials[key] ?? DenialGroup(decision: denial.decision, action: denial.action, count: 0, learners: [], example: denial.explanation)
                grouped.count += 1
                if !grouped.learners.contains(name) { grouped.learners.append(name) }
                denials[key] = grouped
                group = grouped
            }
            if learner.ledger.tasks.values.filter(\.completed).count > tasksDone { learner.failuresInARow = 0 }
        default:
            break
        }
        learners[name] = learner
        return group
    }

    /// A learner's sitting of a class exam, so the fold counts that exam's events (see `ExamGate`).
    public mutating func add(sitting: ExamGate.Sitting, exam: String, learner name: String, at time: Int64) {
        add(learner: name, at: time)
        learners[name]?.gate.add(exam: exam, sitting)
    }

    /// Whether the fold knows the learner's sitting of this exam (another server process may have handed it out).
    public func knows(exam: String, of name: String) -> Bool {
        learners[name]?.gate.sittings[exam] != nil
    }

    /// The learner's sitting of an exam, as the gate holds it.
    public func sitting(of exam: String, learner name: String) -> ExamGate.Sitting? {
        learners[name]?.gate.sittings[exam]
    }

    /// Whether the learner handed the exam in (their `exam-end` reached the server).
    public func hasHandedIn(exam: String, learner name: String) -> Bool {
        learners[name]?.gate.ended.contains(exam) ?? false
    }

    /// The commands the learner typed for each of the exam's tasks so far, for a sitting resumed.
    public func examCommands(_ exam: ExamRecord, learner name: String) -> [String: [String]] {
        guard let learner = learners[name], learner.gate.started.contains(exam.examID) else { return [:] }
        var result: [String: [String]] = [:]
        for lessonID in exam.lessons {
            for task in rules.lesson(lessonID)?.tasks ?? [] {
                if let commands = learner.ledger.examTasks[task.id]?.commands, !commands.isEmpty { result[task.id] = commands }
            }
        }
        return result
    }

    /// A learner's marks in a class exam, by the server's fold: what the server holds of the sitting, checked
    /// against the course. nil when the learner has not started it.
    public func examResult(_ exam: ExamRecord, learner name: String) -> ExamResult? {
        guard let learner = learners[name], learner.gate.started.contains(exam.examID) else { return nil }
        var items: [ExamResult.Item] = []
        for lessonID in exam.lessons {
            guard let lesson = rules.lesson(lessonID) else { continue }
            for step in lesson.steps {
                switch step.interaction {
                case .question(let question):
                    let record = learner.ledger.examQuestions[question.id]
                    items.append(ExamResult.Item(id: question.id, lesson: lessonID, isTask: false,
                                                 handedIn: record.map { !$0.attempts.isEmpty } ?? false,
                                                 right: record?.correct ?? false, points: record?.points ?? 0, maximum: question.points))
                case .task(let task) where exam.withTasks:
                    let record = learner.ledger.examTasks[task.id]
                    items.append(ExamResult.Item(id: task.id, lesson: lessonID, isTask: true,
                                                 handedIn: !(record?.commands.isEmpty ?? true),
                                                 right: record?.completed ?? false, points: record?.points ?? 0, maximum: task.points))
                default:
                    break
                }
            }
        }
        return ExamResult(exam: exam.examID, items: items, late: learner.gate.late[exam.examID] ?? 0)
    }

    /// Denials by verdict, the most frequent first.
    public var denialGroups: [DenialGroup] {
        denials.values.sorted { ($0.count, $1.action) > ($1.count, $0.action) }
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
            lastFailedCommand: learner.lastFailedCommand, lastFailedStatus: learner.lastFailedStatus, lastDenial: learner.lastDenial,
            lastSeen: learner.lastSeen, events: learner.events, exam: Self.examStatus(learner.gate, now: now),
            replayDisagreementCount: learner.replay.disagreementCount, sessionClaimCount: learner.replay.sessionClaims.count,
            replayNote: Self.replayNote(disagreements: learner.replay.disagreementCount, claims: learner.replay.sessionClaims.count))
    }

    /// Beside a learner's points, when the server's replay parted from the session: one home for the words, which
    /// the page's script shows as they are.
    static func replayNote(disagreements: Int, claims: Int) -> String? {
        guard disagreements > 0 else { return nil }
        var note = "replay differs: \(disagreements) command" + (disagreements == 1 ? "" : "s")
        if claims > 0 { note += ", \(claims) task" + (claims == 1 ? "" : "s") + " claimed but not replayed" }
        return note
    }

    static func examStatus(_ gate: ExamGate, now: Int64) -> ExamStatus? {
        guard let (exam, sitting) = gate.sittings.max(by: { $0.value.startedAt < $1.value.startedAt }) else { return nil }
        if gate.ended.contains(exam) { return .handedIn }
        if let deadline = sitting.deadline, now > deadline { return .timeUp }
        return .sitting
    }

    /// One learner's sandbox as the server replayed it: who they are in it, its roles, and their last commands
    /// with what each printed.
    public func detail(_ name: String) -> LearnerDetail? {
        guard let learner = learners[name] else { return nil }
        let lesson = learner.ledger.position?.lesson
        var recent = learner.replay.recentCommands.map {
            LearnerDetail.Command(lesson: $0.lesson, command: $0.command, stdout: $0.outcome.stdout, stderr: $0.outcome.stderr,
                                  exitCode: $0.outcome.exitCode)
        }
        recent.reverse()
        var whoami: String?, roles: String?
        if let lesson, var shell = learner.replay.sandbox(of: lesson) {
            whoami = shell.whoami().trimmingCharacters(in: .whitespacesAndNewlines)
            // Read on a copy, as the account's administrator: the learner's own sandbox is not changed.
            _ = shell.run("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE")
            let listing = shell.run("aws iam list-roles --query 'Roles[].[RoleName,Arn]' --output table --profile default")
            roles = listing.exitCode == 0 ? listing.stdout : listing.stderr
        }
        return LearnerDetail(learner: name, lesson: lesson, whoami: whoami, roles: roles, recent: recent, lastDenial: learner.lastDenial,
                             replayDisagreements: learner.replay.disagreements.map(\.description), replayDisagreementCount: learner.replay.disagreementCount,
                             sessionClaims: learner.replay.sessionClaims.map(\.description))
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
                result.append(Self.distribution(question, lesson: lesson.id, given: given, rules: rules))
            }
        }
        return result
    }

    public func distribution(of id: String) -> AnswerDistribution? {
        guard let question = rules.question(id), let given = answers[id],
              let lesson = rules.course.lessons.first(where: { $0.questions.contains { $0.id == id } }) else { return nil }
        return Self.distribution(question, lesson: lesson.id, given: given, rules: rules)
    }

    static func distribution(_ question: Question, lesson: String, given: [String: Int], rules: LedgerRules) -> AnswerDistribution {
        let counts = given.map { answer, count in
            AnswerDistribution.Count(answer: answer, count: count, correct: rules.isCorrect(answer, question: question))
        }.sorted { ($0.count, $1.answer) > ($1.count, $0.answer) }
        return AnswerDistribution(question: question.id, lesson: lesson, prompt: question.prompt, counts: counts)
    }
}
