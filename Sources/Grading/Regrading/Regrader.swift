import AWSModel
import Foundation
import Lessons
import Sandbox
import SandboxShell
import ShellWords
import Assessment
import Transcripts

/// Grades a transcript again from what the learner typed: verify the chain (the caller's `TranscriptAudit`),
/// replay the commands into fresh, deterministic sandboxes, lesson by lesson, and fold the events into a
/// `Ledger` — the same fold the tutor and the exam keep live, so they agree. Answers are checked again by the
/// ledger (against the course, or an answer key); a task is done when its checks pass in the replay. The
/// verdicts the session wrote are never used, nor its `task-completed` records: where the replay has parted from
/// the session, they are reported as claims, and counted only when the instructor asks (`countsSessionClaims`).
public struct Regrader: Sendable {
    public let course: Course
    public let key: AnswerKey
    public let policy: GradingPolicy
    public let rules: LedgerRules

    /// Whether a task the session claimed done, where the replay had parted from the session, counts: for an
    /// instructor re-grading after an upgrade, who trusts the class's transcripts. Off by default, and never on the
    /// class server: the transcript is the learner's, so a claim is not proof (see `claimFromSession`).
    public let countsSessionClaims: Bool

    private let seeds = SeededStates()
    private let replays = ReplayMemo()

    public init(course: Course, key: AnswerKey = AnswerKey(), policy: GradingPolicy? = nil, countsSessionClaims: Bool = false) {
        self.course = course
        self.key = key
        self.countsSessionClaims = countsSessionClaims
        self.policy = policy ?? course.grading
        rules = LedgerRules(course: course, policy: policy ?? course.grading, answers: key.answers)
    }

    /// The ledger of a transcript's trusted records, with task outcomes from the replay.
    public func ledger(of audit: TranscriptAudit) -> Ledger { replay(of: audit).ledger }

    /// A transcript's trusted records replayed: the ledger, and where the replay did not end as the session did.
    public func replay(of audit: TranscriptAudit) -> Replay {
        // Transcripts from before exams said whether they had tasks: an exam command for a task says so.
        let examsWithTasks = Set(audit.records.compactMap { record -> String? in
            record.event.kind == .command && record.event.item != nil ? record.event.exam : nil
        })
        var replay = Replay(self, examsWithTasks: examsWithTasks)
        for record in audit.records { replay.apply(record) }
        return replay
    }

    /// A transcript replayed record by record, as `ledger(of:)` does for a whole file and the class server does
    /// as records arrive: the same fold, the same sandboxes, so a live view and a re-grade cannot disagree.
    public struct Replay {
        let regrader: Regrader
        public private(set) var ledger: Ledger
        private var shells: [String: SandboxShell] = [:]
        /// Per sandbox, the commands replayed so far: the key to results other learners' replays already produced.
        private var histories: [String: ReplayMemo.History] = [:]
        /// Per task, the outcomes its checks see: by task id in practice, by `examOutcomes` + task id in an exam.
        private var taskOutcomes: [String: [ShellOutcome]] = [:]
        static let examOutcomes = "exam "
        /// Per sandbox, whether it was made with per-lesson ids: fixed when the live session made it (on entering
        /// the lesson for the first time, on a reset, at an exam's start) by the format that session wrote.
        private var idsByLesson: [String: Bool] = [:]
        private var sessionFormat = 1
        private let examsWithTasks: Set<String>

        /// What replaying a command did.
        public struct CommandResult {
            public var outcome: ShellOutcome
            /// The engine's decision, when this command was denied.
            public var denial: Denial?
        }

        /// A command as replayed, for showing what the learner saw.
        public struct ReplayedCommand {
            public var lesson: String
            public var command: String
            public var outcome: ShellOutcome
        }

        /// The last commands replayed, newest last.
        public private(set) var recentCommands: [ReplayedCommand] = []
        /// Commands that succeeded in the session and failed in the replay, or the other way round: what the learner
        /// saw is not what grading saw (a sandbox that has changed since), so an instructor should look before
        /// trusting the grade. One failure for another (252 for 255, a message reworded) is no disagreement. Kept
        /// for the first `disagreementsKept`, counted all: a class server replays for as long as it runs.
        public private(set) var disagreements: [ReplayDisagreement] = []
        /// Sandboxes whose replay has ended a command otherwise than the session did, since they were last made.
        private var divergedSandboxes: Set<String> = []
        /// Tasks the session recorded as done where the replay had parted from it, counted or not.
        public private(set) var sessionClaims: [SessionClaimedTask] = []
        public private(set) var disagreementCount = 0
        static let disagreementsKept = 100
        static let recentLimit = 10

