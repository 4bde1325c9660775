import AWSCommands
import Assessment
import Foundation
import Lessons
import SessionLoop
import Rendering
import Sandbox
import SandboxShell
import Suggestions
import Transcripts

/// A learner going through the course: what to show, how to take each line they type, what to record.
/// Pure: it turns a line into text to print, and the caller saves `progress` whenever `Response.changed` says so.
public struct TutorSession {
    public struct Response: Equatable, Sendable {
        public var output: String
        public var quit = false
        /// Progress changed and should be saved now.
        public var changed = false
    }

    public private(set) var course: Course
    public private(set) var progress: LearnerProgress
    public var renderer: TerminalRenderer
    private var shell: SandboxShell
    private var lessonIndex = 0
    private var stepIndex = 0
    /// Runs lines for the current task and keeps what its checks see.
    private var runner = TaskRunner()
    /// The fold of this learner's events: every status and point shown comes from it. Its records are saved as
    /// `progress.questions` and `progress.tasks`.
    public private(set) var ledger: Ledger
    private var pendingReset: String?
    /// Said once, with the next step shown: files a newer edition of the lesson added to a sandbox made before it.
    private var seedNotice: String?
    /// A line that could be an answer or a command, waiting for the learner to say which.
    private var pendingAmbiguous: String?
    /// Whether this learner had no saved progress when the session began.
    private let isNewLearner: Bool
    /// What happened since the caller last took the events, for the transcript.
    private var events: [LearningEvent] = []
    /// Whether leaving with Ctrl-D says goodbye (on a terminal; a piped script just ends).
    public var announcesEndOfInput = false
    private var ended = false
    /// In a class: the last lesson the instructor opened; the lessons after it are locked. nil: every lesson.
    public var openThrough: String?
    /// The HTTP endpoint: asked for, on (and where), requests taken.
    var endpoint = EndpointSwitch()

    /// Why the lesson at `index` cannot be entered now, if it is locked.
    func lockedReason(_ index: Int) -> String? {
        guard let openThrough, course.lessons.indices.contains(index), let last = course.lessons.firstIndex(where: { $0.id == openThrough }),
              index > last else { return nil }
        return "\"\(course.lessons[index].title)\" is locked until your instructor opens it; lessons 1 to \(last + 1) are open (type lessons)."
    }

    /// Records the end of the session once, however it ends.
    mutating func endSession() {
        guard !ended else { return }
        ended = true
        events.append(LearningEvent(.sessionEnd))
    }

    /// The events recorded since the last call, oldest first.
    public mutating func takeEvents() -> [LearningEvent] {
        defer { events = [] }
        return events
    }

    /// Records an event for the transcript and folds it into the ledger; returns what it changed.
    @discardableResult
    private mutating func record(_ kind: LearningEvent.Kind, item: String? = nil, input: String? = nil, verdict: String? = nil,
                                 exitCode: Int32? = nil, scope: String? = nil) -> Ledger.Effect {
        guard course.lessons.indices.contains(lessonIndex) else { return .ignored }
        let stepID = lesson.steps.indices.contains(stepIndex) ? step.id : nil
        let event = LearningEvent(kind, lesson: lesson.id, step: stepID, item: item, input: input, verdict: verdict,
                                  exitCode: exitCode, scope: scope)
        events.append(event)
        let effect = ledger.apply(event)
        progress.questions = ledger.questions
        progress.tasks = ledger.tasks
        return effect
    }

    public init(course: Course, progress: LearnerProgress, renderer: TerminalRenderer) {
        self.course = course
        self.progress = progress
        self.renderer = renderer
        isNewLearner = progress.lessons.isEmpty
        ledger = Ledger(rules: LedgerRules(course: course), questions: progress.questions, tasks: progress.tasks)
        shell = SandboxShell(state: .initial(), terminalWidth: renderer.width)
        let lessonID = progress.currentLesson ?? course.lessons.first?.id ?? ""
        let index = course.lessons.firstIndex { $0.id == lessonID } ?? 0
        enter(lesson: index, restoringPosition: true)
    }

    /// Swaps in the fully loaded course (the session may start on a quick load that parsed only the current
    /// lesson), keeping the learner on the same lesson and step.
    public mutating func replaceCourse(_ full: Course) {
        let lessonID = lesson.id
        let stepID = step.id
        course = full
        ledger = Ledger(rules: LedgerRules(course: full), questions: progress.questions, tasks: progress.tasks)
        lessonIndex = full.lessons.firstIndex { $0.id == lessonID } ?? 0
        stepIndex = lesson.steps.firstIndex { $0.id == stepID } ?? 0
    }

