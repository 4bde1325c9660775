import Foundation
import Testing

/// The tutor driven by scripted stdin, as `rolecall < script.txt` runs a lesson for tests and demos.
@Suite struct TutorSessionTests {
    static func dataDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tutor-\(UUID().uuidString)").path
    }

    static func tutor(_ lines: [String], data: String) throws -> RoleCallProcess.Output {
        try RoleCallProcess.run(["--learner", "sam", "--data-dir", data], stdin: lines.joined(separator: "\n") + "\n")
    }

    @Test func aWholeLessonWithRightAndWrongAnswersHintsSkipsAndTasks() throws {
        let data = Self.dataDirectory()
        let output = try Self.tutor([
            "", "next", "nxet", "next",
            "a", "hint", "b", "",
            "true", "skip", "next",
            "aws sts get-caller-identity", "next",
            "check", "aws iam get-role --role-name Auditor", "next",
            "e b a", "next",
            "arn:aws:iam::123456789012:role/Auditor",
            "progress", "quit",
        ], data: data)
        #expect(output.status == 0, "\(output.stderr)")
        let text = output.stdout
        #expect(text.contains("IAM Roles, hands-on"))
        #expect(text.contains("Unknown command 'nxet'. Did you mean 'next'?"))
        #expect(text.contains("✗ Not quite. Attempt 1. Try again, or type hint"))
        #expect(text.contains("Hint 1 of "))
        #expect(text.contains("✓ Correct! +1 point."), "the fixture course gives full points for a later right answer")
        #expect(text.contains("Skipped. The answer: false"))
        #expect(text.contains("\"Arn\": \"arn:aws:iam::123456789012:user/learner\""))
        #expect(text.contains("✓ Task complete!"))
        #expect(text.contains("This task checks that:\n  ✗ ran iam get-role"))
        #expect(text.contains("\"RoleName\": \"Auditor\""))
        #expect(text.contains("✓ Correct! First try. +1 point."))
        #expect(text.contains("what-are-roles               started      "))
        #expect(text.contains("Progress saved. See you next time."))
        #expect(!text.contains("\u{1B}["), "no colour when piped")

        let saved = try #require(FileManager.default.contents(atPath: data + "/learners/sam/progress.json"))
        let progress = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        #expect(progress["currentLesson"] as? String == "what-are-roles")
        let questions = try #require(progress["questions"] as? [String: [String: Any]])
        #expect(questions["role-definition"]?["attempts"] as? [String] == ["a", "b"])
        #expect(questions["role-definition"]?["correct"] as? Bool == true)
        #expect(questions["role-definition"]?["hintsUsed"] as? Int == 1)
        #expect(questions["role-belongs-to-person"]?["skipped"] as? Bool == true)
        #expect(questions["role-belongs-to-person"]?["points"] as? Int == 0)
        #expect(questions["auditor-role-arn"]?["correct"] as? Bool == true)
        let tasks = try #require(progress["tasks"] as? [String: [String: Any]])
        #expect(tasks["check-caller-identity"]?["completed"] as? Bool == true)
        #expect(tasks["inspect-auditor-role"]?["commands"] as? [String] == ["aws iam get-role --role-name Auditor"])
    }

    @Test func aSecondStartResumesAtTheSameStep() throws {
        let data = Self.dataDirectory()
        _ = try Self.tutor(["", "", "", "b", "quit"], data: data)
        let resumed = try Self.tutor(["quit"], data: data)
        #expect(resumed.stdout.hasPrefix("Welcome back, sam."))
        #expect(resumed.stdout.contains("What is a role? (4/9)"))
        #expect(resumed.stdout.contains("You have answered this one; the answer was b."))
    }

    @Test func endOfInputSavesAndLeaves() throws {
        let data = Self.dataDirectory()
        let output = try Self.tutor(["next"], data: data)
        #expect(output.status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/learners/sam/progress.json"))
        let resumed = try Self.tutor(["quit"], data: data)
        #expect(resumed.stdout.contains("Two kinds of IAM identity (2/9)"))
    }

    @Test func aCorruptProgressFileIsKeptAsideAndTheLearnerStartsFresh() throws {
        let data = Self.dataDirectory()
        try FileManager.default.createDirectory(atPath: data + "/learners/sam", withIntermediateDirectories: true)
        try Data("{ this is not json".utf8).write(to: URL(fileURLWithPath: data + "/learners/sam/progress.json"))
        let output = try Self.tutor(["quit"], data: data)
        #expect(output.status == 0)
        #expect(output.stderr.contains("Your saved progress could not be read"))
        #expect(output.stderr.contains("It was kept as \(data)/learners/sam/progress.json.broken-"))
        #expect(output.stdout.contains("What IAM roles are (1/9)"))
        let backups = try FileManager.default.contentsOfDirectory(atPath: data + "/learners/sam").filter { $0.contains(".broken-") }
        #expect(backups.count == 1)
    }

    @Test func learnersAreKeptApart() throws {
        let data = Self.dataDirectory()
        _ = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "open 3\nquit\n")
        let bo = try RoleCallProcess.run(["--learner", "bo", "--data-dir", data], stdin: "quit\n")
        #expect(bo.stdout.contains("What IAM roles are (1/9)"))
        let ana = try RoleCallProcess.run(["--learner", "ana", "--data-dir", data], stdin: "quit\n")
        #expect(ana.stdout.hasPrefix("Welcome back, ana."))
    }

    @Test func eachLessonKeepsItsOwnSandbox() throws {
        let data = Self.dataDirectory()
        let output = try Self.tutor([
            "aws iam create-role --role-name Mine --assume-role-policy-document file://trust-ec2.json",
            "open 2", "aws iam get-role --role-name Mine", "open 1", "aws iam get-role --role-name Mine --query Role.RoleName", "quit",
        ], data: data)
        #expect(output.stdout.contains("\"RoleName\": \"Mine\""))
        #expect(output.stdout.contains("The role with name Mine cannot be found."), "lesson 2 starts from its own seed")
        #expect(output.stdout.contains("\"Mine\"\n"), "lesson 1 kept the learner's role")
    }
}
