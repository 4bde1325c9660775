import ArgumentParser
import Assessment
import Classroom
import ClassroomServer
import ClassroomStore
import Foundation
import Listening
import Sandbox
import SavedFiles
import Transcripts

/// The instructor's side of a classroom: make a class, serve it, and (later) export its grades. A program of its
/// own, so the learner's `rolecall` links none of the server stack and starts as fast as before.
@main
struct RoleCallClassroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolecall-classroom",
        abstract: "Run a RoleCall class: learners join with a code, the instructor watches a live dashboard.",
        subcommands: [Create.self, Serve.self, ExamCommand.self, LessonsCommand.self, Roster.self, Export.self, Transcripts.self])
}

/// Where the class database is: `--db PATH|postgres://…`, else `$ROLECALL_CLASSROOM_DB`, else
/// `classroom.sqlite` in RoleCall's data folder.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The class database: an SQLite file, or postgres://USER:PASSWORD@HOST:5432/DATABASE.", valueName: "path|url"))
    var db: String?

    var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let db { return db }
        if let configured = environment["ROLECALL_CLASSROOM_DB"], !configured.isEmpty { return configured }
        return DataFolder.path(environment: environment) + "/classroom.sqlite"
    }

    func open() async throws -> any ClassroomStore {
        do {
            return try await ClassroomStores.open(path)
        } catch {
            throw Failure(error.description)
        }
    }

    /// The database as it may be printed (a PostgreSQL address without its password).
    var shown: String {
        guard path.hasPrefix("postgres"), var components = URLComponents(string: path) else { return path }
        components.password = nil
        return components.string ?? path
    }
}

/// A failure printed as one line, `rolecall-classroom: …`, with a sysexits status.
struct Failure: Error, CustomStringConvertible {
    var description: String
    var status: Int32
    init(_ description: String, status: Int32 = 69) {
        self.description = description
        self.status = status
    }
}

/// Runs a command body, printing a failure the one way.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as Failure {
        FileHandle.standardError.write(Data("rolecall-classroom: \(failure.description)\n".utf8))
        throw ExitCode(failure.status)
    } catch let failure as ClassroomFailure {
        FileHandle.standardError.write(Data("rolecall-classroom: \(failure.description)\n".utf8))
        throw ExitCode(65)
    }
}

/// The course folder a class follows: `--course`, else `$ROLECALL_COURSE`, else `Lessons`, made absolute.
func courseFolder(_ option: String?) -> String {
    let folder = option ?? ProcessInfo.processInfo.environment["ROLECALL_COURSE"].flatMap { $0.isEmpty ? nil : $0 } ?? "Lessons"
    return URL(fileURLWithPath: folder).standardizedFileURL.path
}

/// What an instructor needs of a new class, printed once (the token is not kept anywhere readable).
func announce(_ made: ClassHub.NewClass, database: String, validity: String, base url: String) {
    let base = url.hasSuffix("/") ? String(url.dropLast()) : url
    let encoded = ClassroomRoutes.percentEncoded(made.record.name)
    FileHandle.standardOutput.write(Data("""
    Class "\(made.record.name)" made in \(database).
    Join code: \(made.record.joinCode)   (valid for \(validity))
    Learners run:  rolecall join \(base) \(made.record.joinCode)
    Dashboard:     \(base)/classes/\(encoded)?token=\(made.instructorToken)
    Instructor token (shown once, keep it): \(made.instructorToken)

    """.utf8))
}

/// `30m`, `8h`, `2d`, `1h30m` or plain seconds: the sandbox clock's reading of a duration, as everywhere else.
func seconds(_ text: String) -> Int64? {
    SandboxClock.parseDuration(text).flatMap { $0 > 0 ? Int64($0) : nil }
}

struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a class; prints its join code and the instructor's token (shown once).")

    @Argument(help: "The class's name, e.g. \"IAM roles, Tuesday\".")
    var name: String
    @Option(name: .long, help: ArgumentHelp("The course folder the class follows (default: Lessons).", valueName: "dir"))
    var course: String?
    @Option(name: .long, help: ArgumentHelp("How long the join code admits learners: 30m, 8h, 2d.", valueName: "duration"))
    var joinValid: String = "12h"
    @Option(name: .long, help: ArgumentHelp("The address learners and the dashboard reach the server at.", valueName: "url"))
    var url: String = "http://127.0.0.1:8080"
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Open an exam of these lessons at once (see 'exam').", valueName: "lesson"))
    var exam: [String] = []
    @OptionGroup var examSettings: ExamSettings
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard let validity = seconds(joinValid) else { throw Failure("--join-valid takes a duration such as 30m, 8h or 2d", status: 64) }
            let limit = try examSettings.limit()
            let hub = ClassHub(store: try await database.open())
            if !exam.isEmpty { _ = try await hub.checkExam(coursePath: courseFolder(course), lessons: exam, withTasks: examSettings.withTasks, seed: examSettings.seed) }
            let made = try await hub.createClass(name: name, coursePath: courseFolder(course), joinValidFor: validity)
            announce(made, database: database.shown, validity: joinValid, base: url)
            if !exam.isEmpty {
                let opened = try await hub.openExam(in: made.record, lessons: exam, withTasks: examSettings.withTasks, timeLimit: limit, seed: examSettings.seed)
                print(ExamCommand.announcement(opened))
            }
        }
    }
}

/// How a class exam is set: its time limit, whether it includes the lessons' tasks, and the shuffling seed.
struct ExamSettings: ParsableArguments {
    @Option(name: .customLong("time-limit"), help: ArgumentHelp("Each learner's time from their start: 20m, 1h.", valueName: "duration"))
    var timeLimit: String?
    @Flag(name: .customLong("with-tasks"), help: "Include the lessons' hands-on tasks (the server replays each learner's commands).")
    var withTasks = false
    @Option(help: "Seed for shuffling the choices (each learner still gets their own order).")
    var seed: Int = 1

    func limit() throws -> Int? {
        guard let timeLimit else { return nil }
        guard let value = seconds(timeLimit) else { throw Failure("--time-limit takes a duration such as 20m or 1h30m, not '\(timeLimit)'", status: 64) }
        return Int(value)
    }
}

