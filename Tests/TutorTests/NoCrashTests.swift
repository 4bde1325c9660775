import Assessment
import Foundation
import SavedFiles
import Lessons
import Rendering
import Testing
import Transcripts
@testable import Tutor

/// "No input may crash the program": thousands of lines mixing real commands with hostile arguments, thrown at
/// the tutor on every kind of step. A trap anywhere would end the test process.
@Suite struct NoCrashTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    static let heads = ["aws", "export", "unset", "instance exec", "instance", "clock advance", "clock", "open", "goto", "answer",
                        "hint", "skip", "next", "back", "reset", "y", "check", "explain", "whoami", "progress", "lessons", "help", "cat", "ls",
                        "env", "echo", "a", "b", "true", "ac", "", "  ", "nxet", "quitt"]
    static let services = ["iam", "sts", "s3", "s3api", "ec2", "lambda", "cloudformation", "logs", "dynamodb", "configure", "nosuch"]
    static let operations = ["create-role", "get-role", "delete-role", "assume-role", "get-caller-identity", "list-roles", "attach-role-policy",
                             "put-role-policy", "run-instances", "describe-instances", "terminate-instances", "create-function", "invoke",
                             "create-stack", "describe-stack-events", "cp", "ls", "mb", "rb", "rm", "put-object", "get-object",
                             "create-table", "put-item", "scan", "get-log-events", "set", "list", "create-instance-profile",
                             "add-role-to-instance-profile", "simulate-principal-policy", "create-policy-version", "update-role"]
    static let arguments = ["--role-name", "R", "--role-name", "", "--duration-seconds", "-1", "9223372036854775807", "99999999999999999999",
                            "--assume-role-policy-document", "'{\"Version\":\"2012-10-17\"}'", "file://trust.json", "file:///etc/passwd",
                            "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:", "::::::", "--count", "0", "--count", "-5",
                            "--query", "'Role.['", "--query", "'[?x=='", "--output", "table", "--output", "nonsense", "--profile", "ghost",
                            "s3://", "s3://b", "s3://b/k", "-", "--bucket", "course-data", "--key", "k", "--body", "trust.json", "\"unterminated",
                            "$HOME", "${X", "--item", "'{\"id\":{\"S\":\"1\"}}'", "--item", "'{\"id\":{}}'", "--limit", "-3", "--max-items", "0",
                            "--template-body", "'Resources: {'", "--zip-file", "fileb://none", "--function-name", "f", "--instance-ids", "i-x",
                            "--tags", "Key=a,Value=b", "--tags", "Key=", "--cli-input-json", "ünïcödé", "😀", "\\", "-9223372036854775808", "366d",
                            "1h30m", "latest", "--", "curl", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", "-X", "PUT"]

    @Test func thousandsOfHostileLinesNeverTrap() throws {
        var session = TutorSession(course: try TutorSessionUnitTests.course(TutorSessionUnitTests.body), progress: LearnerProgress(learner: "fuzz"),
                                   renderer: TutorSessionUnitTests.renderer)
        var generator = Generator(state: 20_261_128)
        var handled = 0
        var events: [LearningEvent] = []
        for _ in 0..<3000 {
            var words = [generator.pick(Self.heads)]
            if words[0] == "aws" {
                words.append(generator.pick(Self.services))
                words.append(generator.pick(Self.operations))
            }
            for _ in 0..<Int(generator.next() % 6) { words.append(generator.pick(Self.arguments)) }
            let line = words.joined(separator: " ")
            let response = session.handle(line)
            if response.quit { break }
            handled += 1
            // What must hold after hostile input: no raw Swift or Foundation error text reaches the learner.
            for marker in ["Fatal error", "NSCocoaErrorDomain", "Error Domain=", "Swift.", "DecodingError", "EncodingError"] {
                #expect(!response.output.contains(marker), "\(line) → \(response.output.prefix(300))")
            }
            _ = session.completions(line: line, cursor: Int(generator.next() % UInt64(line.count + 1)))
            events += session.takeEvents()
        }
        #expect(handled == 3000)
        // The saved state still loads, and equals what was saved.
        let encoder = JSONEncoder()
        let saved = try encoder.encode(session.progress)
        let loaded = try SavedFormat.decode(LearnerProgress.self, from: saved)
        #expect(loaded.value == session.progress)
        #expect(!loaded.isFromNewerVersion)
        // The transcript written from these events verifies, and grading it gives the tutor's own scores.
        let signer = TranscriptSigner(secret: "no-crash")
        let file = NSTemporaryDirectory() + "no-crash-\(UUID().uuidString).jsonl"
        #expect(TranscriptFile(path: file, signer: signer).append([LearningEvent.sessionStart(learner: "fuzz")] + events) == nil)
        let audit = TranscriptVerifier.verify(try Data(contentsOf: URL(fileURLWithPath: file)), signer: signer)
        #expect(audit.problems.isEmpty)
        var replayed = Ledger(rules: session.ledger.rules)
        for record in audit.records where record.event.kind != .command { replayed.apply(record.event) }
        for question in session.course.lessons.flatMap(\.questions) {
            #expect(replayed.question(question.id)?.points == session.ledger.question(question.id)?.points)
        }
    }

    /// The exam with tasks takes the same lines, answers, commands and moves mixed, past its end as well.
    @Test func anExamWithTasksNeverTraps() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/course-snapshot").path
        let course = try #require(CourseLoader.load(directory: directory).course)
        var exam = ExamSession(course: course, lessons: course.lessons.map(\.id), learner: "fuzz", seed: 3, timeLimit: nil, start: Date(),
                               renderer: TutorSessionUnitTests.renderer, includingTasks: true)
        #expect(exam.items.contains { if case .task = $0.content { true } else { false } })
        var generator = Generator(state: 20_261_129)
        var commands = 0
        var sheets = 0
        for _ in 0..<3000 {
            var words = [generator.pick(Self.heads + ["skip", "next"])]
            if words[0] == "aws" {
                words.append(generator.pick(Self.services))
                words.append(generator.pick(Self.operations))
            }
            for _ in 0..<Int(generator.next() % 6) { words.append(generator.pick(Self.arguments)) }
            if exam.handle(words.joined(separator: " "), now: Date()).output.contains("Score sheet:") { sheets += 1 }
            commands += exam.takeEvents().filter { $0.kind == .command }.count
            _ = exam.prompt(now: Date())
        }
        if exam.handle("finish", now: Date()).output.contains("Score sheet:") { sheets += 1 }
        #expect(exam.isFinished)
        #expect(sheets == 1, "the score sheet is shown once, when the exam ends")
        #expect(commands > 0, "some lines reached a task's sandbox before the exam ended")
        #expect(exam.handle("skip", now: Date()).output.isEmpty, "a finished exam ignores further input")
    }
}
