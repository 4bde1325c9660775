import Assessment
import Foundation
import Lessons
import Testing
import Transcripts
@testable import Grading

/// Each lesson's sandbox has its own ids (transcript format 2), and transcripts written before that (format 1, one
/// shared id sequence) still replay the way they were made: a learner who typed an access key id shown to them
/// keeps the task they did.
@Suite struct LessonIDsTests {
    static let course: Course = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-ids-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try! "title: Ids\nlessons: [keys, other]\n".write(toFile: directory + "/course.yaml", atomically: true, encoding: .utf8)
        for id in ["keys", "other"] {
            try! """
            ---
            id: \(id)
            title: \(id)
            summary: Keys.
            minutes: 5
            objectives: [Keys]
            ---
            ## Drop a key

            ```task
            id: drop-\(id)
            goal: Delete your access key.
            check:
              - last command succeeded
            solution:
              - aws iam list-access-keys
            ```
            """.write(toFile: directory + "/\(id).md", atomically: true, encoding: .utf8)
        }
        let loaded = CourseLoader.load(directory: directory)
        return loaded.course!
    }()

    static func key(_ lesson: String, idsByLesson: Bool = true) -> String {
        let lesson = course.lessons.first { $0.id == lesson }!
        return SeedApplier.startingState(for: lesson, idsByLesson: idsByLesson).sandbox.learnerCredentials.accessKeyID
    }

    static func session(format: Int?) -> LearningEvent {
        var start = LearningEvent.sessionStart(learner: "sam", course: "sha256:test")
        start.format = format
        return start
    }

    static func deleteKey(_ id: String) -> LearningEvent {
        LearningEvent(.command, lesson: "keys", item: "drop-keys", input: "aws iam delete-access-key --user-name learner --access-key-id \(id)")
    }

    static func completed(_ events: [LearningEvent]) -> Bool {
        let signer = TranscriptSigner(secret: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var previous: TranscriptRecord?
        var data = Data()
        for (index, event) in events.enumerated() {
            let record = signer.record(event, time: "2026-11-30T10:00:\(String(format: "%02d", index))Z", after: previous)
            data += try! encoder.encode(record) + Data("\n".utf8)
            previous = record
        }
        let report = Regrader(course: course).grade(learner: "sam", audit: TranscriptVerifier.verify(data, signer: signer))
        return report.tasks["drop-keys"]?.completed == true
    }

    @Test func lessonsHandOutTheirOwnIdsAndAlwaysTheSame() {
        #expect(Self.key("keys") != Self.key("other"))
        #expect(Self.key("keys") == Self.key("keys"))
        #expect(Self.key("keys") != Self.key("keys", idsByLesson: false))
        #expect(Self.key("keys", idsByLesson: false) == Self.key("other", idsByLesson: false), "format 1 shared one sequence")
        // The seed is a fixed function of the id, not Swift's per-process Hasher: the same key in every run.
        #expect(Self.key("keys") == "AKIA4HYDCQCT6E3WYWVT")
    }

    @Test func aFormatOneTranscriptReplaysWithTheSharedSequence() {
        let entered = LearningEvent(.lessonEntered, lesson: "keys")
        #expect(Self.completed([Self.session(format: nil), entered, Self.deleteKey(Self.key("keys", idsByLesson: false))]))
        #expect(Self.completed([Self.session(format: 1), entered, Self.deleteKey(Self.key("keys", idsByLesson: false))]))
        #expect(!Self.completed([Self.session(format: 1), entered, Self.deleteKey(Self.key("keys"))]))
    }

    @Test func aFormatTwoTranscriptReplaysWithTheLessonsOwnIds() {
        let entered = LearningEvent(.lessonEntered, lesson: "keys")
        #expect(Self.completed([Self.session(format: 2), entered, Self.deleteKey(Self.key("keys"))]))
        #expect(!Self.completed([Self.session(format: 2), entered, Self.deleteKey(Self.key("keys", idsByLesson: false))]))
    }

    /// The lesson's sandbox was made (and saved) before the upgrade, so it keeps the old ids until a reset.
    @Test func aSandboxMadeBeforeAnUpgradeKeepsItsIdsUntilReset() {
        let entered = LearningEvent(.lessonEntered, lesson: "keys")
        let legacy = Self.key("keys", idsByLesson: false)
        #expect(Self.completed([Self.session(format: 1), entered, Self.session(format: 2), entered, Self.deleteKey(legacy)]))
        let reset = LearningEvent(.reset, lesson: "keys", scope: "sandbox")
        #expect(Self.completed([Self.session(format: 1), entered, Self.session(format: 2), entered, reset, Self.deleteKey(Self.key("keys"))]))
        #expect(!Self.completed([Self.session(format: 1), entered, Self.session(format: 2), entered, reset, Self.deleteKey(legacy)]))
    }
}