struct ExamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam",
        abstract: "Open an exam for a class (or close it): learners take it with 'rolecall exam', the server marks it.",
        discussion: """
            Learners receive the questions without answers; the server checks each answer, keeps the time by its own \
            clock from each learner's start, and replays their commands for the tasks. Opening an exam closes the one \
            open before. Scores appear on the dashboard and in 'export' (an exam's score replaces the lesson's practice).
            """)

    @Argument(help: "The class's name.")
    var className: String
    @Argument(help: ArgumentHelp("The lessons the exam covers (ids, see 'rolecall lessons').", valueName: "lesson"))
    var lessons: [String] = []
    @Flag(name: .long, help: "Close the class's open exam: no paper is handed out after.")
    var close = false
    @OptionGroup var settings: ExamSettings
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard close || !lessons.isEmpty else { throw Failure("name the lessons the exam covers, or --close", status: 64) }
            guard !(close && !lessons.isEmpty) else { throw Failure("--close takes no lessons", status: 64) }
            let limit = try settings.limit()
            let hub = ClassHub(store: try await database.open())
            let record = try await hub.classRecord(named: className)
            if close {
                try await hub.closeExam(in: record)
                print("The exam of \"\(record.name)\" is closed.")
                return
            }
            let opened = try await hub.openExam(in: record, lessons: lessons, withTasks: settings.withTasks, timeLimit: limit, seed: settings.seed)
            print(Self.announcement(opened))
        }
    }

    static func announcement(_ exam: ExamRecord) -> String {
        var text = "Exam open: \(exam.lessons.joined(separator: ", "))\(exam.withTasks ? " with their tasks" : "")"
        if let limit = exam.timeLimit { text += ", \(ExamPaper.minutes(limit)) min from each learner's start" }
        return text + ". Learners run:  rolecall exam"
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the classes in the database until stopped (Ctrl-C or SIGTERM).",
        discussion: "On a database with no class yet, a first class is made (--class, --course) and its join code and dashboard link printed.")

    @Option(name: .long, help: "The address to listen on; 127.0.0.1 keeps the server to this machine.")
    var host: String = "127.0.0.1"
    @Option(name: .long, help: "The port to listen on (0: any free port, printed).")
    var port: Int = 8080
    @Option(name: .long, help: ArgumentHelp("Failures in a row on one step that flag a learner as stuck.", valueName: "count"))
    var stuckAfterFailures: Int = 3
    @Option(name: .long, help: ArgumentHelp("Time on one step that flags a learner as stuck: 10m, 600.", valueName: "duration"))
    var stuckAfter: String = "10m"
    @Option(name: .long, help: .hidden)
    var heartbeat: Int = 15
    @Option(name: .customLong("class"), help: ArgumentHelp("The first class's name, on a database with none.", valueName: "name"))
    var className: String = "Class"
    @Option(name: .long, help: ArgumentHelp("The course folder of that first class (default: Lessons).", valueName: "dir"))
    var course: String?
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard (0...65_535).contains(port) else { throw Failure("--port takes 0 to 65535", status: 64) }
            guard let stuckSeconds = seconds(stuckAfter), stuckAfterFailures > 0 else {
                throw Failure("--stuck-after takes a duration such as 10m, and --stuck-after-failures a positive count", status: 64)
            }
            let hub = ClassHub(store: try await database.open(),
                               thresholds: StuckThresholds(failuresInARow: stuckAfterFailures, secondsOnStep: Int(stuckSeconds)))
            let host = host
            let path = database.shown
            // One command starts a working class: an empty database gets its first class, announced once running.
            let first = try await hub.hasClasses() ? nil
                : try await hub.createClass(name: className, coursePath: courseFolder(course), joinValidFor: 12 * 3600)
            do {
                try await ClassroomServer.run(hub: hub, host: host, port: port, heartbeat: UInt64(max(1, heartbeat))) { bound in
                    let local = ["127.0.0.1", "localhost", "::1"].contains(host)
                    let reach = local
                        ? "only this machine can reach it; use --host 0.0.0.0 for a classroom network"
                        : "reachable from the network; put it behind TLS for anything beyond a classroom LAN"
                    let address = "http://\(["0.0.0.0", "::"].contains(host) ? machineName() : host):\(bound)"
                    if let first { announce(first, database: path, validity: "12h", base: address) }
                    FileHandle.standardOutput.write(Data("Serving \(path) on http://\(host):\(bound) (\(reach)). Stop with Ctrl-C.\n".utf8))
                }
            } catch {
                throw Failure(ListenProblem.describe(host: host, port: port, error, what: "another class server"))
            }
        }
    }
}

struct LessonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Lock the lessons ahead of where the class is, or open them all (also on the dashboard).",
        discussion: "Learners' tutors hear of it within seconds and will not go past the last lesson open.")

    @Argument(help: "The class's name.")
    var className: String
    @Option(name: .long, help: ArgumentHelp("The last lesson learners may go to (id or number); the ones after it are locked.", valueName: "lesson"))
    var openThrough: String?
    @Flag(name: .long, help: "Open every lesson.")
    var all = false
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard (openThrough == nil) != !all else { throw Failure("give --open-through LESSON or --all", status: 64) }
            let hub = ClassHub(store: try await database.open())
            let record = try await hub.classRecord(named: className)
            if let opened = try await hub.setOpenThrough(openThrough, in: record) {
                print("Learners of \"\(record.name)\" may go up to lesson \(opened.position), \(opened.id); the lessons after it are locked.")
            } else {
                print("Every lesson is open to \"\(record.name)\".")
            }
        }
    }
}