    // MARK: Where the learner is

    var lesson: Lesson { course.lessons[lessonIndex] }
    var step: Step { lesson.steps[stepIndex] }

    public var prompt: String {
        // A yes/no question ends the output with its own "[y/N] ": one prompt, one answer.
        if pendingReset != nil || pendingAmbiguous != nil { return "" }
        guard !course.lessons.isEmpty else { return "$ " }
        return "[\(lesson.id) \(stepIndex + 1)/\(lesson.steps.count)] \(shell.promptIdentity) $ "
    }

    /// The commands that make sense on this step, for the line under it.
    public var footer: String {
        var parts: [String] = []
        switch step.interaction {
        case .question(let question) where !isSettled(question):
            parts.append(question.kind.rules.footer)
            parts += ["hint", "skip"]
        case .task(let task) where !isSettled(task):
            parts += ["type aws commands", "check", "hint", "skip"]
        default:
            parts.append(stepIndex + 1 < lesson.steps.count ? "next (or Enter)" : "next lesson: next")
        }
        parts += ["back", "lessons", "help", "quit"]
        return parts.joined(separator: " · ")
    }

    /// The text to show when the session starts: where the learner is, and the current step.
    public mutating func opening() -> String {
        var text = ""
        let done = progress.lessons.values.filter(\.completed).count
        if isNewLearner {
            text += renderer.render([.heading(level: 1, content: [.text(course.title)]), .paragraph([.text(course.description)]),
                                     .paragraph([.text("Type "), .code("help"), .text(" at any time for the commands. Your progress is saved after every answer and command.")])])
            text += "\n" + renderer.renderHeader(of: lesson) + "\n"
        } else {
            text += "Welcome back, \(progress.learner). \(done) of \(course.lessons.count) lessons done; picking up where you left off.\n\n"
        }
        return text + showStep()
    }

    func isSettled(_ question: Question) -> Bool { ledger.isSettled(question: question.id) }
    func isSettled(_ task: HandsOnTask) -> Bool { ledger.isSettled(task: task.id) }

    // MARK: Moving

    private mutating func enter(lesson index: Int, restoringPosition: Bool) {
        guard course.lessons.indices.contains(index) else { return }
        lessonIndex = index
        let lesson = course.lessons[index]
        progress.currentLesson = lesson.id
        var record = progress.lessons[lesson.id] ?? LearnerProgress.LessonRecord()
        if restoringPosition, let stepID = record.currentStep, let position = lesson.steps.firstIndex(where: { $0.id == stepID }) {
            stepIndex = position
        } else {
            stepIndex = 0
        }
        record.currentStep = lesson.steps.isEmpty ? nil : lesson.steps[stepIndex].id
        progress.lessons[lesson.id] = record
        loadSandbox(for: lesson)
        runner.restart()
        self.record(.lessonEntered)
    }

    /// Each lesson has its own sandbox, built from its seed the first time. A sandbox made by an older edition of the
    /// lesson gets the files the lesson has added since (a task may need them); the learner's own files, and
    /// everything else in the sandbox, stay as they are.
    private mutating func loadSandbox(for lesson: Lesson) {
        if var saved = progress.sandboxes[lesson.id] {
            let added = lesson.sandbox.files.filter { saved.sandbox.files[$0.key] == nil }
            if !added.isEmpty {
                for file in added { saved.sandbox.files[file.key] = file.value }
                progress.sandboxes[lesson.id] = saved
                let names = added.map(\.key).joined(separator: ", ")
                seedNotice = "This lesson has been updated: its new file\(added.count == 1 ? "" : "s") \(names) \(added.count == 1 ? "is" : "are") now in your working folder. Roles or buckets it may now start with come with reset sandbox, which starts this sandbox over."
            }
            shell = SandboxShell(state: saved, terminalWidth: renderer.width)
            return
        }
        shell = SandboxShell(state: SeedApplier.startingState(for: lesson), terminalWidth: renderer.width)
        progress.sandboxes[lesson.id] = shell.state
    }

