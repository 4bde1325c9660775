import Assessment
import Foundation
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
        LiveClass(rules: LedgerRules(course: course), thresholds: thresholds)
    }

    @Test func aLearnerMovesThroughTheCourseAndEarnsPoints() throws {
        var live = Self.live()
        live.add(learner: "ana", at: 100)
        #expect(live.row("ana", now: 100)?.lesson == nil)
        live.apply(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), seq: 1, learner: "ana", at: 110)
        live.apply(LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "b"), seq: 2, learner: "ana", at: 130)
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
        live.apply(LearningEvent(.stepEntered, lesson: "basics", step: "make-role"), seq: 1, learner: "bo", at: 0)
        for seq in 2...4 {
            live.apply(LearningEvent(.command, lesson: "basics", step: "make-role", item: "make-role", input: "aws iam create-role --role-name Worker",
                                     exitCode: 252), seq: seq, learner: "bo", at: Int64(seq))
        }
        let failing = try #require(live.row("bo", now: 10))
        #expect(failing.stuck)
        #expect(failing.stuckReason == "3 failures in a row")
        #expect(failing.lastFailedCommand == "aws iam create-role --role-name Worker")
        #expect(failing.lastFailedStatus == 252)

        live.apply(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), seq: 5, learner: "bo", at: 20)
        #expect(live.row("bo", now: 100)?.stuck == false)
        #expect(live.row("bo", now: 320)?.stuckReason == "5 min on this step")
    }

    @Test func aRecordIsFoldedOnceHoweverOftenItArrives() {
        var live = Self.live()
        let wrong = LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "a")
        live.apply(wrong, seq: 1, learner: "ana", at: 1)
        live.apply(wrong, seq: 1, learner: "ana", at: 2)
        #expect(live.row("ana", now: 2)?.failuresInARow == 1)
        #expect(live.distribution(of: "pick-one")?.counts.map(\.count) == [1])
    }

    @Test func answersAreCountedPerQuestionMostFrequentFirst() throws {
        var live = Self.live()
        for (index, (learner, answer)) in [("a", "b"), ("b", "a"), ("c", "b"), ("d", "B ")].enumerated() {
            live.apply(LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: answer),
                       seq: 1, learner: learner, at: Int64(index))
        }
        let distribution = try #require(live.distribution(of: "pick-one"))
        #expect(distribution.counts.map(\.answer) == ["b", "a"])
        #expect(distribution.counts.map(\.count) == [3, 1])
        #expect(distribution.counts.map(\.correct) == [true, false])
        #expect(distribution.prompt == "Which letter is right?")
    }
}