        /// The learner's practice sandbox of a lesson as replayed so far.
        public func sandbox(of lesson: String) -> SandboxShell? { shells[lesson] }

        /// `examsWithTasks`: for transcripts older than `exam-start`'s `withTasks`, the exams that had tasks.
        public init(_ regrader: Regrader, examsWithTasks: Set<String> = []) {
            self.regrader = regrader
            ledger = Ledger(rules: regrader.rules)
            self.examsWithTasks = examsWithTasks
        }

        /// Folds one trusted record; for a command, returns what its replay printed and, if it was denied, why.
        @discardableResult
        public mutating func apply(_ record: TranscriptRecord) -> CommandResult? {
            var event = record.event
            // The replay decides whether a task was done; where it has parted from the session, the session's claim
            // is reported (and counted, if the instructor asked).
            if event.kind == .taskCompleted {
                claimFromSession(event, record: record)
                return nil
            }
            if event.kind == .sessionStart { sessionFormat = event.format ?? 1 }
            // A class exam resumed in a new session writes its `exam-start` again: the sitting goes on, with its
            // sandboxes and the commands its tasks have seen, as the ledger's own fold of the start says.
            let resumesExam = event.kind == .examStart && event.exam.map(ledger.hasStarted(exam:)) == true
            if event.kind == .examStart, !resumesExam {
                if event.withTasks == nil { event.withTasks = event.exam.map(examsWithTasks.contains) ?? false }
                // An exam's tasks run in fresh sandboxes of their own, apart from the learner's practice ones.
                for lesson in event.lessons ?? [] {
                    shells[Regrader.examSandbox(lesson)] = nil
                    histories[Regrader.examSandbox(lesson)] = nil
                    divergedSandboxes.remove(Regrader.examSandbox(lesson))
                    idsByLesson[Regrader.examSandbox(lesson)] = sessionFormat >= 2
                }
            }
            // As in the live session, a task's checks see only the commands typed since the learner came to its
            // step in this sitting. An exam's tasks keep theirs until another exam starts: a class exam resumed in
            // a new session (whose second exam-start the class does not count) goes on from the same commands.
            if event.kind == .examStart {
                if !resumesExam { taskOutcomes = [:] }
            } else if [.sessionStart, .stepEntered, .lessonEntered, .reset].contains(event.kind) {
                taskOutcomes = taskOutcomes.filter { $0.key.hasPrefix(Self.examOutcomes) }
            }
            ledger.apply(event, at: Regrader.epochSeconds(record.time))
            guard let lessonID = event.lesson, regrader.rules.hasLesson(lessonID) else { return nil }
            switch event.kind {
            case .lessonEntered:
                if idsByLesson[lessonID] == nil { idsByLesson[lessonID] = sessionFormat >= 2 }
            case .reset:
                shells[lessonID] = nil
                histories[lessonID] = nil
                divergedSandboxes.remove(lessonID)
                idsByLesson[lessonID] = sessionFormat >= 2
                if event.scope == "lesson", let lesson = regrader.rules.lesson(lessonID) {
                    for task in lesson.tasks { taskOutcomes[task.id] = nil }
                }
            case .command:
                guard let typed = event.input else { return nil }
                // Replayed as the session that wrote it ran it.
                let line = sessionFormat < 3 ? SandboxShell.asRunBeforeFormat3(typed) : typed
                let sandbox = event.exam == nil ? lessonID : Regrader.examSandbox(lessonID)
                // The history covers each command and the task it was typed for, so it fixes both the sandbox
                // state and what a task's checks see.
                let byLesson = idsByLesson[sandbox] ?? (sessionFormat >= 2)
                let history = (histories[sandbox] ?? ReplayMemo.History(lesson: sandbox, idsByLesson: byLesson, blobsAreRaw: sessionFormat < 3))
                    .appending(line, item: event.item)
                histories[sandbox] = history
                let outcome: ShellOutcome
                var shell: SandboxShell
                if let known = regrader.replays.result(after: history) {
                    shell = SandboxShell(state: known.state)
                    outcome = known.outcome
                } else {
                    // Taken out of the table while it runs, so its state is not shared and changes in place.
                    shell = shells.removeValue(forKey: sandbox)
                        ?? SandboxShell(state: regrader.seeds.state(for: regrader.rules.lesson(lessonID)!, idsByLesson: byLesson))
                    shell.blobsAreRaw = sessionFormat < 3
                    outcome = shell.run(line)
                    regrader.replays.remember(shell.state, outcome, after: history)
                }
                shells[sandbox] = shell
                if let live = event.exitCode, (live == 0) != (outcome.exitCode == 0) {
                    disagreementCount += 1
                    divergedSandboxes.insert(sandbox)
                    if disagreements.count < Self.disagreementsKept { disagreements.append(ReplayDisagreement(seq: record.seq, lesson: lessonID, exam: event.exam != nil, command: typed,
                                                            liveExitCode: live, replayExitCode: outcome.exitCode)) }
                }
                recentCommands.append(ReplayedCommand(lesson: sandbox, command: typed, outcome: outcome))
                if recentCommands.count > Self.recentLimit { recentCommands.removeFirst() }
                // The sandbox keeps its last denial; it is this command's when the command printed its message.
                let denial = shell.lastDenial.flatMap { ShellWords.contains($0.message, in: outcome.stderr) ? $0 : nil }
                let result = CommandResult(outcome: outcome, denial: denial)
                guard let taskID = event.item, regrader.rules.hasTask(taskID) else { return result }
                let alreadyDone = event.exam == nil ? ledger.isSettled(task: taskID) : ledger.examTasks[taskID]?.completed == true
                guard !alreadyDone else { return result }
                let key = event.exam == nil ? taskID : Self.examOutcomes + taskID
                taskOutcomes[key, default: []].append(outcome)
                let seen = taskOutcomes[key]?.count ?? 0
                // The task is looked up only when its checks run: most commands' verdicts are already known.
                let done = regrader.replays.checks(after: history, task: taskID, commandsSeen: seen) {
                    regrader.rules.task(taskID).map { TaskRunner.checksPass($0, shell: shell, outcomes: taskOutcomes[key] ?? []) } ?? false
                }
                if done { ledger.apply(LearningEvent(.taskCompleted, lesson: lessonID, item: taskID, exam: event.exam)) }
                return result
            default:
                break
            }
            return nil
        }

