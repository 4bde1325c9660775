import Foundation
import Lessons
import Testing
@testable import Transcripts
import Assessment
import Tutor
import SandboxShell
@testable import Grading

/// Builds transcripts the way the tutor writes them, then grades, tampers and grades again.
@Suite struct GradingTests {
    static let course: Course = {
        // A frozen copy of three shipped lessons: editing Lessons/ never breaks these tests.
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/course-snapshot").path
        var course = CourseLoader.load(directory: directory).course!
        // These tests are about the rules, not the shipped course's choice of policy.
        course.grading = GradingPolicy()
        return course
    }()

    static let key = "instructor-secret"

    /// A transcript of events, one minute apart, chained and signed with `secret`.
    static func transcript(_ events: [LearningEvent], secret: String? = key, learner: String = "sam", format: Int = LearningEvent.currentFormat) -> Data {
        let signer = TranscriptSigner(secret: secret)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var previous: TranscriptRecord?
        var data = Data()
        var start = LearningEvent.sessionStart(learner: learner, course: "sha256:test")
        start.format = format
        for (index, event) in ([start] + events).enumerated() {
            let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_800_000_000 + Double(index * 60)))
            let record = signer.record(event, time: time, after: previous)
            data += try! encoder.encode(record) + Data("\n".utf8)
            previous = record
        }
        return data
    }

    static func answer(_ item: String, _ input: String, lesson: String = "what-are-roles", exam: String? = nil, order: [String]? = nil) -> LearningEvent {
        LearningEvent(.answer, lesson: lesson, item: item, input: input, verdict: "correct", choiceOrder: order, exam: exam)
    }

    static func grade(_ data: Data, secret: String? = key, regrader: Regrader = Regrader(course: course)) -> LearnerReport {
        regrader.grade(learner: "sam", audit: TranscriptVerifier.verify(data, signer: TranscriptSigner(secret: secret)))
    }

    static func lesson(_ report: LearnerReport, _ id: String = "what-are-roles") -> LessonScore {
        report.lessons.first { $0.lesson == id }!
    }

    /// Right, wrong-then-right, skipped, hinted, and a task solved by commands.
    static let mixedEvents: [LearningEvent] = [
        LearningEvent(.lessonEntered, lesson: "what-are-roles"),
        answer("role-definition", "a"),
        LearningEvent(.hint, lesson: "what-are-roles", item: "role-definition"),
        answer("role-definition", "b"),
        answer("role-belongs-to-person", "true"),
        LearningEvent(.skip, lesson: "what-are-roles", item: "role-belongs-to-person"),
        LearningEvent(.command, lesson: "what-are-roles", item: "check-caller-identity", input: "aws sts get-caller-identity", exitCode: 0),
        LearningEvent(.command, lesson: "what-are-roles", item: "inspect-auditor-role", input: "aws iam get-role --role-name Nope", exitCode: 254),
        answer("role-parts", "a b"),
        answer("auditor-role-arn", "arn:aws:iam::123456789012:role/Auditor"),
    ]

    @Test func regradesFromTheRawAnswersAndReplaysCommands() {
        let report = Self.grade(Self.transcript(Self.mixedEvents))
        let lesson = Self.lesson(report)
        #expect(report.problems.isEmpty)
        #expect(lesson.right == 2)
        #expect(lesson.wrong == 1)
        #expect(lesson.skipped == 1)
        #expect(lesson.tasksDone == 1, "get-caller-identity solves the first task; the second was never solved")
        #expect(lesson.hintsUsed == 1)
        #expect(lesson.score == 3)
        #expect(lesson.maximum == 6)
        #expect(lesson.seconds == 9 * 60)
        #expect(report.courseVersions == ["sha256:test"])
    }

    @Test func ignoresTheVerdictsTheSessionRecorded() {
        // Every answer claims "correct"; only re-checking decides.
        let report = Self.grade(Self.transcript([Self.answer("role-definition", "d")]))
        #expect(Self.lesson(report).score == 0)
        #expect(Self.lesson(report).wrong == 1)
    }

    @Test func appliesTheCoursesGradingPolicy() {
        let strict = Regrader(course: Self.course, policy: GradingPolicy(skippedPoints: 1, hintPenalty: 1, laterAttempts: .none))
        let report = Self.grade(Self.transcript(Self.mixedEvents), regrader: strict)
        // role-definition: right on the second try: none; skipped question: 1; role-parts wrong; ARN right: 1; task: 1.
        #expect(Self.lesson(report).score == 3)
        let half = Regrader(course: Self.course, policy: GradingPolicy(laterAttempts: .half))
        let doubled = LearningEvent(.answer, lesson: "what-are-roles", item: "role-definition", input: "a")
        #expect(Self.lesson(Self.grade(Self.transcript([doubled, Self.answer("role-definition", "b")]), regrader: half)).score == 0, "half of 1 point rounds down")
    }

    @Test func gradesAgainstAnInstructorsAnswerKey() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString).yaml")
        try "role-definition: d\nauditor-role-arn: [arn:aws:iam::123456789012:role/Other]\n".write(to: file, atomically: true, encoding: .utf8)
        let key = try AnswerKey.load(path: file.path, course: Self.course)
        let report = Self.grade(Self.transcript([Self.answer("role-definition", "d"), Self.answer("auditor-role-arn", "arn:aws:iam::123456789012:role/Auditor")]),
                                regrader: Regrader(course: Self.course, key: key))
        #expect(Self.lesson(report).right == 1)
        #expect(Self.lesson(report).wrong == 1)
        try "no-such-question: a\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: AnswerKey.LoadError.self) { try AnswerKey.load(path: file.path, course: Self.course) }
    }

    @Test func examAnswersAreMappedBackThroughTheShuffleAndOnlyTheFirstCounts() {
        // The exam showed the original choices in the order c, a, d, b: the learner's "d" is the original b.
        let order = ["c", "a", "d", "b"]
        let events = [
            Self.answer("role-definition", "a"),
            Self.answer("role-definition", "d", exam: "exam-1", order: order),
            Self.answer("role-definition", "b", exam: "exam-1", order: order),
        ]
        let report = Self.grade(Self.transcript(events))
        #expect(Self.lesson(report).right == 1)
        #expect(report.answers["role-definition"]?.attempts == ["b"], "the exam's first answer, in the course's letters; practice is not the exam's score")
        let wrongFirst = Self.grade(Self.transcript([Self.answer("role-definition", "a", exam: "x", order: order), Self.answer("role-definition", "d", exam: "x", order: order)]))
        #expect(Self.lesson(wrongFirst).right == 0, "in an exam only the first answer counts")
    }

    @Test func examTasksReplayInAFreshSandboxAndSupersedePractice() {
        let lesson = "how-roles-work"
        func command(_ item: String, _ line: String, exam: String? = nil) -> LearningEvent {
            LearningEvent(.command, lesson: lesson, item: item, input: line, exam: exam)
        }
        let createRole = "aws iam create-role --role-name S3Reader --assume-role-policy-document file://trust-ec2.json"
        let attach = "aws iam attach-role-policy --role-name S3Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        var examStart = LearningEvent(.examStart, exam: "exam-1")
        examStart.lessons = [lesson]
        // In practice the role exists, so attaching would succeed; the exam's sandbox starts from the lesson's seed,
        // where there is no S3Reader yet, so the same command fails there and the task is not done.
        let practiceThenExam = [
            LearningEvent(.lessonEntered, lesson: lesson),
            command("create-s3reader-role", createRole),
            command("attach-s3-readonly", attach),
            examStart,
            command("attach-s3-readonly", attach, exam: "exam-1"),
        ]
        let report = Self.grade(Self.transcript(practiceThenExam))
        #expect(Self.lesson(report, lesson).tasksDone == 0, "an examined lesson's score is the exam's alone: practice does not count, and the attach failed in the exam's fresh sandbox")
        #expect(Self.lesson(report, lesson).isExam)

        let solvedInExam = [
            examStart,
            command("create-s3reader-role", createRole, exam: "exam-1"),
            command("attach-s3-readonly", attach, exam: "exam-1"),
            // Practice after the exam changes nothing for an examined task.
            LearningEvent.sessionStart(learner: "sam"),
            LearningEvent(.skip, lesson: lesson, item: "attach-s3-readonly"),
        ]
        let solved = Self.grade(Self.transcript(solvedInExam))
        #expect(Self.lesson(solved, lesson).tasksDone == 2)
        let full = Self.course.lesson(withID: lesson)!.tasks.filter { ["create-s3reader-role", "attach-s3-readonly"].contains($0.id) }.map(\.points).reduce(0, +)
        #expect(Self.lesson(solved, lesson).score == full, "exam tasks earn full points: there are no hints to take")
    }

    @Test func detectsEditedRemovedReorderedAndForgedEvents() throws {
        let original = Self.transcript(Self.mixedEvents)
        var lines = original.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }

        var edited = lines
        edited[2] = edited[2].replacingOccurrences(of: "\"input\":\"a\"", with: "\"input\":\"b\"")
        let editedReport = Self.grade(Data(edited.joined(separator: "\n").utf8))
        #expect(editedReport.problems.map(\.kind) == [.edited])
        #expect(editedReport.problems.first?.line == 3)

        var removed = lines
        removed.remove(at: 4)
        let removedReport = Self.grade(Data(removed.joined(separator: "\n").utf8))
        #expect(removedReport.problems.map(\.kind) == [.removed])
        #expect(removedReport.problems.first?.detail == "1 event missing before event 6")

        var reordered = lines
        reordered.swapAt(3, 4)
        #expect(Self.grade(Data(reordered.joined(separator: "\n").utf8)).problems.map(\.kind).contains(.reordered))

        // A forger who recomputes the hash chain still cannot sign without the key.
        let forgedData = Self.transcript(Self.mixedEvents.map { event in
            var changed = event
            if changed.kind == .answer { changed.input = "b" }
            return changed
        }, secret: "guessed-key")
        let forged = Self.grade(forgedData)
        #expect(forged.problems.allSatisfy { $0.kind == .forged })
        #expect(forged.problems.count == Self.mixedEvents.count + 1)
        #expect(Self.lesson(forged).right == 0, "forged events are not counted")

        lines.append("not json at all")
        #expect(Self.grade(Data(lines.joined(separator: "\n").utf8)).problems.map(\.kind) == [.unreadable])
    }

    /// Verifying cuts `hash` and `mac` out of the line as written; what is left must be exactly the content the
    /// writer hashed and signed, whatever the event holds (even the members' own text, escaped, in an input).
    @Test func aLineWithoutItsHashAndSignatureIsTheContentThatWasSigned() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for secret in ["k", nil] {
            let signer = TranscriptSigner(secret: secret)
            var previous: TranscriptRecord?
            for input in ["aws iam get-role --role-name R", #"echo ,"mac":"x" ,"hash":"y""#, "", "é ✓ \\ \n"] {
                let record = signer.record(LearningEvent(.command, lesson: "l", input: input), time: "2026-11-28T10:00:00Z", after: previous)
                let line = try encoder.encode(record)
                #expect(TranscriptSigner.canonicalBytes(ofLine: Array(line)[...]) == Array(TranscriptSigner.canonicalBytes(record.canonicalContent)), "\(input)")
                // A line is cut from the middle of its file's bytes.
                let file = Array("{}\n".utf8) + Array(line) + Array("\n".utf8)
                #expect(TranscriptSigner.canonicalBytes(ofLine: file[3..<(3 + line.count)]) == Array(TranscriptSigner.canonicalBytes(record.canonicalContent)))
                previous = record
            }
        }
        // Members moved by hand (hash after mac) are still the same members; one given twice leaves one behind, and
        // a member cut short (no closing quote) is left in place, so none of these can pass for the signed content.
        let content = #"{"event":{"kind":"skip"},"prev":"","seq":1,"time":"t"}"#
        func cut(_ line: String) -> String { String(decoding: TranscriptSigner.canonicalBytes(ofLine: Array(line.utf8)[...]), as: UTF8.self) }
        #expect(cut(#"{"event":{"kind":"skip"},"mac":"M","hash":"H","prev":"","seq":1,"time":"t"}"#) == content)
        #expect(cut(#"{"event":{"kind":"skip"},"hash":"H","mac":"M","prev":"","seq":1,"time":"t"}"#) == content)
        #expect(cut(#"{"event":{"kind":"skip"},"hash":"H","prev":"","seq":1,"time":"t"}"#) == content)
        #expect(cut(#"{"event":{"kind":"skip"},"hash":"H","hash":"H","mac":"M","prev":"","seq":1,"time":"t"}"#) != content)
        #expect(cut(#"{"event":{"kind":"skip"},"hash":"x,"mac":"y"}"#) == #"{"event":{"kind":"skip"},"hash":"x}"#)
        #expect(cut(#","mac":""#) == #","mac":""#)
        #expect(cut(#","hash":"#) == #","hash":"#)
        // The search steps back eight bytes at a time: members and commas at every place around those steps.
        for length in 0..<20 {
            let input = String(repeating: "x", count: length), commas = String(repeating: ",", count: length)
            let padded = #"{"event":{"input":""# + input + #"","kind":"skip"},"prev":""# + commas + #"","seq":1,"time":"t"}"#
            let signed = #"{"event":{"input":""# + input + #"","kind":"skip"},"hash":"H"# + input + #"","mac":"M"# + commas + #"","prev":""# + commas + #"","seq":1,"time":"t"}"#
            #expect(cut(signed) == padded, "\(length)")
            #expect(cut(padded) == padded)
        }
        for word in [0, 0x2C2C_2C2C_2C2C_2C2C, 0x2C00_0000_0000_0000, 0x0101_0101_0101_0101, UInt64.max, 0x8000_0000_0000_0080] as [UInt64] {
            let bytes = withUnsafeBytes(of: word) { Array($0) }
            #expect(TranscriptSigner.hasZeroByte(word) == bytes.contains(0), "\(word)")
        }
    }

    /// A file's lines as the verifier cuts them: every newline ends one, and text after the last newline is one more.
    @Test func aFileIsCutIntoItsLines() {
        func lines(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return TranscriptVerifier.lineRanges(of: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(lines("") == [])
        #expect(lines("\n") == [""])
        #expect(lines("a") == ["a"])
        #expect(lines("a\n") == ["a"])
        #expect(lines("a\n\nbc\r\n d") == ["a", "", "bc\r", " d"])
        let long = String(repeating: "x", count: 100)
        #expect(lines(long + "\n" + long + "\n\n") == [long, long, ""])
    }

    /// The gradebook and item-analysis CSVs are opened in spreadsheets: a learner's wrong answer `=2+3` (or a
    /// transcript named `=cmd.jsonl`) ran as a formula there. A field that would is written with a leading `'`.
    @Test func reportCSVsRunNoLearnersFormulas() {
        var item = ItemAnalysis(question: "q1", lesson: "l")
        item.attempted = 1
        item.commonWrongAnswers = [(answer: "=2+3", count: 1)]
        let items = ReportFormatter.itemAnalysis([item], format: .csv)
        #expect(items.contains(",'=2+3 ×1"), "\(items)")
        #expect(ReportFormatter.csvField("-3", guardingFormulas: true) == "-3", "a number is no formula")
        #expect(ReportFormatter.csvField("@SUM(A1)", guardingFormulas: true) == "'@SUM(A1)")
    }

    @Test func withoutAKeyOnlyTheChainIsChecked() {
        let unsigned = Self.transcript(Self.mixedEvents, secret: nil)
        #expect(Self.grade(unsigned, secret: nil).problems.isEmpty)
        #expect(Self.grade(unsigned, secret: Self.key).problems.first?.kind == .forged, "with a key, unsigned events are reported")
    }

    @Test func writesTheGoldenGradebookCSV() {
        let regrader = Regrader(course: Self.course)
        let reports = [
            regrader.grade(learner: "sam", audit: TranscriptVerifier.verify(Self.transcript(Self.mixedEvents), signer: TranscriptSigner(secret: Self.key))),
            regrader.grade(learner: "O'Brien, Pat", audit: TranscriptVerifier.verify(Self.transcript([Self.answer("role-definition", "b")]), signer: TranscriptSigner(secret: Self.key))),
        ]
        let csv = ReportFormatter.csv(reports, lessons: Self.course.lessons.map(\.id))
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "learner,what-are-roles,why-services-need-roles,how-roles-work,total,maximum,attempts,wrong attempts,integrity")
        #expect(rows[1] == "sam,3,0,0,3,\(reports[0].maximum),5,3,ok")
        #expect(rows[2] == "\"O'Brien, Pat\",1,0,0,1,\(reports[1].maximum),1,0,ok")
    }

    @Test func itemAnalysisCountsFirstTriesAndCommonWrongAnswers() {
        let regrader = Regrader(course: Self.course)
        let transcripts = [
            [Self.answer("role-definition", "a"), Self.answer("role-definition", "b")],
            [Self.answer("role-definition", "a"), Self.answer("role-definition", "c")],
            [Self.answer("role-definition", "B")],
        ]
        let reports = transcripts.map { regrader.grade(learner: "x", audit: TranscriptVerifier.verify(Self.transcript($0), signer: TranscriptSigner(secret: Self.key))) }
        let item = regrader.itemAnalysis(reports).first { $0.question == "role-definition" }!
        #expect(item.attempted == 3)
        #expect(item.rightFirstTime == 1)
        #expect(item.rightEventually == 2)
        #expect(item.commonWrongAnswers.map(\.answer) == ["a", "c"])
        #expect(item.commonWrongAnswers.map(\.count) == [2, 1])
    }

    @Test func aLessonResetStartsTheReplayOver() {
        let events = [
            LearningEvent(.command, lesson: "what-are-roles", item: "check-caller-identity", input: "aws sts get-caller-identity"),
            LearningEvent(.reset, lesson: "what-are-roles", scope: "lesson"),
        ]
        #expect(Self.lesson(Self.grade(Self.transcript(events))).tasksDone == 0)
    }
}

