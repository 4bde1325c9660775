import Assessment
import Foundation
import Grading
import Lessons
import Testing
import Transcripts
@testable import Classroom

/// The dashboard's fold: where each learner is, their points, who is stuck, and what the class answered.
@Suite struct LiveClassTests {
    static let course: Course = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/course").path
        return CourseLoader.load(directory: folder).course!
    }()

    static func live(_ thresholds: StuckThresholds = StuckThresholds()) -> LiveClass {
        LiveClass(regrader: Regrader(course: course), thresholds: thresholds)
    }

    /// Learners' records as the server holds them: each learner's own chain.
    final class Records {
        var last: [String: TranscriptRecord] = [:]
        func record(_ event: LearningEvent, learner: String) -> TranscriptRecord {
            let record = TranscriptSigner(secret: nil).record(event, time: "2026-11-30T10:00:00Z", after: last[learner])
            last[learner] = record
            return record
        }
    }

    @Test func aLearnerMovesThroughTheCourseAndEarnsPoints() throws {
        var live = Self.live()
        let records = Records()
        live.add(learner: "ana", at: 100)
        #expect(live.row("ana", now: 100)?.lesson == nil)
        live.apply(records.record(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), learner: "ana"), learner: "ana", at: 110)
        live.apply(records.record(LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "b"), learner: "ana"), learner: "ana", at: 130)
        let row = try #require(live.row("ana", now: 150))
        #expect(row.lesson == "basics")
        #expect(row.stepTitle == "Pick one")
        #expect(row.stepNumber == 2)
        #expect(row.secondsOnStep == 40)
        #expect(row.points > 0)
        #expect(!row.stuck)
    }

    @Test func repeatedFailuresOrALongTimeOnAStepFlagALearner() throws {
        var live = Self.live(StuckThresholds(failuresInARow: 3, secondsOnStep: 300))
        let records = Records()
        live.apply(records.record(LearningEvent(.stepEntered, lesson: "basics", step: "make-role"), learner: "bo"), learner: "bo", at: 0)
        for seq in 2...4 {
            let failing = LearningEvent(.command, lesson: "basics", step: "make-role", item: "make-role",
                                        input: "aws iam get-role --role-name Nope", exitCode: 254)
            live.apply(records.record(failing, learner: "bo"), learner: "bo", at: Int64(seq))
        }
        let failing = try #require(live.row("bo", now: 10))
        #expect(failing.stuck)
        #expect(failing.stuckReason == "3 failures in a row")
        #expect(failing.lastFailedCommand == "aws iam get-role --role-name Nope")
        #expect(failing.lastFailedStatus == 254)

        // A command that works breaks the run.
        let working = LearningEvent(.command, lesson: "basics", step: "make-role", item: "make-role", input: "aws sts get-caller-identity")
        live.apply(records.record(working, learner: "bo"), learner: "bo", at: 11)
        #expect(live.row("bo", now: 11)?.failuresInARow == 0)
        live.apply(records.record(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), learner: "bo"), learner: "bo", at: 20)
        #expect(live.row("bo", now: 100)?.stuck == false)
        #expect(live.row("bo", now: 320)?.stuckReason == "5 min on this step")
    }

    @Test func aRecordIsFoldedOnceHoweverOftenItArrives() {
        var live = Self.live()
        let records = Records()
        let wrong = records.record(LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "a"), learner: "ana")
        live.apply(wrong, learner: "ana", at: 1)
        live.apply(wrong, learner: "ana", at: 2)
        #expect(live.row("ana", now: 2)?.failuresInARow == 1)
        #expect(live.distribution(of: "pick-one")?.counts.map(\.count) == [1])
    }

    @Test func tasksCountOnlyWhenTheReplayedSandboxPassesTheirChecks() throws {
        var live = Self.live()
        let records = Records()
        live.apply(records.record(LearningEvent(.stepEntered, lesson: "basics", step: "make-role"), learner: "ana"), learner: "ana", at: 0)
        // A learner's own claim that the task is done counts for nothing.
        live.apply(records.record(LearningEvent(.taskCompleted, lesson: "basics", item: "make-role"), learner: "ana"), learner: "ana", at: 1)
        #expect(live.learners["ana"]?.ledger.task("make-role")?.completed != true)
        live.apply(records.record(LearningEvent(.command, lesson: "basics", step: "make-role", item: "make-role",
                                                input: "aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json"),
                                  learner: "ana"), learner: "ana", at: 2)
        #expect(live.learners["ana"]?.ledger.task("make-role")?.completed == true)
    }

    @Test func aDeniedRequestIsExplainedAndGroupedByTheEnginesVerdict() throws {
        var live = Self.live()
        let records = Records()
        for learner in ["ana", "bo"] {
            live.apply(records.record(LearningEvent(.stepEntered, lesson: "basics", step: "make-role"), learner: learner), learner: learner, at: 0)
            for command in ["aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json",
                            "aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Worker --role-session-name s1"] {
                // The learner's own record says the command worked: the replay decides.
                live.apply(records.record(LearningEvent(.command, lesson: "basics", step: "make-role", item: "make-role", input: command, exitCode: 0),
                                          learner: learner), learner: learner, at: 1)
            }
        }
        let row = try #require(live.row("bo", now: 2))
        let denial = try #require(row.lastDenial)
        #expect(denial.action == "sts:AssumeRole")
        #expect(denial.decision == "ImplicitDeny")
        #expect(denial.command.hasPrefix("aws sts assume-role"))
        #expect(!denial.explanation.isEmpty)
        #expect(row.lastFailedStatus == 254, "the replay's exit status, not the record's")
        let groups = live.denialGroups
        #expect(groups.count == 1)
        #expect(groups.first?.learners == ["ana", "bo"])
        #expect(groups.first?.count == 2)
    }

    @Test func answersAreCountedPerQuestionMostFrequentFirst() throws {
        var live = Self.live()
        let records = Records()
        for (index, (learner, answer)) in [("a", "b"), ("b", "a"), ("c", "b"), ("d", "B ")].enumerated() {
            let event = LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: answer)
            live.apply(records.record(event, learner: learner), learner: learner, at: Int64(index))
        }
        let distribution = try #require(live.distribution(of: "pick-one"))
        #expect(distribution.counts.map(\.answer) == ["b", "a"])
        #expect(distribution.counts.map(\.count) == [3, 1])
        #expect(distribution.counts.map(\.correct) == [true, false])
        #expect(distribution.prompt == "Which letter is right?")
    }
}