    private mutating func move(toStep index: Int) {
        stepIndex = index
        var record = progress.lessons[lesson.id] ?? LearnerProgress.LessonRecord()
        record.currentStep = step.id
        if !record.visitedSteps.contains(step.id) { record.visitedSteps.append(step.id) }
        progress.lessons[lesson.id] = record
        runner.restart()
        self.record(.stepEntered)
    }

    private mutating func showStep() -> String {
        var record = progress.lessons[lesson.id] ?? LearnerProgress.LessonRecord()
        if !record.visitedSteps.contains(step.id) { record.visitedSteps.append(step.id) }
        progress.lessons[lesson.id] = record
        var text = renderer.render(step, number: stepIndex + 1, of: lesson.steps.count)
        if let seedNotice {
            text = note(seedNotice) + "\n\n" + text
            self.seedNotice = nil
        }
        if case .question(let question) = step.interaction, isSettled(question) {
            let verb = ledger.question(question.id)?.closed == true ? "This one is closed" : "You have answered this one"
            text += "\n" + note("\(verb); the answer was \(question.answerDescription). Type next to go on.")
        }
        if case .task(let task) = step.interaction, isSettled(task) {
            text += "\n" + note("This task is done. Type next to go on.")
        }
        return text + "\n" + dim(footer) + "\n"
    }

    private mutating func next() -> Response {
        if stepIndex + 1 < lesson.steps.count {
            move(toStep: stepIndex + 1)
            return Response(output: showStep(), changed: true)
        }
        var record = progress.lessons[lesson.id] ?? LearnerProgress.LessonRecord()
        let open = lesson.questions.filter { !isSettled($0) }.count + lesson.tasks.filter { !isSettled($0) }.count
        record.completed = open == 0
        progress.lessons[lesson.id] = record
        var text = open == 0
            ? success("Lesson \"\(lesson.title)\" complete.") + "\n"
            : note("End of \"\(lesson.title)\", with \(open) question\(open == 1 ? "" : "s") or task\(open == 1 ? "" : "s") still open: open \(lesson.id) to come back to them.") + "\n"
        if let locked = lockedReason(lessonIndex + 1) {
            text += note("The next lesson, " + locked) + "\n"
        } else if lessonIndex + 1 < course.lessons.count {
            enter(lesson: lessonIndex + 1, restoringPosition: false)
            text += "\n" + renderer.renderHeader(of: lesson) + "\n" + showStep()
        } else {
            // The last lesson's end is the course's only when every lesson is done (a learner may open it first).
            let unfinished = course.lessons.filter { progress.lessons[$0.id]?.completed != true }
            text += unfinished.isEmpty
                ? "That was the last lesson: the course is complete. Type progress for your scores.\n"
                : "That was the last lesson; \(unfinished.count) lesson\(unfinished.count == 1 ? " is" : "s are") not finished yet (the first is \(unfinished[0].id)). Type lessons to see them, or progress for your scores.\n"
        }
        return Response(output: text, changed: true)
    }

    private mutating func back() -> Response {
        if stepIndex > 0 {
            move(toStep: stepIndex - 1)
            return Response(output: showStep(), changed: true)
        }
        if lessonIndex > 0 {
            enter(lesson: lessonIndex - 1, restoringPosition: false)
            move(toStep: lesson.steps.count - 1)
            return Response(output: showStep(), changed: true)
        }
        return Response(output: "This is the first step of the course.\n")
    }

    // MARK: Input

    /// Forgets a yes/no question the session was waiting on (Ctrl-C); whether there was one.
    mutating func dropPendingQuestion() -> Bool {
        defer { pendingReset = nil; pendingAmbiguous = nil }
        return pendingReset != nil || pendingAmbiguous != nil
    }