        /// A session's own `task-completed` where the replay of the task's sandbox has parted from the session: a
        /// later RoleCall answers some command otherwise (a fix made the sandbox answer as AWS does), so the replay's
        /// state is no longer the one the learner worked in. The claim is reported, and counted only when the
        /// instructor asked: the transcript is the learner's (its hashes can be recomputed, and a grading key sits
        /// with the tutor), so one made-up command "that succeeded" and made-up claims would otherwise earn tasks
        /// without knowing how to do them. Where the replay follows the session, it alone decides.
        private mutating func claimFromSession(_ event: LearningEvent, record: TranscriptRecord) {
            guard let lessonID = event.lesson, let taskID = event.item,
                  regrader.rules.lesson(lessonID)?.tasks.contains(where: { $0.id == taskID }) == true else { return }
            if let exam = event.exam, !ledger.hasStarted(exam: exam) { return }
            let sandbox = event.exam == nil ? lessonID : Regrader.examSandbox(lessonID)
            guard divergedSandboxes.contains(sandbox) else { return }
            let done = event.exam == nil ? ledger.task(taskID)?.completed == true : ledger.examTasks[taskID]?.completed == true
            guard !done, !sessionClaims.contains(where: { $0.task == taskID && $0.exam == (event.exam != nil) }) else { return }
            var counted = false
            if regrader.countsSessionClaims {
                let claim = LearningEvent(.taskCompleted, lesson: lessonID, item: taskID, exam: event.exam)
                if case .taskDone = ledger.apply(claim, at: Regrader.epochSeconds(record.time)) { counted = true }
            }
            sessionClaims.append(SessionClaimedTask(seq: record.seq, lesson: lessonID, exam: event.exam != nil, task: taskID, counted: counted))
        }
    }

    public func grade(learner: String, audit: TranscriptAudit) -> LearnerReport {
        let replay = replay(of: audit)
        let ledger = replay.ledger
        var answers: [String: QuestionAnswers] = [:]
        for lesson in course.lessons {
            let examined = ledger.examinedLessons[lesson.id] != nil
            for question in lesson.questions {
                guard let record = examined ? ledger.examQuestions[question.id] : ledger.question(question.id),
                      !record.attempts.isEmpty || record.skipped else { continue }
                answers[question.id] = QuestionAnswers(
                    attempts: record.attempts, rightFirstTime: record.correct && record.attempts.count == 1,
                    rightEventually: record.correct, skipped: record.skipped && !record.correct)
            }
        }
        var tasks: [String: TaskRecord] = [:]
        for lesson in course.lessons {
            let examined = ledger.examinedLessons[lesson.id] == true
            for task in lesson.tasks {
                if let record = examined ? ledger.examTasks[task.id] : ledger.task(task.id) { tasks[task.id] = record }
            }
        }
        return LearnerReport(learner: learner, lessons: ledger.scores, problems: audit.problems,
                             courseVersions: ledger.courseVersions, answers: answers, tasks: tasks,
                             replayDisagreements: replay.disagreements, replayDisagreementCount: replay.disagreementCount,
                             sessionClaims: replay.sessionClaims)
    }