@Suite struct TranscriptTimeTests {
    @Test(arguments: ["2026-11-28T10:05:09Z", "2000-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "2100-03-01T12:00:00Z"])
    func parsesTimesLikeFoundation(text: String) {
        let expected = ISO8601DateFormatter().date(from: text).map { Int($0.timeIntervalSince1970) }
        #expect(Regrader.epochSeconds(text) == expected)
    }
}

/// A class exam resumed in a new session: its task's checks still see the commands of the first session, as the
/// learner's resumed exam does (the class does not count the second exam-start).
@Suite struct ResumedExamReplayTests {
    static func course() throws -> Course {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "title: Resume\nlessons: [one]\n".write(toFile: directory + "/course.yaml", atomically: true, encoding: .utf8)
        try """
        ---
        id: one
        title: One
        summary: A task done over two sittings.
        minutes: 5
        objectives: [Resume]
        sandbox:
          files:
            trust.json: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
        ---
        # One

        ## Look, then make

        ```task
        id: look-then-make
        goal: List the roles, then create the role `Worker`.
        check:
          - ran iam list-roles
          - role Worker exists
        solution:
          - aws iam list-roles
          - aws iam create-role --role-name Worker --assume-role-policy-document file://trust.json
        ```
        """.write(toFile: directory + "/one.md", atomically: true, encoding: .utf8)
        let loaded = CourseLoader.load(directory: directory)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        return try #require(loaded.course)
    }

    @Test func aResumedExamsTaskStillSeesTheFirstSessionsCommands() throws {
        let course = try Self.course()
        var start = LearningEvent(.examStart, exam: "class-exam-1")
        start.lessons = ["one"]
        start.withTasks = true
        func command(_ line: String) -> LearningEvent { LearningEvent(.command, lesson: "one", item: "look-then-make", input: line, exam: "class-exam-1") }
        let events = [
            LearningEvent.sessionStart(learner: "ana"), start, command("aws iam list-roles"),
            // The terminal died; the learner came back in a new session (its exam-start is not counted by the class).
            LearningEvent.sessionStart(learner: "ana"),
            command("aws iam create-role --role-name Worker --assume-role-policy-document file://trust.json"),
        ]
        var replay = Regrader.Replay(Regrader(course: course))
        var previous: TranscriptRecord?
        for event in events {
            let record = TranscriptSigner(secret: nil).record(event, time: "2026-11-30T10:00:00Z", after: previous)
            replay.apply(record)
            previous = record
        }
        #expect(replay.ledger.examTasks["look-then-make"]?.completed == true)
    }

    /// The transcript file of a resumed class exam holds the second sitting's `exam-start` (the class server's gate
    /// drops it, `rolecall grade` reads the file): the sitting goes on there too, so both grade it alike (found by
    /// a review: the second start emptied the exam's sandbox and its answers).
    @Test func aResumedExamsSecondStartInTheFileGoesOn() throws {
        let course = try Self.course()
        var start = LearningEvent(.examStart, exam: "class-exam-1")
        start.lessons = ["one"]
        start.withTasks = true
        func command(_ line: String, exit: Int32) -> LearningEvent {
            LearningEvent(.command, lesson: "one", item: "look-then-make", input: line, exitCode: exit, exam: "class-exam-1")
        }
        let events = [
            start, command("aws iam list-roles", exit: 0),
            LearningEvent.sessionStart(learner: "ana"), start,
            command("aws iam create-role --role-name Worker --assume-role-policy-document file://trust.json", exit: 0),
            command("aws iam get-role --role-name Worker", exit: 0),
        ]
        let report = GradingTests.grade(GradingTests.transcript(events), regrader: Regrader(course: course))
        #expect(report.tasks["look-then-make"]?.completed == true)
        #expect(report.replayDisagreementCount == 0, "\(report.replayDisagreements)")
        // Another exam's start is a retake: it starts from nothing.
        var retake = start
        retake.exam = "class-exam-2"
        let retaken = GradingTests.grade(GradingTests.transcript(events + [retake]), regrader: Regrader(course: course))
        #expect(retaken.tasks["look-then-make"]?.completed != true)
    }

    /// A replay's result is kept only once a second learner reaches the same history: a history that is one
    /// learner's own is never kept, so the memo holds what is shared and the state of a lone replay is not shared.
    @Test func replayResultsAreKeptOnTheSecondSighting() {
        let memo = ReplayMemo()
        let start = ReplayMemo.History(lesson: "01-intro")
        let first = start.appending("aws sts get-caller-identity", item: nil)
        let other = start.appending("aws iam list-roles", item: nil)
        let outcome = ShellOutcome(stdout: "{}")
        memo.remember(.initial(), outcome, after: first)
        #expect(memo.result(after: first) == nil)
        memo.remember(.initial(), outcome, after: first)
        #expect(memo.result(after: first)?.outcome == outcome)
        #expect(memo.result(after: other) == nil)
        // The same line typed for another task, or after another history, is another history.
        #expect(start.appending("aws sts get-caller-identity", item: "task") != first)
        #expect(other.appending("aws sts get-caller-identity", item: nil) != first)
    }

    /// Format 3 told shell variables from the environment: `AWS_PROFILE=ghost` alone no longer reaches the aws CLI.
    /// A session written before ran that line as an export, and is replayed so: its get-caller-identity failed
    /// (no profile ghost) and the task was not done, as it was live.
    @Test func plainAssignmentsReplayAsTheirSessionRanThem() {
        let events = [
            LearningEvent(.lessonEntered, lesson: "what-are-roles"),
            LearningEvent(.command, lesson: "what-are-roles", item: "check-caller-identity", input: "AWS_PROFILE=ghost"),
            LearningEvent(.command, lesson: "what-are-roles", item: "check-caller-identity", input: "aws sts get-caller-identity"),
        ]
        #expect(GradingTests.grade(GradingTests.transcript(events)).tasks["check-caller-identity"]?.completed == true)
        let older = GradingTests.grade(GradingTests.transcript(events, format: 2))
        #expect(older.tasks["check-caller-identity"]?.completed != true)
        #expect(older.tasks["check-caller-identity"]?.commands == ["AWS_PROFILE=ghost", "aws sts get-caller-identity"], "the lines as typed")
    }
}

/// Reading a transcript line into a record, member by member.
@Suite struct TranscriptLineReadingTests {
    static func line(_ event: String, extra: String = "") -> [UInt8] {
        Array("{\"event\":\(event),\"hash\":\"h\",\"prev\":\"\",\"seq\":1,\"time\":\"2026-11-28T10:00:00Z\"\(extra)}".utf8)
    }

    @Test func readsWhatTheWriterWrote() throws {
        let signer = TranscriptSigner(secret: "k")
        var event = LearningEvent(.examStart, lesson: "l", item: "q \"quoted\" é", input: "aws s3 ls\n", exitCode: -3, choiceOrder: ["b", "a"], exam: "e")
        event.lessons = ["x", "y"]
        event.seed = 7
        event.withTasks = true
        let record = signer.record(event, time: "2026-11-28T10:00:00Z", after: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(TranscriptRecord(line: Array(try encoder.encode(record))) == record)
    }

    @Test func aMemberTheRecordDoesNotHaveMakesItNoRecord() {
        #expect(TranscriptRecord(line: Self.line("{\"kind\":\"hint\"}")) != nil)
        #expect(TranscriptRecord(line: Self.line("{\"kind\":\"hint\"}", extra: ",\"extra\":1")) == nil)
        #expect(TranscriptRecord(line: Self.line("{\"kind\":\"hint\"}") + Array(" x".utf8)) == nil)
        #expect(TranscriptRecord(line: Self.line("{\"kind\":\"unheard-of\"}")) == nil)
        #expect(TranscriptRecord(line: Self.line("[]")) == nil)
    }

    /// An event member a newer RoleCall writes is skipped whatever its value; one given twice counts as its last,
    /// except `kind`, whose first says what the event is; a value of the wrong kind reads as absent.
    @Test func eventMembersReadAsTheTreeReaderReadThem() throws {
        let record = try #require(TranscriptRecord(line: Self.line(
            "{\"future\":{\"a\":[1,2]},\"kind\":\"answer\",\"lesson\":\"a\",\"lesson\":\"b\",\"kind\":\"hint\",\"step\":3,\"choiceOrder\":[\"a\",1,\"b\"],\"lessons\":\"x\"}")))
        #expect(record.event.kind == .answer)
        #expect(record.event.lesson == "b")
        #expect(record.event.step == nil)
        #expect(record.event.choiceOrder == ["a", "b"])
        #expect(record.event.lessons == nil)
    }

