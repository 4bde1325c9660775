import Foundation
import Testing

/// A class run as an instructor and learners run it: `rolecall-classroom create` and `serve`, learners' real
/// `rolecall` processes with scripted input joining and working, the server stopped and started again under them,
/// and the server's grades compared with `rolecall grade` on the learners' own transcripts.
@Suite(.serialized) struct ClassroomEndToEndTests {
    static var classroomBinary: URL {
        RoleCallProcess.executable.deletingLastPathComponent().appendingPathComponent("rolecall-classroom")
    }

    static func scratch(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-\(name)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func classroom(_ arguments: [String]) throws -> RoleCallProcess.Output {
        try RoleCallProcess.run([classroomBinary.path] + arguments, viaShell: true)
    }

    /// `rolecall-classroom serve` in the background, on a free port.
    final class Server {
        let process = Process()
        private(set) var url = ""
        let log: String

        /// `port` 0: any free port; another: that one (a restart where learners expect it).
        init(database: String, port: Int = 0) throws {
            log = database + ".serve-\(UUID().uuidString).log"
            FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = ClassroomEndToEndTests.classroomBinary
            process.arguments = ["serve", "--db", database, "--port", String(port)]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardError = process.standardOutput
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                    url = String(text[range])
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")"])
        }

        /// SIGTERM, as a service manager stops it; returns the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// However a test ends, its server does not outlive it.
        deinit {
            if process.isRunning { process.terminate() }
        }
    }

    struct MadeClass {
        var code: String
        var token: String
        var dashboard: String
    }

    static func makeClass(_ name: String, database: String, url: String = "http://127.0.0.1:9") throws -> MadeClass {
        let made = try classroom(["create", name, "--course", RoleCallProcess.course, "--db", database, "--url", url])
        #expect(made.status == 0, "\(made.stderr)")
        func find(after label: String, _ pattern: String) -> String {
            guard let line = made.stdout.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return "" }
            return line.range(of: pattern, options: .regularExpression).map { String(line[$0]) } ?? ""
        }
        return MadeClass(code: find(after: "Join code:", "[A-Z0-9]{4}-[A-Z0-9]{4}"), token: find(after: "Instructor token", "rci_[A-Za-z0-9_-]+"),
                         dashboard: find(after: "Dashboard:", "/classes/[^?]+"))
    }

    @Test func aClassRunsAndTheServersGradesEqualRegradingTheLearnersOwnTranscripts() throws {
        let folder = Self.scratch("class")
        let database = folder + "/class.sqlite", data = folder + "/learners"
        let made = try Self.makeClass("Lab", database: database)
        var server = try Server(database: database)

        let scripts = [
            "ana": "\n\n\nb\n\nfalse\n\naws sts get-caller-identity\nquit\n",
            "bo": "\n\n\na\nc\nskip\n\ntrue\nquit\n",
            "cy": "\n\n\nhint\nb\n\ntrue\n\naws iam list-roles\nquit\n",
        ]
        for (learner, script) in scripts.sorted(by: { $0.key < $1.key }) {
            let joined = try RoleCallProcess.run(["join", server.url, made.code.lowercased(), "--learner", learner, "--data-dir", data])
            #expect(joined.status == 0, "\(joined.stderr)")
            #expect(joined.stdout.contains("Joined \"Lab\" as \(learner)."))
            let session = try RoleCallProcess.run(["--learner", learner, "--data-dir", data], stdin: script)
            #expect(session.status == 0)
        }
        // The same name cannot join twice from another machine; from the same one, joining again says where they are.
        let twice = try RoleCallProcess.run(["join", server.url, made.code, "--learner", "ana", "--data-dir", folder + "/elsewhere"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("already taken"))
        let again = try RoleCallProcess.run(["join", server.url + "/", made.code, "--learner", "ana", "--data-dir", data])
        #expect(again.status == 0)
        #expect(again.stdout.contains("ana is already in \"Lab\""))
        let wrongCode = try RoleCallProcess.run(["join", server.url, "ZZZZ-ZZZZ", "--learner", "dee", "--data-dir", data])
        #expect(wrongCode.status == 64)
        #expect(wrongCode.stderr == "rolecall: could not join: the class server says: no such class with the join code 'ZZZZ-ZZZZ'\n")

        // The network drops: the server stops; bo works on, and is told the work waits.
        #expect(server.stop() == 0, "SIGTERM stops the server cleanly")
        let offline = try RoleCallProcess.run(["--learner", "bo", "--data-dir", data], stdin: "b\n\nquit\n")
        #expect(offline.status == 0)
        #expect(offline.stdout.contains("cannot be reached; your work is saved here"))
        server = try Server(database: database, port: Int(server.url.split(separator: ":").last!)!)
        let back = try RoleCallProcess.run(["--learner", "bo", "--data-dir", data], stdin: "quit\n")
        #expect(back.status == 0)
        #expect(server.stop() == 0)

        // Everything each learner wrote is held once.
        let copies = folder + "/server-copies"
        let written = try Self.classroom(["transcripts", "Lab", "--db", database, "--out", copies, "--show-key"])
        #expect(written.status == 0)
        let key = written.stdout.components(separatedBy: "Class signing key: ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        for learner in scripts.keys {
            let local = try String(contentsOfFile: "\(data)/learners/\(learner)/transcript.jsonl", encoding: .utf8)
            let held = try String(contentsOfFile: "\(copies)/\(learner).jsonl", encoding: .utf8)
            #expect(local.split(separator: "\n").count == held.split(separator: "\n").count, "\(learner): every record held once")
        }

        // The server's grades are what `rolecall grade` computes from the learners' own files.
        let localGrades = try RoleCallProcess.run(["grade", data + "/learners", "--format", "csv"])
        let serverGrades = try RoleCallProcess.run(["grade", copies, "--format", "csv"], environment: ["ROLECALL_GRADING_KEY": key])
        #expect(localGrades.status == 0 && serverGrades.status == 0)
        #expect(serverGrades.stdout == localGrades.stdout)
        #expect(serverGrades.stdout.contains("ok"), "the server's copies verify with the class's key")

        let export = try Self.classroom(["export", "Lab", "--db", database, "--format", "csv"])
        let local = Self.csv(localGrades.stdout), exported = Self.csv(export.stdout)
        for row in local.dropFirst() {
            let match = exported.first { $0.first == row.first }
            #expect(match?[match!.count - 5] == row[row.count - 5], "\(row[0]): total as rolecall grade")
        }
    }

    @Test func aLearnerWhoEditsTheirTranscriptChangesNothingTheClassHolds() throws {
        let folder = Self.scratch("forged")
        let database = folder + "/class.sqlite", data = folder + "/learners"
        let made = try Self.makeClass("Lab", database: database)
        let server = try Server(database: database)
        defer { _ = server.stop() }
        _ = try RoleCallProcess.run(["join", server.url, made.code, "--learner", "ana", "--data-dir", data])
        _ = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "\n\n\na\nquit\n")

        // The learner changes a wrong answer the server already holds into another, then works on.
        let path = "\(data)/learners/ana/transcript.jsonl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""input":"a""#))
        try text.replacingOccurrences(of: #""input":"a""#, with: #""input":"b""#).write(toFile: path, atomically: true, encoding: .utf8)
        let after = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "c\nquit\n")
        #expect(after.status == 0)

        // Regrading the learner's file shows the edit; the class's copy keeps the original and verifies.
        #expect(try RoleCallProcess.run(["grade", data + "/learners", "--format", "csv"]).stdout.contains("1 problem"))
        let copies = folder + "/copies"
        let written = try Self.classroom(["transcripts", "Lab", "--db", database, "--out", copies, "--show-key"])
        let key = written.stdout.components(separatedBy: "Class signing key: ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let held = try String(contentsOfFile: copies + "/ana.jsonl", encoding: .utf8)
        #expect(held.contains(#""input":"a""#) && held.contains(#""input":"c""#))
        let graded = try RoleCallProcess.run(["grade", copies, "--format", "csv"], environment: ["ROLECALL_GRADING_KEY": key])
        #expect(Self.csv(graded.stdout)[1].last == "ok")
    }

    /// The instructor opens an exam; a learner takes it with `rolecall exam`, their terminal dies half way, they
    /// come back to the same sitting, hand it in and get the server's marks; they cannot take it again.
    @Test func aLearnerTakesTheClassExamResumesItAndTheServerMarksIt() throws {
        let folder = Self.scratch("exam")
        let database = folder + "/class.sqlite", data = folder + "/learners"
        let made = try Self.makeClass("Lab", database: database)
        let opened = try Self.classroom(["exam", "Lab", "what-are-roles", "--with-tasks", "--time-limit", "20m", "--db", database])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout == "Exam open: what-are-roles with their tasks, 20 min from each learner's start. Learners run:  rolecall exam\n")
        let server = try Server(database: database)
        defer { _ = server.stop() }
        _ = try RoleCallProcess.run(["join", server.url, made.code, "--learner", "ana", "--data-dir", data])

        // The first answer, then the terminal is gone (no end of input, no exam-end).
        let first = Process()
        first.executableURL = RoleCallProcess.executable
        first.arguments = ["exam", "--learner", "ana", "--data-dir", data]
        first.environment = ProcessInfo.processInfo.environment.merging(["ROLECALL_COURSE": RoleCallProcess.course, "NO_COLOR": "1"]) { $1 }
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        input.fileHandleForWriting.write(Data("a\n".utf8))
        Thread.sleep(forTimeInterval: 2)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        let resumed = try RoleCallProcess.run(["exam", "--learner", "ana", "--data-dir", data],
                                              stdin: "false\naws sts get-caller-identity\nnext\naws iam get-role --role-name Auditor\nnext\nskip\narn:aws:iam::123456789012:role/Auditor\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("This is your class's exam: the class server keeps the time and marks your answers."))
        #expect(resumed.stdout.contains("You handed in 1 item before; the exam goes on where you were."))
        #expect(resumed.stdout.contains("Question 2 of 6"))
        #expect(resumed.stdout.contains("minutes left"))
        #expect(resumed.stdout.contains("Marked by the class server:"))
        #expect(resumed.stdout.contains("role-belongs-to-person  (right, 1/1)"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("check-caller-identity  (task done, 1/1)"), "the server replayed the command")
        #expect(resumed.stdout.contains("role-parts  (not answered, 0/1)"))
        #expect(resumed.stdout.contains("auditor-role-arn  (right, 1/1)"))
        #expect(!resumed.stdout.contains("correct:"), "nothing on the learner's side knows the answers")

        let again = try RoleCallProcess.run(["exam", "--learner", "ana", "--data-dir", data])
        #expect(again.status == 64)
        #expect(again.stderr == "rolecall: You have handed in this exam; your teacher has your answers.\n")
        let practice = try RoleCallProcess.run(["exam", "what-are-roles", "--learner", "ana", "--data-dir", data], stdin: "finish\n")
        #expect(practice.stdout.hasPrefix("This is a practice exam: it does not count for your class"))

        // The export counts the class exam, not the practice one taken after it.
        let total = resumed.stdout.components(separatedBy: "Total: ").last?.split(separator: "/").first.map(String.init) ?? ""
        let export = try Self.classroom(["export", "Lab", "--db", database, "--format", "csv"])
        let header = Self.csv(export.stdout)[0], row = Self.csv(export.stdout)[1]
        let lesson = header.firstIndex { $0 == "what-are-roles" }
        #expect(lesson.map { row[$0] } == total, "\(header) \(row)")
    }

    /// The instructor locks the lessons after the first; the learner's tutor will not go there until opened.
    @Test func aLockedLessonStaysClosedInTheLearnersTutor() throws {
        let folder = Self.scratch("locks")
        let database = folder + "/class.sqlite", data = folder + "/learners"
        let made = try Self.makeClass("Lab", database: database)
        // By number, as the tutor's `open` takes it, and as the message itself counts (it was refused).
        let byNumber = try Self.classroom(["lessons", "Lab", "--open-through", "2", "--db", database])
        #expect(byNumber.stdout == "Learners of \"Lab\" may go up to lesson 2, why-services-need-roles; the lessons after it are locked.\n", "\(byNumber.stderr)")
        #expect(try Self.classroom(["lessons", "Lab", "--open-through", "99", "--db", database]).stderr.contains("or 1 to "))
        let locked = try Self.classroom(["lessons", "Lab", "--open-through", "what-are-roles", "--db", database])
        #expect(locked.status == 0, "\(locked.stderr)")
        #expect(locked.stdout == "Learners of \"Lab\" may go up to lesson 1, what-are-roles; the lessons after it are locked.\n")
        let server = try Server(database: database)
        defer { _ = server.stop() }
        _ = try RoleCallProcess.run(["join", server.url, made.code, "--learner", "ana", "--data-dir", data])
        let session = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "open 2\nquit\n")
        #expect(session.stdout.contains("is locked until your instructor opens it; lessons 1 to 1 are open"), "\(session.stdout)")

        let opened = try Self.classroom(["lessons", "Lab", "--all", "--db", database])
        #expect(opened.stdout == "Every lesson is open to \"Lab\".\n")
        _ = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "quit\n")
        let later = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "open 2\nquit\n")
        #expect(!later.stdout.contains("is locked"), "\(later.stdout)")
    }

    @Test func anInstructorsMistakesGetOneClearLine() throws {
        let folder = Self.scratch("mistakes")
        _ = try Self.makeClass("Lab", database: folder + "/class.sqlite")
        let again = try Self.classroom(["create", "Lab", "--course", RoleCallProcess.course, "--db", folder + "/class.sqlite"])
        #expect(again.status == 65)
        #expect(again.stderr == "rolecall-classroom: there is a class called 'Lab' already; choose another name\n")
        let nowhere = try Self.classroom(["export", "Lab", "--db", "/proc/no-such-folder/class.sqlite"])
        #expect(nowhere.status == 69)
        #expect(nowhere.stderr == "rolecall-classroom: cannot make the folder /proc/no-such-folder for the class database /proc/no-such-folder/class.sqlite\n")
        let format = try Self.classroom(["export", "Lab", "--db", folder + "/class.sqlite", "--format", "xml"])
        #expect(format.status == 64)
        #expect(format.stderr.hasPrefix("rolecall-classroom: --format takes csv, canvas, moodle, json"))
        // `--out` naming the database wrote the grades over every transcript and the class's key.
        let database = folder + "/class.sqlite"
        let before = try #require(FileManager.default.contents(atPath: database))
        let overDatabase = try Self.classroom(["export", "Lab", "--db", database, "--out", folder + "/./class.sqlite"])
        #expect(overDatabase.status == 64)
        #expect(overDatabase.stderr == "rolecall-classroom: \(folder)/./class.sqlite is the class database; the export would be written over it. Name another file for --out.\n")
        #expect(FileManager.default.contents(atPath: database) == before)
        #expect(try Self.classroom(["export", "Lab", "--db", database]).status == 0, "the class is whole")
        // A mistyped exam lesson at `create` made the class, then refused the exam: retrying met "already".
        let typo = try Self.classroom(["create", "Wed", "--course", RoleCallProcess.course, "--db", database, "--exam", "nolesson"])
        #expect(typo.status == 65)
        #expect(typo.stderr.hasPrefix("rolecall-classroom: no lesson 'nolesson' in the class's course"), "\(typo.stderr)")
        #expect(!typo.stdout.contains("join code"), "\(typo.stdout)")
        #expect(try Self.classroom(["export", "Wed", "--db", database]).status != 0, "no class was made")
        // A port in use was told in the socket layer's words (`bind(descriptor:ptr:bytes:): Address already in use`).
        let first = try Server(database: database)
        defer { _ = first.stop() }
        let port = try #require(first.url.split(separator: ":").last)
        let second = try Self.classroom(["serve", "--db", database, "--port", String(port)])
        #expect(second.status == 69)
        #expect(second.stderr.hasSuffix("rolecall-classroom: port \(port) is in use (another class server or another program listens there): choose another port, or 0 for any free one\n"), "\(second.stderr)")
        let address = try RoleCallProcess.run(["join", "notaurl", "ABCD-EFGH", "--data-dir", folder + "/learners"])
        #expect(address.status == 64)
        #expect(address.stderr == "rolecall: 'notaurl' is not a class server address; it looks like http://HOST:PORT\n")
    }

    @Test(.enabled(if: BrowserTest.available, "needs Debian's chromium, chromium-driver and python3-selenium"))
    func theDashboardShowsALearnerMoveInARealBrowser() throws {
        let folder = Self.scratch("browser")
        let database = folder + "/class.sqlite"
        let made = try Self.makeClass("Browser class", database: database)
        let server = try Server(database: database)
        defer { _ = server.stop() }
        let screenshot = RoleCallProcess.repositoryRoot.appendingPathComponent(".build/test-artifacts/dashboard.png").path
        try FileManager.default.createDirectory(atPath: (screenshot as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: screenshot)
        let result = try RoleCallProcess.run([
            "/usr/bin/python3", RoleCallProcess.repositoryRoot.appendingPathComponent("Tests/Browser/dashboard_live.py").path,
            server.url + made.dashboard + "?token=" + made.token, server.url, made.code, RoleCallProcess.executable.path,
            folder + "/learners", RoleCallProcess.course, screenshot,
        ], viaShell: true)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ok"))
        #expect(FileManager.default.fileExists(atPath: screenshot))
        print("dashboard screenshot: \(screenshot)")
    }

    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

enum BrowserTest {
    static var available: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromedriver"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
            && (try? RoleCallProcess.run(["/usr/bin/python3", "-c", "import selenium"], viaShell: true).status) == 0
    }
}