    public mutating func handle(_ rawLine: String) -> Response {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if let pending = pendingReset {
            pendingReset = nil
            // One prompt, one answer: anything but yes keeps everything, and is not run as a command as well.
            guard ["y", "yes"].contains(line.lowercased()) else { return Response(output: "Nothing was reset.\n") }
            return reset(pending)
        }
        if let pending = pendingAmbiguous {
            pendingAmbiguous = nil
            switch line.lowercased() {
            case "y", "yes", "a", "answer":
                guard case .question(let question) = step.interaction, !isSettled(question) else { return Response(output: "") }
                return answer(pending, to: question)
            case "n", "no", "r", "run":
                return runInSandbox(pending)
            default:
                return Response(output: "Neither answered nor run.\n")
            }
        }
        guard !line.isEmpty else {
            // Enter moves on from reading, and from questions and tasks already settled.
            switch step.interaction {
            case .question(let question) where !isSettled(question): return Response(output: dim(footer) + "\n")
            case .task(let task) where !isSettled(task): return Response(output: dim(footer) + "\n")
            default: return next()
            }
        }
        let word = String(line.split(separator: " ", maxSplits: 1).first ?? "")
        let argument = line.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        let openQuestion: Question? = if case .question(let question) = step.interaction, !isSettled(question) { question } else { nil }

        // While a question is open, a line is the answer unless it is clearly a command: it starts with aws, or it
        // is a meta command as its usage writes it. When it could be both, the learner is asked.
        if let command = MetaCommand.named(word.lowercased()), openQuestion == nil || argument.isEmpty || command.takesArgument {
            return run(command, argument: argument)
        }
        guard let question = openQuestion else {
            if SandboxShell.runs(line) { return runInSandbox(line) }
            let suggestion = Suggestions.didYouMean(word, among: MetaCommand.words + SandboxShell.commands)
            return Response(output: "Unknown command '\(word)'.\(suggestion) Type help for the list.\n")
        }
        if word == "aws" { return runInSandbox(line) }
        if SandboxShell.looksLikeCommand(line) {
            if case .unreadable = AnswerChecker.check(line, against: question) { return runInSandbox(line) }
            pendingAmbiguous = line
            return Response(output: "\"\(line)\" could be your answer or a command. Answer with it? [y = answer, n = run it] ")
        }
        return answer(line, to: question)
    }

    private mutating func run(_ command: MetaCommand, argument: String) -> Response {
        switch command.name {
        case .help: return Response(output: help())
        case .lessons: return Response(output: outline())
        case .open: return open(argument)
        case .next: return next()
        case .back: return back()
        case .hint: return hint()
        case .answer:
            guard case .question(let question) = step.interaction else { return Response(output: "There is no question on this step.\n") }
            guard !isSettled(question) else { return Response(output: "You have already answered this question. Type next to go on.\n") }
            return answer(argument, to: question)
        case .skip: return skip()
        case .check: return Response(output: checkStatus())
        case .explain, .whoami: return runInSandbox(command.name.rawValue)
        case .clock: return runInSandbox(argument.isEmpty ? "clock" : "clock \(argument)")
        case .progress: return Response(output: progressReport())
        case .reset:
            guard argument == "lesson" || argument == "sandbox" else {
                return Response(output: "Usage: reset lesson (your answers and sandbox for this lesson) or reset sandbox (only the sandbox).\n")
            }
            pendingReset = argument
            return Response(output: argument == "lesson"
                ? "Start \"\(lesson.title)\" over, forgetting its answers and its sandbox? [y/N] "
                : "Rebuild this lesson's sandbox from its starting state, losing what you created? [y/N] ")
        case .endpoint: return endpointCommand(argument)
        case .clear:
            // On a terminal: home the cursor and erase the screen; piped, there is nothing to clear.
            return Response(output: renderer.style == .ansi ? "\u{1B}[H\u{1B}[2J" : "")
        case .quit: return Response(output: "Progress saved. See you next time.\n", quit: true, changed: true)
        }
    }

    private mutating func open(_ argument: String) -> Response {
        guard let index = course.lessonIndex(named: argument) else {
            let suggestion = Suggestions.didYouMean(argument, among: course.lessons.map(\.id))
            return Response(output: argument.isEmpty ? "Usage: open LESSON (see lessons).\n" : "No lesson '\(argument)'.\(suggestion) Type lessons for the list.\n")
        }
        if let locked = lockedReason(index) { return Response(output: "The lesson " + locked + "\n") }
        enter(lesson: index, restoringPosition: true)
        return Response(output: renderer.renderHeader(of: lesson) + "\n" + showStep(), changed: true)
    }

    // MARK: Questions

