import Foundation
import Testing

/// `rolecall grade` and `rolecall exam` on transcripts the real tutor wrote.
@Suite struct GradingCommandTests {
    static let key = ["ROLECALL_GRADING_KEY": "class-of-2026"]

    static func classroom() throws -> String {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-class-\(UUID().uuidString)").path
        _ = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "\n\n\nb\n\nfalse\n\naws sts get-caller-identity\nquit\n", environment: key)
        _ = try RoleCallProcess.run(["--learner", "bo", "--data-dir", data], stdin: "\n\n\na\nc\nskip\n\ntrue\nquit\n", environment: key)
        return data
    }

    /// A timed exam fed by a script that has not ended (a pipe still open) ends on time by itself, with the
    /// answers given so far, instead of waiting for the next line.
    @Test func aTimedExamEndsOnTimeWhileItsInputStaysOpen() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-timed-\(UUID().uuidString)").path
        let process = Process()
        process.executableURL = RoleCallProcess.executable
        process.arguments = ["exam", "what-are-roles", "--time-limit", "2s", "--learner", "ana", "--data-dir", data]
        var environment = ProcessInfo.processInfo.environment
        environment["ROLECALL_COURSE"] = RoleCallProcess.course
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        input.fileHandleForWriting.write(Data("c\n".utf8))
        let ended = exited.wait(timeout: .now() + 30) == .success
        if !ended { process.terminate() }
        try input.fileHandleForWriting.close()
        #expect(ended, "the exam waited for input after its time was up")
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Time is up."))
        #expect(printed.contains("(your answer: c;"), "the answer given before time ran out is kept")
        #expect(process.terminationStatus == 0)
    }

    @Test func gradesAClassFromTheTranscripts() throws {
        let data = try Self.classroom()
        let table = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("ana: 3/"), "\(table.stdout)")
        #expect(table.stdout.contains("bo: 0/"))
        let csv = try RoleCallProcess.run(["grade", data, "--format", "csv"], environment: Self.key)
        let rows = csv.stdout.components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("learner,what-are-roles,why-services-need-roles,"))
        #expect(rows[1].hasPrefix("ana,3,0,"))
        let anaFields = rows[1].split(separator: ",")
        #expect(anaFields.suffix(5).first == "3", "the total")
        #expect(anaFields.last == "ok", "the integrity column")
        #expect(rows[2].hasPrefix("bo,0,0,"))
        let json = try RoleCallProcess.run(["grade", data, "--format", "json"], environment: Self.key)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["learner"] as? String } == ["ana", "bo"])
        let items = try RoleCallProcess.run(["grade", data, "--item-analysis"], environment: Self.key)
        #expect(items.stdout.contains("ana: 3/"), "the gradebook stays")
        #expect(items.stdout.contains("Item analysis:"))
        #expect(items.stdout.contains("role-definition"))
        #expect(items.stdout.contains("\"a\" ×1"))
        #expect(items.stdout.contains("check-caller-identity            task"), "tasks are analysed too")
        // --item-analysis honours --format: once it printed a text table for json and csv.
        let itemsJSON = try RoleCallProcess.run(["grade", data, "--item-analysis", "--format", "json"], environment: Self.key)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(itemsJSON.stdout.utf8)) as? [String: Any])
        #expect((document["gradebook"] as? [[String: Any]])?.count == 2)
        let analysed = try #require(document["itemAnalysis"] as? [[String: Any]])
        #expect(analysed.contains { $0["item"] as? String == "role-definition" && $0["kind"] as? String == "question" })
        #expect(analysed.contains { $0["kind"] as? String == "task" })
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("grades-\(UUID().uuidString).csv").path
        let itemsCSV = try RoleCallProcess.run(["grade", data, "--item-analysis", "--format", "csv", "--out", out], environment: Self.key)
        #expect(itemsCSV.status == 0)
        let gradebook = try String(contentsOfFile: out, encoding: .utf8)
        #expect(gradebook.hasPrefix("learner,what-are-roles,"))
        let itemRows = try String(contentsOfFile: String(out.dropLast(4)) + "-items.csv", encoding: .utf8).components(separatedBy: "\r\n")
        #expect(itemRows[0] == "item,lesson,kind,attempted,right first time,right,skipped,attempts,common wrong answers")
        #expect(itemRows.contains { $0.hasPrefix("role-definition,what-are-roles,question,") })
    }

    /// One hostile command in one learner's transcript (a --query nested 20,000 levels deep, which once overflowed
    /// the stack while replaying) must not stop the class from being graded.
    @Test func aHostileCommandInOneTranscriptDoesNotStopTheClass() throws {
        let data = try Self.classroom()
        let hostile = "aws sts get-caller-identity --query '" + String(repeating: "!", count: 20_000) + "a'"
        let mallory = try RoleCallProcess.run(["--learner", "mallory", "--data-dir", data],
                                              stdin: "\n\n\n\(hostile)\n\(String(repeating: "(", count: 20_000))\nb\nquit\n", environment: Self.key)
        #expect(mallory.status == 0, "the tutor survives it too: \(mallory.stderr.prefix(300))")
        #expect(mallory.stdout.contains("Expression is nested more than 256 levels deep"))
        let table = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(table.status == 0, "\(table.stderr.prefix(300))")
        #expect(table.stdout.contains("ana: 3/"))
        #expect(table.stdout.contains("mallory: "))
    }

    @Test func reportsTamperingAndDoesNotCountIt() throws {
        let data = try Self.classroom()
        let path = data + "/learners/ana/transcript.jsonl"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"input\":\"false\"", with: "\"input\":\"true\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let table = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(table.stdout.contains("ana: 2/"), "\(table.stdout)")
        #expect(table.stdout.contains("edited: event"))
        let wrongKey = try RoleCallProcess.run(["grade", data], environment: ["ROLECALL_GRADING_KEY": "guess"])
        #expect(wrongKey.stdout.contains("forged"))
    }

    @Test func aTranscriptCopiedIntoAnotherLearnersFolderIsFlagged() throws {
        let data = try Self.classroom()
        try FileManager.default.removeItem(atPath: data + "/learners/bo/transcript.jsonl")
        // After a line that is no record: the problem names the file's line, not the record's place among the trusted.
        let copied = try Data(contentsOf: URL(fileURLWithPath: data + "/learners/ana/transcript.jsonl"))
        try (Data("not a record\n".utf8) + copied).write(to: URL(fileURLWithPath: data + "/learners/bo/transcript.jsonl"))
        let table = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(table.stdout.contains("line 2: misplaced: the transcript was written by ana, but it is in bo's folder"), "\(table.stdout)")
    }

    @Test func examShufflesTimesAndGradesByExamRules() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-exam-\(UUID().uuidString)").path
        let exam = try RoleCallProcess.run(["exam", "what-are-roles", "--learner", "eve", "--data-dir", data, "--seed", "7", "--time-limit", "20m"],
                                           stdin: "c\nfalse\nskip\nskip\n", environment: Self.key)
        #expect(exam.status == 0, "\(exam.stderr)")
        #expect(exam.stdout.contains("Exam: 4 questions, 20 minutes."))
        #expect(exam.stdout.contains("Score sheet:"))
        #expect(exam.stdout.contains("✓  2. role-belongs-to-person"))
        #expect(!exam.stdout.contains("Hint"), "no hints in an exam")
        #expect(exam.stdout.contains("Skipped: this question stays unanswered."), "skip no longer says \"Answer recorded.\"")
        #expect(exam.stdout.components(separatedBy: "Answer recorded.").count == 3, "only the two answers given are recorded")
        let graded = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(graded.stdout.contains("what-are-roles (exam)"), "\(graded.stdout)")
        let again = try RoleCallProcess.run(["exam", "what-are-roles", "--learner", "eve", "--data-dir", data, "--seed", "7"], stdin: "quit\n")
        let firstChoices = exam.stdout.components(separatedBy: "Question 1 of 4").last?.prefix(300)
        let secondChoices = again.stdout.components(separatedBy: "Question 1 of 4").last?.prefix(300)
        #expect(firstChoices == secondChoices, "the same seed and learner give the same order")
        let other = try RoleCallProcess.run(["exam", "what-are-roles", "--learner", "zed", "--data-dir", data, "--seed", "7"], stdin: "quit\n")
        #expect(other.stdout.contains("Score sheet:"))
    }

    @Test func examWithTasksRunsCommandsInAFreshSandboxAndRegradesTheSame() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-exam-tasks-\(UUID().uuidString)").path
        let script = [
            "aws iam create-role --role-name S3Reader --assume-role-policy-document file://trust-ec2.json", "next",
            "aws iam attach-role-policy --role-name S3Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "next",
            "hint", "aws iam create-instance-profile --instance-profile-name S3ReaderProfile", "next",
            "next",
            "finish",
        ]
        let exam = try RoleCallProcess.run(["exam", "how-roles-work", "--with-tasks", "--learner", "tess", "--data-dir", data],
                                           stdin: script.joined(separator: "\n") + "\n", environment: Self.key)
        #expect(exam.status == 0, "\(exam.stderr)")
        #expect(exam.stdout.contains("Exam: 4 questions and 4 tasks."), "\(exam.stdout)")
        #expect(exam.stdout.contains("\"RoleName\": \"S3Reader\""), "a command's own output is shown")
        #expect(exam.stdout.contains("There are no hints in an exam"))
        #expect(!exam.stdout.contains("Task complete"), "no feedback until the end")
        #expect(exam.stdout.contains("✓  1. create-s3reader-role  (task done after 1 command)"), "\(exam.stdout)")
        #expect(exam.stdout.contains("✗  3. make-s3reader-profile  (task not done after 1 command)"))
        #expect(exam.stdout.contains("–  4. launch-with-s3reader  (task not attempted)"), "untouched tasks do not read as failed after 0 commands")
        let graded = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(graded.stdout.contains("how-roles-work (exam)"), "\(graded.stdout)")
        #expect(graded.stdout.range(of: #"how-roles-work \(exam\) +\d+/\d+ +0 +0 +0 +0 +2/4"#, options: .regularExpression) != nil, "\(graded.stdout)")
    }

    /// What a hurried instructor met: `--out` named a transcript and wrote the report over it; a transcript that
    /// could not be read graded as an empty, unblemished one; a key file that could not be read turned signature
    /// checks off with a note; a folder named twice made every row twice; "Jean Dupont", kept by the tutor in
    /// `Jean_Dupont`, was flagged as copied work.
    @Test func anInstructorsSlipsLoseNothingAndAccuseNoOne() throws {
        let data = try Self.classroom()
        let transcript = data + "/learners/ana/transcript.jsonl"
        let before = try #require(FileManager.default.contents(atPath: transcript))
        // Named otherwise than the folder search names it: the same file all the same.
        let over = try RoleCallProcess.run(["grade", data, "--out", data + "/learners/./ana/transcript.jsonl"], environment: Self.key)
        #expect(over.status == 64, "\(over.stderr)")
        #expect(over.stderr.contains("is one of the files being read; the report would be written over it. Name another file for --out."))
        #expect(FileManager.default.contents(atPath: transcript) == before)

        let twice = try RoleCallProcess.run(["grade", data, data, transcript, "--format", "csv"], environment: Self.key)
        #expect(twice.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("ana,") }.count == 1, "\(twice.stdout)")

        let missingKey = try RoleCallProcess.run(["grade", data], environment: ["ROLECALL_GRADING_KEY_FILE": data + "/no-such-key"])
        #expect(missingKey.status == 66)
        #expect(missingKey.stderr == "rolecall: ROLECALL_GRADING_KEY_FILE names \(data)/no-such-key, which cannot be read (No such file or directory); without the key, forged events would not be detected\n")
        FileManager.default.createFile(atPath: data + "/empty-key", contents: Data("\n".utf8))
        #expect(try RoleCallProcess.run(["grade", data], environment: ["ROLECALL_GRADING_KEY_FILE": data + "/empty-key"]).stderr.contains("which is empty"))

        // A folder where a transcript should be cannot be read (as a file without permission cannot): said, and
        // the grade fails, while the others are graded.
        try FileManager.default.createDirectory(atPath: data + "/learners/cy/transcript.jsonl", withIntermediateDirectories: true)
        let unreadable = try RoleCallProcess.run(["grade", data, "--format", "csv"], environment: Self.key)
        #expect(unreadable.status == 66)
        #expect(unreadable.stderr.contains("rolecall: cy: the file could not be read: Is a directory"), "\(unreadable.stderr)")
        #expect(unreadable.stdout.contains("ana,3,"), "the others are graded")
        let cy = unreadable.stdout.components(separatedBy: "\r\n").first { $0.hasPrefix("cy,") }
        #expect(cy != nil && cy?.hasSuffix(",ok") == false, "not ok: \(unreadable.stdout)")
        try FileManager.default.removeItem(atPath: data + "/learners/cy")

        _ = try RoleCallProcess.run(["--learner", "Jean Dupont", "--data-dir", data], stdin: "\n\n\nb\nquit\n", environment: Self.key)
        #expect(FileManager.default.fileExists(atPath: data + "/learners/Jean_Dupont/transcript.jsonl"))
        let named = try RoleCallProcess.run(["grade", data], environment: Self.key)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(!named.stdout.contains("misplaced"), "\(named.stdout)")
        // A transcript really copied into another's folder is still flagged.
        try FileManager.default.createDirectory(atPath: data + "/learners/eve", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: transcript, toPath: data + "/learners/eve/transcript.jsonl")
        #expect(try RoleCallProcess.run(["grade", data], environment: Self.key).stdout.contains("misplaced: the transcript was written by ana, but it is in eve's folder"))
    }

    @Test func badArgumentsAreClearErrors() throws {
        let unknown = try RoleCallProcess.run(["exam", "what-are-rolse"])
        #expect(unknown.stderr.contains("No lesson 'what-are-rolse' in the course. Did you mean 'what-are-roles'?"))
        let badLimit = try RoleCallProcess.run(["exam", "what-are-roles", "--time-limit", "soon"])
        #expect(badLimit.stderr.contains("--time-limit takes a duration such as 20m"))
        let nothing = try RoleCallProcess.run(["grade", "/nonexistent-folder"])
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("no such transcript or folder: /nonexistent-folder"))
        #expect(!nothing.stderr.contains("No transcripts found"), "said once: \(nothing.stderr)")
    }
}