    /// Seconds since 1970 of a transcript time, `YYYY-MM-DDTHH:MM:SSZ` as the tutor writes it. Parsed by hand:
    /// a date formatter per record was most of the cost of grading a class.
    public static func epochSeconds(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { epochSeconds(utf8: $0) }
    }

    /// Read from the string's own bytes: a copy of them per record showed in grading's profile.
    private static func epochSeconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
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
        return Timestamps.epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The replay key of a lesson's exam sandbox, kept apart from its practice sandbox.
    static func examSandbox(_ lesson: String) -> String { lesson + "|exam" }
}

extension Regrader {
    /// Per question and task, across learners: how many attempted it, got it right first time or at all, skipped
    /// it, how many answers (or commands) they gave, and the wrong answers given most often.
    public func itemAnalysis(_ reports: [LearnerReport]) -> [ItemAnalysis] {
        var result: [ItemAnalysis] = []
        for lesson in course.lessons {
            for question in lesson.questions {
                var item = ItemAnalysis(question: question.id, lesson: lesson.id)
                var wrong: [String: Int] = [:]
                let graded = rules.question(question.id) ?? question
                for report in reports {
                    guard let answers = report.answers[question.id] else { continue }
                    item.attempted += 1
                    item.attempts += answers.attempts.count
                    if answers.rightFirstTime { item.rightFirstTime += 1 }
                    if answers.rightEventually { item.rightEventually += 1 }
                    if answers.skipped { item.skipped += 1 }
                    for attempt in Set(answers.attempts) where !rules.isCorrect(attempt, question: graded) {
                        wrong[attempt, default: 0] += 1
                    }
                }
                item.commonWrongAnswers = wrong.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { ($0.key, $0.value) }
                result.append(item)
            }
            for task in lesson.tasks {
                var item = ItemAnalysis(question: task.id, lesson: lesson.id, kind: "task")
                for report in reports {
                    guard let work = report.tasks[task.id], !work.commands.isEmpty || work.skipped else { continue }
                    item.attempted += 1
                    item.attempts += work.commands.count
                    if work.completed {
                        item.rightEventually += 1
                        if work.commands.count <= task.solution.count { item.rightFirstTime += 1 }
                    }
                    if work.skipped { item.skipped += 1 }
                }
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

    func state(for lesson: Lesson, idsByLesson: Bool) -> ShellState {
        lock.lock()
        defer { lock.unlock() }
        let key = (idsByLesson ? "" : "format-1 ") + lesson.id
        if let state = states[key] { return state }
        let state = SeedApplier.startingState(for: lesson, idsByLesson: idsByLesson)
        states[key] = state
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

        /// Sandboxes made with format 1's shared id sequence replay apart from those with per-lesson ids, and
        /// sessions before format 3 (raw blobs) apart from later ones.
        init(lesson: String, idsByLesson: Bool = true, blobsAreRaw: Bool = false) {
            self.lesson = (idsByLesson ? "" : "format-1 ") + (blobsAreRaw ? "raw-blobs " : "") + lesson
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
    /// Histories replayed once. A result is kept only when a second learner's replay reaches the same history:
    /// most of a class's histories are one learner's own, and keeping their states would make each next command
    /// copy what it changes (the state is shared with the memo) and fill the memo with results nobody reuses.
    private var seenOnce: Set<History> = []
    static let seenCapacity = 200_000
    private let lock = NSLock()

    func result(after history: History) -> Result? {
        lock.lock()
        defer { lock.unlock() }
        return results[history]
    }

    func remember(_ state: ShellState, _ outcome: ShellOutcome, after history: History) {
        lock.lock()
        defer { lock.unlock() }
        guard results.count < Self.capacity else { return }
        if seenOnce.remove(history) != nil {
            results[history] = Result(state: state, outcome: outcome)
        } else {
            // Forgetting the once-seen histories costs only a chance to share; it bounds the memory of a large class.
            if seenOnce.count >= Self.seenCapacity { seenOnce.removeAll() }
            seenOnce.insert(history)
        }
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
