import Foundation
import Testing
import Transcripts
import Assessment
import Tutor
@testable import Grading

/// A transcript of format 1, written and signed by the first release's tutor, verifies and grades forever.
@Suite struct TranscriptFormatTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SavedFormats/transcript-v1.jsonl")

    @Test func transcriptOfFormat1VerifiesAndGrades() throws {
        let data = try Data(contentsOf: Self.fixture)
        let audit = TranscriptVerifier.verify(data, signer: TranscriptSigner(secret: "fixture-key"))
        #expect(audit.problems.isEmpty, "\(audit.problems)")
        #expect(audit.wasSigned)
        #expect(audit.records.count > 20)
        #expect(audit.records.first?.event.learner == "sam")
        let forged = TranscriptVerifier.verify(data, signer: TranscriptSigner(secret: "another-key"))
        #expect(forged.problems.contains { $0.kind == .forged })
        let report = Regrader(course: GradingTests.course).grade(learner: "sam", audit: audit)
        let firstLesson = try #require(report.lessons.first { $0.lesson == "what-are-roles" })
        #expect(firstLesson.right == 3, "role-definition, role-parts and auditor-role-arn were answered right")
        #expect(firstLesson.skipped == 1)
        #expect(firstLesson.tasksDone == 2)
        #expect(report.replayDisagreements.isEmpty, "every command replays to the exit code the session saw: \(report.replayDisagreements)")
    }

    /// Format 2, written by the tutor: the learner typed the access key id their lesson's sandbox showed them, so
    /// the replay must make that lesson's sandbox with the same per-lesson ids to reach the same result.
    @Test func transcriptOfFormat2ReplaysWithTheLessonsOwnIds() throws {
        let (audit, report) = try Self.graded("transcript-v2.jsonl", format: 2)
        #expect(audit.records.contains { $0.event.input == "aws iam delete-access-key --user-name learner --access-key-id AKIANI4EFFM2FLLOTXGR" })
        let lesson = try #require(report.lessons.first { $0.lesson == "what-are-roles" })
        #expect(lesson.right == 2)
        #expect(report.tasks["check-caller-identity"]?.completed == true)
        #expect(report.tasks["inspect-auditor-role"]?.completed != true, "the key was deleted, so get-role failed, as it did live")
    }

    /// Format 3, written by the tutor: `AWS_PROFILE=ghost` is a shell variable, not seen by the aws CLI, so the
    /// get-caller-identity after it succeeded and completed the task; the replay must run it the same way.
    @Test func transcriptOfFormat3KeepsShellVariablesOutOfTheCLI() throws {
        let (audit, report) = try Self.graded("transcript-v3.jsonl", format: 3)
        #expect(audit.records.contains { $0.event.input == "AWS_PROFILE=ghost" })
        #expect(report.tasks["check-caller-identity"]?.completed == true)
        #expect(report.problems.isEmpty)
    }

    /// The old files through the way `rolecall grade` now reaches them: found in their folder, read with
    /// `TranscriptSet.read`, the key from a key file (its trailing newline trimmed), graded by the gradebook.
    @Test func transcriptsOfEveryFormatGradeFromTheirFolderWithAKeyFile() throws {
        let folder = Self.fixture.deletingLastPathComponent().path
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-key-\(UUID().uuidString)").path
        try Data("fixture-key\n".utf8).write(to: URL(fileURLWithPath: keyFile))
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        let secret = try TranscriptSigner.secretSetting(environment: ["ROLECALL_GRADING_KEY_FILE": keyFile]).get()
        #expect(secret == "fixture-key")
        let entries = TranscriptSet.find([folder]).entries
        #expect(Set(entries.map(\.learner)) == ["transcript-v1", "transcript-v2", "transcript-v3"])
        let reports = Gradebook.grade(entries, regrader: Regrader(course: GradingTests.course), signer: TranscriptSigner(secret: secret))
        #expect(reports.count == 3)
        for report in reports { #expect(report.problems.isEmpty, "\(report.learner): \(report.problems)") }
    }

    /// A fixture transcript, checked with the fixtures' key (it must verify cleanly and be of `format`) and graded.
    static func graded(_ name: String, format: Int) throws -> (TranscriptAudit, LearnerReport) {
        let url = fixture.deletingLastPathComponent().appendingPathComponent(name)
        let audit = TranscriptVerifier.verify(try Data(contentsOf: url), signer: TranscriptSigner(secret: "fixture-key"))
        #expect(audit.problems.isEmpty, "\(audit.problems)")
        #expect(audit.records.first?.event.format == format)
        let report = Regrader(course: GradingTests.course).grade(learner: "sam", audit: audit)
        #expect(report.replayDisagreements.isEmpty, "every command replays to the exit code the session saw: \(report.replayDisagreements)")
        return (audit, report)
    }
}

/// Found by the kill -9 test: a kill can cut the last record short; the next session cuts it off and links to the
/// last complete record, so the chain never breaks.
@Suite struct TranscriptRepairTests {
    @Test func anUnfinishedLastRecordIsCutOffBeforeAppending() throws {
        let path = NSTemporaryDirectory() + "transcript-\(UUID().uuidString).jsonl"
        let signer = TranscriptSigner(secret: "k")
        let first = TranscriptFile(path: path, signer: signer)
        #expect(first.append([LearningEvent.sessionStart(learner: "sam"), LearningEvent(.lessonEntered, lesson: "basics")]) == nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"event":{"kind":"answ"#.utf8))
        try handle.close()
        let resumed = TranscriptFile(path: path, signer: signer)
        #expect(resumed.append([LearningEvent.sessionStart(learner: "sam")]) == nil)
        let audit = TranscriptVerifier.verify(try Data(contentsOf: URL(fileURLWithPath: path)), signer: signer)
        #expect(audit.problems.isEmpty, "\(audit.problems)")
        #expect(audit.records.map(\.seq) == [1, 2, 3])
    }
}
