import ArgumentParser
import Assessment
import ClassLink
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

/// `rolecall exam LESSON…`: the lessons' questions (and, with --with-tasks, their hands-on tasks) as a practice
/// exam, marked here. `rolecall exam` alone, in a class: the class's exam, whose paper and marks come from the
/// class server (nothing on this machine knows the answers).
struct ExamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Take the questions of one or more lessons as an exam: shuffled, timed, graded at the end.",
        discussion: "Without lessons, in a class you joined: take the exam your instructor opened; the class server keeps the time and marks it."
    )

    @Argument(help: ArgumentHelp("The lessons to examine (ids or numbers, see 'rolecall lessons'); none for your class's exam.", valueName: "lesson"))
    var lessons: [String] = []

    @Option(help: "Seed for shuffling the choices (each learner still gets their own order).")
    var seed: Int = 1

    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Time allowed, e.g. 20m or 1h.", valueName: "duration"))
    var timeLimit: String?

    @Flag(name: .customLong("with-tasks"), help: "Include the lessons' hands-on tasks, each in a fresh sandbox per lesson.")
    var withTasks = false

    @OptionGroup var courseOption: CourseOption
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        // The learner's lock first: a class exam's clock starts on the server when the paper is handed out, so a
        // second terminal must be turned away before that.
        let store = learnerOptions.store
        let lock = try learnerOptions.lock()
        defer { withExtendedLifetime(lock) {} }
        let classSync = ClassConnection.open(learnerOptions)
        let exam: ExamSession
        /// The course's fingerprint goes in the session's start for a practice exam; a class exam's course is the server's.
        var courseDirectory: String?
        let membership = ClassMembership.load(from: learnerOptions.store.directory)
        if lessons.isEmpty {
            guard let membership else {
                throw RoleCallFailure(.badArgument, "Name the lessons to examine (see 'rolecall lessons'), e.g. rolecall exam what-are-roles; in a class, 'rolecall exam' alone takes the exam your instructor opened.")
            }
            guard timeLimit == nil, !withTasks, seed == 1 else {
                throw RoleCallFailure(.badArgument, "Your class's exam is set by your instructor: --time-limit, --with-tasks and --seed are for a practice exam of named lessons.")
            }
            // What an earlier sitting left unsent goes first, so the paper knows every answer already given.
            classSync?.finish(waitingAtMost: 10)
            exam = try classExam(membership, renderer: renderer)
        } else {
            let course = try courseOption.loadCourse()
            exam = try practiceExam(course, renderer: renderer)
            courseDirectory = course.directory
            if membership != nil {
                FileHandle.standardOutput.write(Data("This is a practice exam: it does not count for your class (your class's exam is 'rolecall exam' alone).\n\n".utf8))
            }
        }
        let transcript = TranscriptFile(path: store.directory + "/transcript.jsonl", signer: TranscriptSigner(secret: TranscriptSigner.configuredSecret()))
        func log(_ events: [LearningEvent]) {
            if let problem = transcript.append(events) {
                FileHandle.standardError.write(Data((problem + "\n").utf8))
            } else {
                classSync?.nudge()
            }
        }
        var timed = TimedExam(exam: exam)
        log([LearningEvent.sessionStart(learner: learnerOptions.learnerName, course: courseDirectory.map { CourseFingerprint.of(directory: $0) })]
            + timed.exam.takeEvents())
        let reader = LineReaderFactory.make(historyFile: nil, completion: SessionCompleter { timed.exam.completions(line: $0, cursor: $1) })
        FileHandle.standardOutput.write(Data(timed.exam.opening().utf8))
        let sinks = LoopSinks(output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                              beforePrompt: { ClassConnection.showNotices(of: classSync) },
                              afterReply: { _ in log(timed.exam.takeEvents()) })
        SessionLoop.run(reader: reader, sinks: sinks, session: { timed }, update: { timed = $0 })
        log([LearningEvent(.sessionEnd)])
        if timed.exam.isMarkedByServer {
            classSync?.finish(waitingAtMost: 10)
            ClassConnection.showNotices(of: classSync)
            if let membership { showMarks(membership, paper: timed.exam.paper) }
        } else {
            classSync?.finish()
        }
    }

    private func practiceExam(_ course: Course, renderer: TerminalRenderer) throws -> ExamSession {
        var lessonIDs: [String] = []
        for argument in lessons {
            guard let index = course.lessonIndex(named: argument) else {
                let suggestion = Suggestions.didYouMean(argument, among: course.lessons.map(\.id))
                throw RoleCallFailure(.badArgument, "No lesson '\(argument)' in the course.\(suggestion)")
            }
            lessonIDs.append(course.lessons[index].id)
        }
        var limit: Int?
        if let timeLimit {
            guard let seconds = SandboxClock.parseDuration(timeLimit), seconds > 0 else {
                throw RoleCallFailure(.badArgument, "--time-limit takes a duration such as 20m or 1h30m, not '\(timeLimit)'.")
            }
            limit = seconds
        }
        let exam = ExamSession(course: course, lessons: lessonIDs, learner: learnerOptions.learnerName, seed: seed, timeLimit: limit,
                               start: Date(), renderer: renderer, includingTasks: withTasks)
        guard !exam.items.isEmpty else {
            throw RoleCallFailure(.dataError, withTasks ? "These lessons have no questions or tasks." : "These lessons have no questions (add --with-tasks to include their tasks).")
        }
        return exam
    }

    /// The class's exam: the paper from the server, which starts this learner's time on its clock.
    private func classExam(_ membership: ClassMembership, renderer: TerminalRenderer) throws -> ExamSession {
        let body: Data
        switch membership.sitExam() {
        case .success(let data): body = data
        case .failure(.refused(let status, let message)) where (400..<500).contains(status) && status != 401:
            // No exam open, or the time is up: what the class says, not a fault of this machine.
            throw RoleCallFailure(.badArgument, "\(message.prefix(1).uppercased() + message.dropFirst()).")
        case .failure(let failure):
            throw RoleCallFailure(.unavailable, "Your class's exam needs the class server: \(failure).")
        }
        guard let paper = try? JSONDecoder().decode(ExamPaper.self, from: body), !paper.items.isEmpty else {
            throw RoleCallFailure(.unavailable, "The class server sent an exam this version of rolecall cannot read.")
        }
        return ExamSession(paper: paper, marker: .classServer, learner: learnerOptions.learnerName, start: Date(), renderer: renderer)
    }

    /// The server's marks, once everything was sent; when it cannot be reached, where the answers are.
    private func showMarks(_ membership: ClassMembership, paper: ExamPaper) {
        guard case .success(let data) = membership.examResult(), let result = try? JSONDecoder().decode(ExamResult.self, from: data) else {
            FileHandle.standardOutput.write(Data("\nYour answers are saved here and go to the class server when it can be reached; they count if they reach it before your time is up. Your teacher has the marks.\n".utf8))
            return
        }
        FileHandle.standardOutput.write(Data(("\n" + result.sheet(numbering: paper)).utf8))
    }
}
