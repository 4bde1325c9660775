import ArgumentParser
import Foundation
import Transcripts
import Grading
import Lessons
import LineEditing
import Rendering
import SessionLoop
import Sandbox
import Suggestions
import Tutor

/// `rolecall exam LESSON…`: the lessons' questions (and, with --with-tasks, their hands-on tasks) as an exam.
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Take the questions of one or more lessons as an exam: shuffled, timed, graded at the end."
    )

    @Argument(help: ArgumentHelp("The lessons to examine (ids, see 'rolecall lessons').", valueName: "lesson"))
    var lessons: [String]

    @Option(help: "Seed for shuffling the choices (each learner still gets their own order).")
    var seed: Int = 1

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Time allowed, e.g. 20m or 1h.", valueName: "duration"))
    var timeLimit: String?

    @Flag(name: .customLong("with-tasks"), help: "Include the lessons' hands-on tasks, each in a fresh sandbox per lesson.")
    var withTasks = false

    @OptionGroup var courseOption: CourseOption
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let course = try courseOption.loadCourse()
        for id in lessons where course.lesson(withID: id) == nil {
            let suggestion = Suggestions.didYouMean(id, among: course.lessons.map(\.id))
            throw RoleCallFailure(.badArgument, "No lesson '\(id)' in the course.\(suggestion)")
        }
        var limit: Int?
        if let timeLimit {
            guard let seconds = SandboxClock.parseDuration(timeLimit), seconds > 0 else {
                throw ValidationError("--time-limit takes a duration such as 20m or 1h30m, not '\(timeLimit)'.")
            }
            limit = seconds
        }
        let store = learnerOptions.store
        let lock = try learnerOptions.lock()
        defer { withExtendedLifetime(lock) {} }
        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        var exam = ExamSession(course: course, lessons: lessons, learner: learnerOptions.learnerName, seed: seed, timeLimit: limit,
                               start: Date(), renderer: renderer, includingTasks: withTasks)
        guard !exam.items.isEmpty else {
            throw RoleCallFailure(.dataError, withTasks ? "These lessons have no questions or tasks." : "These lessons have no questions (add --with-tasks to include their tasks).")
        }
        let transcript = TranscriptFile(path: store.directory + "/transcript.jsonl", signer: TranscriptSigner(secret: TranscriptSigner.configuredSecret()))
        let classSync = ClassConnection.open(learnerOptions)
        func log(_ events: [LearningEvent]) {
            if let problem = transcript.append(events) {
                FileHandle.standardError.write(Data((problem + "\n").utf8))
            } else {
                classSync?.nudge()
            }
        }
        log([LearningEvent.sessionStart(learner: learnerOptions.learnerName, course: CourseFingerprint.of(directory: course.directory))] + exam.takeEvents())

        var timed = TimedExam(exam: exam)
        let reader = LineReaderFactory.make(historyFile: nil, completion: SessionCompleter { timed.exam.completions(line: $0, cursor: $1) })
        FileHandle.standardOutput.write(Data(timed.exam.opening().utf8))
        let sinks = LoopSinks(output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                              beforePrompt: { ClassConnection.showNotices(of: classSync) },
                              afterReply: { _ in log(timed.exam.takeEvents()) })
        SessionLoop.run(reader: reader, sinks: sinks, session: { timed }, update: { timed = $0 })
        log([LearningEvent(.sessionEnd)])
        classSync?.finish()
    }
}
