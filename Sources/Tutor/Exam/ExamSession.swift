import Assessment
import Foundation
import Lessons
import Rendering
import Sandbox
import SandboxShell
import Suggestions
import Transcripts

/// An exam over some lessons' questions, and optionally their hands-on tasks: no hints and no feedback until the
/// end, choices shuffled per learner from a seed, an optional time limit. Answers and commands go to the transcript
/// marked as the exam's, so grading applies exam rules (the first answer counts; a task counts if its checks
/// passed after any of its commands). Tasks run in a fresh sandbox per lesson, built from the lesson's seed.
///
/// The session works from an `ExamPaper` (what the learner may see), so the same session runs a practice exam,
/// marked here from the course, and a class exam, whose paper comes from the class server that alone holds the
/// answers and marks them. Pure: the caller supplies the time.
public struct ExamSession {
    public struct Item: Sendable {
        public enum Content: Sendable {
            case question(Question)
            case task(HandsOnTask)
        }

        public var lesson: String
        /// As shown: for a question, its prompt and choices in the exam's order; for a task, its goal.
        public var content: Content
        /// The course's letters in the order shown as a, b, c, … (empty when not a choice question).
        public var order: [String]
        public var answer: String?
        /// For a task: the commands typed, and whether its checks passed after one of them.
        public var commands: [String] = []
        public var done = false
        /// Answered in an earlier sitting of the same exam (a class exam resumed): not asked again.
        public var answeredBefore = false

        public var id: String {
            switch content {
            case .question(let question): question.id
            case .task(let task): task.id
            }
        }

        public var points: Int {
            switch content {
            case .question(let question): question.points
            case .task(let task): task.points
            }
        }
    }

    /// Who marks the exam.
    public enum Marker: Sendable {
        /// This session, with the course's answers and checks (a practice exam).
        case here(Ledger)
        /// The class server: the session records answers and commands and can say nothing about them.
        case classServer
    }

    public let id: String
    public let paper: ExamPaper
    public private(set) var items: [Item]
    public var renderer: TerminalRenderer
    private var index = 0
    private let deadline: Date?
    private var events: [LearningEvent] = []
    private var shells: [String: SandboxShell] = [:]
    /// Runs the current task's commands; its checks see only these, as in the tutor.
    private var runner = TaskRunner()
    /// The fold of the exam's events, when this session marks it: the score sheet reads it, as `rolecall grade`
    /// does the transcript's. nil for a class exam.
    public private(set) var ledger: Ledger?
    public private(set) var isFinished = false

    /// A practice exam over `lessons` of `course`, marked here.
    public init(course: Course, lessons: [String], learner: String, seed: Int, timeLimit: Int?, start: Date,
                renderer: TerminalRenderer, includingTasks: Bool = false) {
        let paper = ExamPaper(course: course, lessons: lessons, learner: learner, seed: seed, withTasks: includingTasks,
                              exam: "exam-\(seed)-\(Int(start.timeIntervalSince1970))", timeLimit: timeLimit)
        self.init(paper: paper, marker: .here(Ledger(rules: LedgerRules(course: course))), learner: learner, start: start, renderer: renderer)
    }

    /// An exam from its paper; `start` is when the paper's `secondsLeft` (or its whole time limit) began to run.
    public init(paper: ExamPaper, marker: Marker, learner: String, start: Date, renderer: TerminalRenderer) {
        self.paper = paper
        let answered = Set(paper.answered)
        items = paper.items.compactMap { item in
            let content: Item.Content
            if let question = item.shownQuestion {
                content = .question(question)
            } else if let task = item.shownTask {
                content = .task(task)
            } else {
                return nil
            }
            return Item(lesson: item.lesson, content: content, order: item.order, answeredBefore: answered.contains(item.id))
        }
        // Each lesson with a task gets its exam sandbox now, once: the prompt and Tab read it before any command.
        for (lesson, seed) in paper.sandboxes {
            shells[lesson] = SandboxShell(state: SeedApplier.startingState(lesson: lesson, seed: seed), terminalWidth: renderer.width)
        }
        self.renderer = renderer
        deadline = (paper.secondsLeft ?? paper.timeLimit).map { start.addingTimeInterval(TimeInterval($0)) }
        id = paper.exam
        if case .here(let ledger) = marker { self.ledger = ledger }
        // A sitting resumed: each task's sandbox is brought to where the learner left it (the server's replay has
        // those commands), and the exam goes on where they were: on the last task they typed for, or after the
        // last item handed in.
        for position in items.indices {
            guard let earlier = paper.earlierCommands[items[position].id], var shell = shells[items[position].lesson] else { continue }
            for line in earlier { _ = shell.run(line) }
            shells[items[position].lesson] = shell
            items[position].commands = earlier
        }
        if let last = items.lastIndex(where: \.answeredBefore) {
            if case .task = items[last].content { index = last } else { index = last + 1 }
            while index < items.count, items[index].answeredBefore, case .question = items[index].content { index += 1 }
        }
        var startEvent = LearningEvent(.examStart, exam: id, learner: learner)
        startEvent.lessons = paper.lessons
        startEvent.seed = paper.seed
        startEvent.timeLimit = paper.timeLimit
        startEvent.withTasks = paper.withTasks
        record(startEvent)
    }