    private mutating func answer(_ input: String, to question: Question) -> Response {
        let verdict = AnswerChecker.check(input, against: question)
        switch verdict {
        case .unreadable(let advice), .nearMiss(let advice): return Response(output: advice + "\n")
        case .correct, .incorrect: break
        }
        let right = verdict == .correct
        switch record(.answer, item: question.id, input: input, verdict: right ? "correct" : "incorrect") {
        case .answeredRight(let points, let attempt):
            var text = success("Correct!") + " " + (attempt == 1 ? "First try. " : "") + "+\(points) point\(points == 1 ? "" : "s").\n"
            text += renderer.render(markdown: question.explanation)
            return Response(output: text + dim("next (or Enter) to go on") + "\n", changed: true)
        case .answeredWrong(let attempt, closed: true):
            var text = failure("Not quite.") + " That was attempt \(attempt), the last this course allows. The answer: \(question.answerDescription)\n"
            text += renderer.render(markdown: question.explanation)
            return Response(output: text + dim("next (or Enter) to go on") + "\n", changed: true)
        case .answeredWrong(let attempt, closed: false):
            let hintsLeft = question.hints.count - (ledger.question(question.id)?.hintsUsed ?? 0)
            var text = failure("Not quite.") + " Attempt \(attempt). "
            if let limit = course.grading.maxAttempts { text += "\(limit - attempt) left. " }
            text += hintsLeft > 0 ? "Try again, or type hint (\(hintsLeft) left) or skip.\n" : "Try again, or type skip to see the answer.\n"
            return Response(output: text, changed: true)
        default:
            return Response(output: "You have already answered this question. Type next to go on.\n")
        }
    }

    private mutating func hint() -> Response {
        let hints: [String]
        let item: String
        switch step.interaction {
        case .question(let question):
            if isSettled(question) { return Response(output: "This question is settled; the explanation above has the why. Type next to go on.\n") }
            (hints, item) = (question.hints, question.id)
        case .task(let task):
            if isSettled(task) { return Response(output: "This task is settled. Type next to go on.\n") }
            (hints, item) = (task.hints, task.id)
        case .none:
            return Response(output: "Hints come with questions and tasks; this step is reading.\n")
        }
        let used = ledger.question(item)?.hintsUsed ?? ledger.task(item)?.hintsUsed ?? 0
        guard used < hints.count, case .hintTaken(let index) = record(.hint, item: item) else {
            return Response(output: hints.isEmpty ? "This one has no hints. Type skip to see the answer.\n" : "No more hints. Type skip to see the answer.\n")
        }
        return Response(output: "Hint \(index + 1) of \(hints.count): " + renderer.render(markdown: hints[index]), changed: true)
    }

    private mutating func skip() -> Response {
        switch step.interaction {
        case .question(let question):
            guard !isSettled(question) else { return next() }
            record(.skip, item: question.id)
            let text = "Skipped. The answer: " + question.answerDescription + "\n" + renderer.render(markdown: question.explanation)
            return Response(output: text + dim("next (or Enter) to go on") + "\n", changed: true)
        case .task(let task):
            guard !isSettled(task) else { return next() }
            record(.skip, item: task.id)
            var blocks: [MarkdownBlock] = [.paragraph([.text("Skipped. One way to do it:")]), .code(language: "console", text: task.solution.joined(separator: "\n"))]
            if !task.explanation.isEmpty { blocks += MarkdownParser.parse(task.explanation) }
            return Response(output: renderer.render(blocks) + dim("You can still run the commands; next (or Enter) to go on") + "\n", changed: true)
        case .none:
            return next()
        }
    }

    // MARK: Tasks and the sandbox

    private mutating func runInSandbox(_ line: String) -> Response {
        let (outcome, completion) = runRecorded(line)
        var text = outcome.stdout + outcome.stderr
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        return Response(output: text + completion, changed: true)
    }

    /// Runs a line in the lesson's sandbox as the learner's command: recorded, and checked against the open task.
    /// Returns what it printed and, when it completed the task, the words that say so.
    mutating func runRecorded(_ line: String) -> (outcome: ShellOutcome, completion: String) {
        shell.terminalWidth = renderer.width
        let openTask: HandsOnTask? = if case .task(let task) = step.interaction, !isSettled(task) { task } else { nil }
        let (outcome, done) = runner.run(line, in: &shell, task: openTask)
        progress.sandboxes[lesson.id] = shell.state
        record(.command, item: openTask?.id, input: line, exitCode: outcome.exitCode)
        guard let task = openTask, done, case .taskDone(let points) = record(.taskCompleted, item: task.id, verdict: "done") else {
            return (outcome, "")
        }
        var text = "\n" + success("Task complete!") + " +\(points) point\(points == 1 ? "" : "s").\n"
        if !task.explanation.isEmpty { text += renderer.render(markdown: task.explanation) }
        text += dim("next (or Enter) to go on") + "\n"
        return (outcome, text)
    }