    /// An exit code beyond 32 bits used to stop grading with a Swift overflow trap.
    @Test func anExitCodeOutOfRangeReadsAsAbsent() throws {
        let record = try #require(TranscriptRecord(line: Self.line("{\"kind\":\"command\",\"exitCode\":99999999999}")))
        #expect(record.event.exitCode == nil)
    }
}

/// A replay that ends otherwise than the session did is shown to the instructor, not silently graded.
@Suite struct ReplayDisagreementTests {
    static let events: [LearningEvent] = [
        LearningEvent(.lessonEntered, lesson: "what-are-roles"),
        LearningEvent(.command, lesson: "what-are-roles", input: "aws sts get-caller-identity", exitCode: 0),
        // Recorded as a success, but there is no such role: the sandbox the transcript was made with behaved otherwise.
        LearningEvent(.command, lesson: "what-are-roles", input: "aws iam get-role --role-name NoSuchRole", exitCode: 0),
        // No exit code recorded: nothing to compare.
        LearningEvent(.command, lesson: "what-are-roles", input: "aws iam get-role --role-name AnotherMissingRole"),
    ]

    @Test func aCommandWhoseReplayEndsOtherwiseIsReported() throws {
        let report = GradingTests.grade(GradingTests.transcript(Self.events))
        let disagreement = try #require(report.replayDisagreements.first)
        #expect(report.replayDisagreements.count == 1)
        #expect(disagreement == ReplayDisagreement(seq: 4, lesson: "what-are-roles", exam: false, command: "aws iam get-role --role-name NoSuchRole",
                                                   liveExitCode: 0, replayExitCode: 254))
        let table = ReportFormatter.table([report])
        #expect(table.contains("  ~ event 4 (what-are-roles): `aws iam get-role --role-name NoSuchRole` ended with exit code 0 in the session and 254 when replayed"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormatter.json([report]).utf8)) as? [[String: Any]])
        #expect((json.first?["replayDisagreements"] as? [[String: Any]])?.first?["replayExitCode"] as? Int == 254)
    }

    /// One failure for another (a usage error that is now a "not simulated" one) is not a disagreement: the grade
    /// cannot turn on it.
    @Test func oneFailureForAnotherIsNoDisagreement() {
        let events = [LearningEvent(.lessonEntered, lesson: "what-are-roles"),
                      LearningEvent(.command, lesson: "what-are-roles", input: "aws iam get-role --role-name Missing", exitCode: 252)]
        #expect(GradingTests.grade(GradingTests.transcript(events)).replayDisagreementCount == 0)
    }

    /// The command is shown on one line, its control characters made harmless for the instructor's terminal.
    @Test func theCommandIsShownOnOneLine() {
        let disagreement = ReplayDisagreement(seq: 3, lesson: "l", exam: true, command: "cat > t.json <<'EOF'\n{}\nEOF\u{1B}[2J",
                                              liveExitCode: 0, replayExitCode: 2)
        #expect(disagreement.description == "event 3 (l, exam): `cat > t.json <<'EOF'\\n{}\\nEOF?[2J` ended with exit code 0 in the session and 2 when replayed")
    }

    @Test func theTableShowsAFewAndCountsTheRest() {
        let failing = (1...5).map { LearningEvent(.command, lesson: "what-are-roles", input: "aws iam get-role --role-name Gone\($0)", exitCode: 0) }
        let report = GradingTests.grade(GradingTests.transcript([LearningEvent(.lessonEntered, lesson: "what-are-roles")] + failing))
        let table = ReportFormatter.table([report])
        #expect(table.components(separatedBy: "  ~ event").count - 1 == 3)
        #expect(table.contains("  ~ and 2 more commands whose replay ended otherwise than in the session"))
    }
}