    private mutating func record(_ event: LearningEvent) {
        events.append(event)
        ledger?.apply(event)
    }

    public mutating func takeEvents() -> [LearningEvent] {
        defer { events = [] }
        return events
    }

    /// Whether the class server marks this exam (nothing here knows the answers).
    public var isMarkedByServer: Bool { ledger == nil }

    /// The course's question as this exam shows it (choices in its order, the answer in its letters), when the
    /// session marks the exam; the shown question otherwise.
    func shown(_ item: Item, question: Question) -> Question {
        guard let original = ledger?.rules.question(question.id), let paperItem = paper.items.first(where: { $0.id == item.id }) else {
            return question
        }
        return paper.shown(original, as: paperItem)
    }

    private var isOnTask: Bool {
        guard index < items.count, case .task = items[index].content else { return false }
        return true
    }

    private var questionCount: Int { items.filter { if case .question = $0.content { true } else { false } }.count }
    private var taskCount: Int { items.count - questionCount }

    public var hasTimeLimit: Bool { deadline != nil }

    public func isOutOfTime(at now: Date) -> Bool {
        deadline.map { now >= $0 } ?? false
    }

    public func prompt(now: Date) -> String {
        var parts = ["exam \(min(index + 1, items.count))/\(items.count)"]
        if let deadline {
            let left = max(0, Int(deadline.timeIntervalSince(now)))
            parts.append(String(format: "%d:%02d left", left / 60, left % 60))
        }
        if isOnTask, let shell = shells[items[index].lesson] {
            parts.append(shell.promptIdentity)
        }
        return "[" + parts.joined(separator: " · ") + "] $ "
    }

    public func opening() -> String {
        var text = "Exam: \(questionCount) question\(questionCount == 1 ? "" : "s")"
        if taskCount > 0 { text += " and \(taskCount) task\(taskCount == 1 ? "" : "s")" }
        if let seconds = paper.secondsLeft ?? paper.timeLimit {
            let minutes = ExamPaper.minutes(seconds)
            text += ", \(minutes) minute\(minutes == 1 ? "" : "s")\(paper.secondsLeft != nil && paper.secondsLeft != paper.timeLimit ? " left" : "")"
        }
        text += ". No hints and no feedback until the end; your first answer to each question counts.\n"
        if isMarkedByServer {
            text += "This is your class's exam: the class server keeps the time and marks your answers.\n"
            let before = items.filter(\.answeredBefore).count
            if before > 0 { text += "You handed in \(before) item\(before == 1 ? "" : "s") before; the exam goes on where you were.\n" }
        }
        text += "Type the answer, or skip to leave a question unanswered; quit ends the exam.\n"
        if taskCount > 0 {
            text += "For a task, type aws commands in its lesson's sandbox, then next to move on; it counts if its checks passed after any of your commands.\n"
        }
        return text + "\n" + current()
    }

    private func current() -> String {
        guard index < items.count else { return "" }
        let item = items[index]
        switch item.content {
        case .question(let question):
            return "Question \(index + 1) of \(items.count)\n" + renderer.render(question)
        case .task(let task):
            return "Task \(index + 1) of \(items.count)\n" + renderer.render(task)
        }
    }