/// Writes `text` to `--out FILE` (atomically, as every saved file) or standard output.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do throws(SaveFailure) {
        try AtomicFile.write(Data(text.utf8), to: path)
    } catch {
        throw Failure(error.message, status: 73)
    }
}

struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set learners' email, SIS id and section (what an LMS matches grades on) from a CSV file.",
        discussion: "The file's first line names its columns: learner, and any of email, sis_id, section.")

    @Argument(help: "The class's name.")
    var className: String
    @Argument(help: "The CSV file.")
    var file: String
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard let data = FileManager.default.contents(atPath: file) else { throw Failure("cannot read \(file)", status: 66) }
            let hub = ClassHub(store: try await database.open())
            let record = try await hub.classRecord(named: className)
            let roster: RosterFile.Roster
            do throws(RosterFile.Problem) { roster = try RosterFile.parse(String(decoding: data, as: UTF8.self), classID: record.id) } catch {
                throw Failure("\(file): \(error.description)", status: 65)
            }
            let unknown = try await hub.setIdentities(roster, in: record)
            let set = roster.rows.count - unknown.count
            print("Set the identities of \(set) learner\(set == 1 ? "" : "s").")
            if !unknown.isEmpty { print("Not in the class (not joined yet?): \(unknown.joined(separator: ", "))") }
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The class's grades, re-graded from the server's copy of every transcript, for a spreadsheet or an LMS.")

    @Argument(help: "The class's name.")
    var className: String
    @Option(name: .long, help: "csv (everything, with transcript hashes), canvas, moodle, or json (LTI-shaped).")
    var format: String = "csv"
    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            guard let chosen = GradeExport.Format(rawValue: format) else {
                throw Failure("--format takes \(GradeExport.Format.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format)'", status: 64)
            }
            // `--out` naming the class database wrote the grades over every learner's transcript and the key.
            if let out, let target = FileIdentity(path: out),
               ["", "-wal", "-shm", "-journal"].contains(where: { FileIdentity(path: database.path + $0) == target }) {
                throw Failure("\(out) is the class database; the export would be written over it. Name another file for --out.", status: 64)
            }
            let hub = ClassHub(store: try await database.open())
            let record = try await hub.classRecord(named: className)
            let (course, graded) = try await hub.grades(of: record)
            try emit(GradeExport.render(graded, course: course, className: record.name, format: chosen, now: Date()), to: out)
        }
    }
}

struct Transcripts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the server's copy of each learner's transcript (signed with the class's key) to a folder.",
        discussion: "Check or re-grade them with: ROLECALL_GRADING_KEY=<key> rolecall grade DIR (--show-key prints the key).")

    @Argument(help: "The class's name.")
    var className: String
    @Option(name: .long, help: ArgumentHelp("The folder to write NAME.jsonl files into.", valueName: "dir"))
    var out: String
    @Flag(name: .long, help: "Print the class's signing key (keep it secret: it signs the class's records).")
    var showKey = false
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        try await reporting {
            let hub = ClassHub(store: try await database.open())
            let record = try await hub.classRecord(named: className)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw Failure("cannot make the folder \(out)", status: 73)
            }
            let held = try await hub.heldTranscripts(of: record)
            for (learner, events) in held {
                try emit(String(decoding: ClassGrades.transcript(events), as: UTF8.self), to: out + "/" + ClassGrades.fileName(for: learner.name))
            }
            print("Wrote \(held.count) transcript\(held.count == 1 ? "" : "s") to \(out).")
            if showKey { print("Class signing key: \(record.signingKey)") }
        }
    }
}

/// This machine's name, for the address learners type when the server listens on every interface.
func machineName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