/// A task the session recorded as done where the replay had already parted from the session (a later RoleCall
/// answers some command otherwise) is reported as the session's claim. It counts only when the instructor asks
/// (`--count-session-claims`): the transcript is the learner's, so a made-up "successful" command and made-up
/// claims must not earn tasks by default. Where the replay follows the session, a claim is nothing.
@Suite struct SessionClaimTests {
    static let lesson = "what-are-roles"
    /// Succeeded in the session (the sandbox it was made with answered otherwise); fails in today's replay.
    static let partedCommand = LearningEvent(.command, lesson: lesson, item: "inspect-auditor-role", input: "aws iam get-role --role-name Audtor", exitCode: 0)
    static let sessionSawItDone = LearningEvent(.taskCompleted, lesson: lesson, item: "inspect-auditor-role", verdict: "done")
    static let trusting = Regrader(course: GradingTests.course, countsSessionClaims: true)

    @Test func aClaimAfterTheReplayPartedIsListedNotCounted() throws {
        let transcript = GradingTests.transcript([LearningEvent(.lessonEntered, lesson: Self.lesson), Self.partedCommand, Self.sessionSawItDone])
        let report = GradingTests.grade(transcript)
        #expect(GradingTests.lesson(report).tasksDone == 0)
        #expect(report.sessionClaims == [SessionClaimedTask(seq: 4, lesson: Self.lesson, exam: false, task: "inspect-auditor-role", counted: false)])
        #expect(ReportFormatter.table([report]).contains(
            "  ~ event 4 (what-are-roles): task inspect-auditor-role claimed done by the session, not done in its replay, which had parted from the session; not counted (--count-session-claims counts it)\n"))
        #expect(ReportFormatter.csv([report], lessons: [Self.lesson]).contains(",1 task claimed but not replayed"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormatter.json([report]).utf8)) as? [[String: Any]])
        #expect((json.first?["sessionClaims"] as? [[String: Any]])?.first?["counted"] as? Bool == false)
        // The instructor who trusts the class counts it.
        let trusted = GradingTests.grade(transcript, regrader: Self.trusting)
        #expect(GradingTests.lesson(trusted).tasksDone == 1)
        #expect(trusted.sessionClaims.first?.counted == true)
        #expect(ReportFormatter.csv([trusted], lessons: [Self.lesson]).contains(",1 task counted from the session"))
    }

    /// The record alone proves nothing: where the replay follows the session, a failed command stays failed.
    @Test func aReplayThatFollowsTheSessionDecidesAlone() {
        let failed = LearningEvent(.command, lesson: Self.lesson, item: "inspect-auditor-role", input: "aws iam get-role --role-name Audtor", exitCode: 254)
        let report = GradingTests.grade(GradingTests.transcript([LearningEvent(.lessonEntered, lesson: Self.lesson), failed, Self.sessionSawItDone]), regrader: Self.trusting)
        #expect(GradingTests.lesson(report).tasksDone == 0)
        #expect(report.sessionClaims.isEmpty)
    }

    /// A reset makes the sandbox afresh, so the replay follows the session again from there.
    @Test func aResetEndsTheParting() {
        let events = [LearningEvent(.lessonEntered, lesson: Self.lesson), Self.partedCommand,
                      LearningEvent(.reset, lesson: Self.lesson, scope: "sandbox"), Self.sessionSawItDone]
        #expect(GradingTests.grade(GradingTests.transcript(events), regrader: Self.trusting).sessionClaims.isEmpty)
    }

    /// Parting in one sandbox says nothing of another; and a claim must be for a task of the record's own lesson
    /// (a parting in one lesson earned tasks of any lesson), and of an exam that started.
    @Test func aClaimIsForItsOwnSandboxLessonAndExam() {
        let elsewhere = LearningEvent(.command, lesson: "why-services-need-roles", input: "aws iam get-role --role-name Audtor", exitCode: 0)
        let events = [LearningEvent(.lessonEntered, lesson: "why-services-need-roles"), elsewhere,
                      LearningEvent(.lessonEntered, lesson: Self.lesson), Self.sessionSawItDone,
                      // Another lesson's task, claimed under the parted lesson.
                      LearningEvent(.taskCompleted, lesson: "why-services-need-roles", item: "inspect-auditor-role", verdict: "done"),
                      // An exam that never started.
                      LearningEvent(.taskCompleted, lesson: Self.lesson, item: "inspect-auditor-role", verdict: "done", exam: "never-started")]
        let report = GradingTests.grade(GradingTests.transcript(events), regrader: Self.trusting)
        #expect(report.replayDisagreementCount == 1)
        #expect(report.sessionClaims.isEmpty)
        #expect(GradingTests.lesson(report).tasksDone == 0)
    }

    /// A task the replay already counted is not claimed again.
    @Test func aTaskTheReplayCountedIsNotClaimed() {
        let solved = LearningEvent(.command, lesson: Self.lesson, item: "inspect-auditor-role", input: "aws iam get-role --role-name Auditor", exitCode: 0)
        let events = [LearningEvent(.lessonEntered, lesson: Self.lesson), Self.partedCommand, solved, Self.sessionSawItDone]
        let report = GradingTests.grade(GradingTests.transcript(events), regrader: Self.trusting)
        #expect(GradingTests.lesson(report).tasksDone == 1)
        #expect(report.sessionClaims.isEmpty)
    }
}