    /// The lesson's sandbox shell, for the endpoint (which reads its keys and metadata service).
    var lessonShell: SandboxShell {
        get { shell }
        set {
            shell = newValue
            progress.sandboxes[lesson.id] = shell.state
        }
    }

    private func checkStatus() -> String {
        guard case .task(let task) = step.interaction else { return "There is no task on this step.\n" }
        let context = runner.context(shell)
        let lines = task.checks.map { check in (CheckEvaluator.holds(check, in: context) ? "  ✓ " : "  ✗ ") + check.source }
        return "This task checks that:\n" + lines.joined(separator: "\n") + "\n"
    }

    private mutating func reset(_ what: String) -> Response {
        record(.reset, scope: what)
        progress.sandboxes[lesson.id] = nil
        if what == "lesson" {
            progress.lessons[lesson.id] = nil
            enter(lesson: lessonIndex, restoringPosition: false)
            return Response(output: "The lesson starts over.\n\n" + showStep(), changed: true)
        }
        loadSandbox(for: lesson)
        runner.restart()
        return Response(output: "The sandbox is back to this lesson's starting state.\n", changed: true)
    }

    /// Tab completion for the current step: answer letters when a question is open.
    public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        var letters: [String] = []
        if case .question(let question) = step.interaction, !isSettled(question) {
            letters = question.answerCompletions
        }
        let context = CommandCompleter.Context(firstWords: MetaCommand.words + SandboxShell.commands, answerLetters: letters,
                                               sandbox: shell.world, lessonIDs: course.lessons.map(\.id))
        return CommandCompleter.complete(line: line, cursor: cursor, context: context)
    }

    // MARK: Reports

    private func help() -> String {
        var lines = ["Commands:"]
        // As wide as the longest usage: a fixed width cut `endpoint [on [PORT]|off]` into its summary.
        let width = (MetaCommand.all.map(\.usage.count).max() ?? 0) + 2
        for command in MetaCommand.all {
            lines.append("  " + command.usage.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append("In the sandbox: aws …, NAME=VALUE, NAME=$(command), export NAME=VALUE, unset NAME, env, echo, eval, "
                     + "instance exec ID -- aws …|curl …, cat FILE, ls.")
        lines.append("Tab completes commands, aws services and operations, and names in your sandbox; Up recalls earlier lines.")
        return lines.joined(separator: "\n") + "\n"
    }

    private func outline() -> String {
        var lines = [course.title]
        for (index, lesson) in course.lessons.enumerated() {
            let record = progress.lessons[lesson.id]
            let mark = record?.completed == true ? "✓" : index == lessonIndex ? "▸" : record != nil ? "·" : " "
            lines.append(" \(mark) \(String(format: "%2d", index + 1)). \(lesson.id) — \(lesson.title)" + (lockedReason(index) != nil ? " (locked)" : ""))
        }
        return lines.joined(separator: "\n") + "\nopen LESSON (id or number) to go there.\n"
    }

    private func progressReport() -> String {
        var lines: [String] = []
        for lesson in course.lessons {
            let score = ledger.score(of: lesson)
            let answered = score.right + score.wrong + score.skipped + score.tasksDone
                + lesson.tasks.filter { ledger.task($0.id)?.skipped == true }.count
            let status = progress.lessons[lesson.id]?.completed == true ? "done" : answered > 0 || progress.lessons[lesson.id] != nil ? "started" : "not started"
            lines.append("  \(lesson.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(status.padding(toLength: 12, withPad: " ", startingAt: 0)) \(score.score)/\(score.maximum) points")
        }
        let total = ledger.total
        return "Your progress:\n" + lines.joined(separator: "\n") + "\n  Total: \(total.score)/\(total.maximum) points\n"
    }

    // MARK: Styles

    private func styled(_ text: String, _ code: String) -> String {
        renderer.style == .ansi ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func success(_ text: String) -> String { styled("✓ " + text, "1;32") }
    func failure(_ text: String) -> String { styled("✗ " + text, "1;31") }
    func note(_ text: String) -> String { styled(text, "36") }
    func dim(_ text: String) -> String { styled(text, "2") }
}
