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
/// Pure: the caller supplies the time.
public struct ExamSession {
    public struct Item: Sendable {
        public enum Content: Sendable {
            case question(Question)
            case task(HandsOnTask)
        }

        public var lesson: String
        public var content: Content
        /// The course's letters in the order shown as a, b, c, … (empty when not a choice question).
        public var order: [String]
        public var answer: String?
        /// For a task: the commands typed, and whether its checks passed after one of them.
        public var commands: [String] = []
        public var done = false

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

    public let id: String
    public private(set) var items: [Item]
    public var renderer: TerminalRenderer
    private var index = 0
    private let deadline: Date?
    private let timeLimit: Int?
    private var events: [LearningEvent] = []
    private var shells: [String: SandboxShell] = [:]
    /// Runs the current task's commands; its checks see only these, as in the tutor.
    private var runner = TaskRunner()
    /// The fold of the exam's events: the score sheet reads it, as `rolecall grade` does the transcript's.
    public private(set) var ledger: Ledger
    public private(set) var isFinished = false

    public init(course: Course, lessons: [String], learner: String, seed: Int, timeLimit: Int?, start: Date,
                renderer: TerminalRenderer, includingTasks: Bool = false) {
        var random = SeededRandom(seed: UInt64(bitPattern: Int64(seed)) ^ SeededRandom.hash(learner))
        let chosen = lessons.compactMap { course.lesson(withID: $0) }
        items = chosen.flatMap { lesson in
            lesson.steps.compactMap { step -> Item? in
                switch step.interaction {
                case .question(let question):
                    let letters = question.choices.map(\.letter)
                    return Item(lesson: lesson.id, content: .question(question), order: question.choices.isEmpty ? [] : random.shuffled(letters))
                case .task(let task) where includingTasks:
                    return Item(lesson: lesson.id, content: .task(task), order: [])
                default:
                    return nil
                }
            }
        }
        // Each lesson with a task gets its exam sandbox now, once: the prompt and Tab read it before any command.
        let taskLessons = Set(items.compactMap { if case .task = $0.content { $0.lesson } else { nil } })
        for lesson in chosen where taskLessons.contains(lesson.id) && shells[lesson.id] == nil {
            shells[lesson.id] = SandboxShell(state: SeedApplier.startingState(for: lesson), terminalWidth: renderer.width)
        }
        self.renderer = renderer
        self.timeLimit = timeLimit
        deadline = timeLimit.map { start.addingTimeInterval(TimeInterval($0)) }
        id = "exam-\(seed)-\(Int(start.timeIntervalSince1970))"
        var startEvent = LearningEvent(.examStart, exam: id, learner: learner)
        startEvent.lessons = lessons
        startEvent.seed = seed
        startEvent.timeLimit = timeLimit
        startEvent.withTasks = includingTasks
        ledger = Ledger(rules: LedgerRules(course: course))
        record(startEvent)
    }

    private mutating func record(_ event: LearningEvent) {
        events.append(event)
        ledger.apply(event)
    }

    public mutating func takeEvents() -> [LearningEvent] {
        defer { events = [] }
        return events
    }

    /// The question as shown: its choices in the exam's order, lettered afresh.
    func shown(_ item: Item, question original: Question) -> Question {
        var question = original
        if !item.order.isEmpty {
            question.choices = item.order.enumerated().map { position, letter in
                Question.Choice(letter: String(UnicodeScalar(UInt8(97 + position))), text: original.choices.first { $0.letter == letter }!.text)
            }
            let shownLetters = Dictionary(uniqueKeysWithValues: item.order.enumerated().map { ($1, String(UnicodeScalar(UInt8(97 + $0)))) })
            switch question.answer {
            case .choice(let letter): question.answer = .choice(shownLetters[letter] ?? letter)
            case .choices(let letters): question.answer = .choices(Set(letters.map { shownLetters[$0] ?? $0 }))
            default: break
            }
        }
        return question
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
        if let timeLimit { text += ", \(timeLimit / 60) minute\(timeLimit / 60 == 1 ? "" : "s")" }
        text += ". No hints and no feedback until the end; your first answer to each question counts.\n"
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
            return "Question \(index + 1) of \(items.count)\n" + renderer.render(shown(item, question: question))
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
                if case .unreadable(let advice) = AnswerChecker.check(line, against: shown(item, question: question)) {
                    return (advice + "\n", false)
                }
                items[index].answer = line
                record(LearningEvent(.answer, lesson: item.lesson, item: item.id, input: line,
                                     choiceOrder: item.order.isEmpty ? nil : item.order, exam: id))
                return advance()
            case .task(let task):
                return (run(line, for: task), false)
            }
        }
    }

    /// A command typed for the current task, run in its lesson's exam sandbox. The command's own output is shown
    /// (a learner needs it to work), but not whether the task is now complete.
    private mutating func run(_ line: String, for task: HandsOnTask) -> String {
        let word = String(line.split(separator: " ", maxSplits: 1).first ?? "")
        guard SandboxShell.commands.contains(word) else {
            let suggestion = Suggestions.didYouMean(word, among: SandboxShell.commands + ExamWord.words(onTask: true))
            return "Unknown command '\(word)'.\(suggestion) Type an aws command, next to move on, or finish to end the exam.\n"
        }
        let lessonID = items[index].lesson
        guard var shell = shells[lessonID] else { return "" }
        shell.terminalWidth = renderer.width
        let (outcome, done) = runner.run(line, in: &shell, task: task)
        shells[lessonID] = shell
        items[index].commands.append(line)
        record(LearningEvent(.command, lesson: lessonID, item: task.id, input: line, exitCode: outcome.exitCode, exam: id))
        if done, !items[index].done {
            items[index].done = true
            record(LearningEvent(.taskCompleted, lesson: lessonID, item: task.id, verdict: "done", exam: id))
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
            letters = shown(item, question: question).answerCompletions
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

    /// Each item with the answer given or the task's result, whether it was right, and the total.
    public func scoreSheet() -> String {
        var lines = ["Score sheet:"]
        var score = 0, maximum = 0
        for (position, item) in items.enumerated() {
            maximum += item.points
            let right: Bool
            let detail: String
            switch item.content {
            case .question(let original):
                let question = shown(item, question: original)
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

/// SplitMix64: a small generator, so an exam's order depends only on the seed and the learner.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            result.swapAt(index, other)
        }
        return result
    }
}