    public mutating func handle(_ rawLine: String, now: Date) -> (output: String, finished: Bool) {
        guard !isFinished else { return ("", true) }
        if let deadline, now >= deadline {
            return (finish(reason: "Time is up."), true)
        }
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return (current(), false) }
        switch ExamWord.named(line.lowercased(), onTask: isOnTask)?.name {
        case .finish:
            return (finish(reason: "You ended the exam."), true)
        case .skip:
            return advance(skipped: true)
        case .next:
            return advance()
        case .hint:
            return ("There are no hints in an exam; your teacher will go through the answers afterwards.\n", false)
        case nil:
            guard index < items.count else { return (finish(reason: "That was the last item."), true) }
            let item = items[index]
            switch item.content {
            case .question(let question):
                // The shown question knows the answer's shape (one letter, true or false…), not the answer.
                if case .unreadable(let advice) = AnswerChecker.check(line, against: question) {
                    return (advice + "\n", false)
                }
                items[index].answer = line
                record(LearningEvent(.answer, lesson: item.lesson, item: item.id, input: line,
                                     choiceOrder: item.order.isEmpty ? nil : item.order, exam: id))
                return advance()
            case .task:
                return (run(line), false)
            }
        }
    }

    /// A command typed for the current task, run in its lesson's exam sandbox. The command's own output is shown
    /// (a learner needs it to work), but not whether the task is now complete.
    private mutating func run(_ line: String) -> String {
        let word = String(line.split(separator: " ", maxSplits: 1).first ?? "")
        guard SandboxShell.runs(line) else {
            let suggestion = Suggestions.didYouMean(word, among: SandboxShell.commands + ExamWord.words(onTask: true))
            return "Unknown command '\(word)'.\(suggestion) Type an aws command, next to move on, or finish to end the exam.\n"
        }
        let lessonID = items[index].lesson
        let taskID = items[index].id
        guard var shell = shells[lessonID] else { return "" }
        shell.terminalWidth = renderer.width
        // Only a session that marks the exam has the task's checks; the class server replays the commands itself.
        let (outcome, done) = runner.run(line, in: &shell, task: ledger?.rules.task(taskID))
        shells[lessonID] = shell
        items[index].commands.append(line)
        record(LearningEvent(.command, lesson: lessonID, item: taskID, input: line, exitCode: outcome.exitCode, exam: id))
        if done, !items[index].done {
            items[index].done = true
            record(LearningEvent(.taskCompleted, lesson: lessonID, item: taskID, verdict: "done", exam: id))
        }
        var text = outcome.stdout + outcome.stderr
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// Tab completion for the current item: answer letters for a choice question; aws commands, options and the
    /// names in the lesson's exam sandbox for a task.
    public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        guard index < items.count else { return (0, []) }
        let item = items[index]
        var firstWords = ExamWord.words(onTask: isOnTask)
        var letters: [String] = []
        switch item.content {
        case .question(let question):
            letters = question.answerCompletions
        case .task:
            firstWords += SandboxShell.commands
        }
        // A question's completions never reach sandbox names, so an empty world serves.
        let sandbox = shells[item.lesson]?.world ?? Sandbox(state: ShellState.initial().sandbox)
        let context = CommandCompleter.Context(firstWords: firstWords, answerLetters: letters, sandbox: sandbox)
        return CommandCompleter.complete(line: line, cursor: cursor, context: context)
    }

    private mutating func advance(skipped: Bool = false) -> (output: String, finished: Bool) {
        guard index < items.count else { return (finish(reason: "That was the last item."), true) }
        let wasTask = isOnTask
        index += 1
        while index < items.count, items[index].answeredBefore, case .question = items[index].content { index += 1 }
        runner.restart()
        if index >= items.count { return (finish(reason: wasTask ? "That was the last task." : "That was the last question."), true) }
        // A skipped question was not answered: saying "Answer recorded." made learners think it was.
        let said = wasTask ? "Moving on." : skipped ? "Skipped: this question stays unanswered." : "Answer recorded."
        return (said + "\n\n" + current(), false)
    }

    private mutating func finish(reason: String) -> String {
        guard !isFinished else { return "" }
        isFinished = true
        record(LearningEvent(.examEnd, exam: id))
        return reason + "\n\n" + scoreSheet()
    }

    /// Each item with the answer given or the task's result, whether it was right, and the total; for a class
    /// exam, what was handed in (the class server has the marks).
    public func scoreSheet() -> String {
        guard let ledger else { return handedIn() }
        var lines = ["Score sheet:"]
        var score = 0, maximum = 0
        for (position, item) in items.enumerated() {
            maximum += item.points
            let right: Bool
            let detail: String
            switch item.content {
            case .question(let asked):
                let question = shown(item, question: asked)
                right = ledger.examQuestions[item.id]?.correct == true
                detail = "your answer: \(item.answer ?? "none"); correct: \(question.answerDescription)"
            case .task:
                right = ledger.examTasks[item.id]?.completed == true
                let count = item.commands.count
                detail = count == 0 ? "task not attempted" : "task \(item.done ? "done" : "not done") after \(count) command\(count == 1 ? "" : "s")"
            }
            if right { score += item.points }
            let attempted = item.answer != nil || !item.commands.isEmpty
            let mark = !attempted ? "–" : right ? "✓" : "✗"
            lines.append(String(format: "  %@ %2d. %@  (%@)", mark, position + 1, item.id, detail))
        }
        lines.append("Total: \(score)/\(maximum) points")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ExamSession {
    /// What a class exam handed in: each item's answer or number of commands; the marks are the server's.
    func handedIn() -> String {
        var lines = ["Handed in:"]
        for (position, item) in items.enumerated() {
            let detail: String
            switch item.content {
            case .question:
                detail = item.answeredBefore ? "answered before" : "your answer: \(item.answer ?? "none")"
            case .task:
                let count = item.commands.count
                detail = count == 0 ? "task not attempted" : "\(count) command\(count == 1 ? "" : "s")"
            }
            lines.append(String(format: "  %2d. %@  (%@)", position + 1, item.id, detail))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
