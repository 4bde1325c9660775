import Foundation
import Testing
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
    }
}
