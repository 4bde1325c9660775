import Foundation
import Lessons
import Testing
import Transcripts
@testable import Assessment

/// The fixture course of Tests/Fixtures/course: behaviour tests never depend on the shipped lessons.
enum FixtureCourse {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/course").path
    static let course: Course = CourseLoader.load(directory: directory).course!

    static func rules(_ policy: GradingPolicy = GradingPolicy()) -> LedgerRules { LedgerRules(course: course, policy: policy) }
}

@Suite struct LedgerTests {
    static func answer(_ item: String, _ input: String, lesson: String = "basics", exam: String? = nil, order: [String]? = nil) -> LearningEvent {
        LearningEvent(.answer, lesson: lesson, item: item, input: input, choiceOrder: order, exam: exam)
    }

    static func examStart(_ lessons: [String], id: String = "exam-1", withTasks: Bool = false) -> LearningEvent {
        var event = LearningEvent(.examStart, exam: id)
        event.lessons = lessons
        event.withTasks = withTasks
        return event
    }

    static func fold(_ events: [LearningEvent], policy: GradingPolicy = GradingPolicy()) -> Ledger {
        var ledger = Ledger(rules: FixtureCourse.rules(policy))
        for event in events { ledger.apply(event) }
        return ledger
    }

    static func score(_ ledger: Ledger, _ lesson: String = "basics") -> LessonScore {
        ledger.score(of: FixtureCourse.course.lesson(withID: lesson)!)
    }

    /// A learner who quit an exam at once showed the practice score as the exam's (5/5 for 0/4 on the sheet).
    @Test func anExamQuestionLeftUnansweredScoresNothingWhateverThePractice() {
        let ledger = Self.fold([
            Self.answer("pick-one", "b"), Self.answer("is-true", "true"),
            Self.examStart(["basics"]), LearningEvent(.examEnd, exam: "exam-1"),
        ])
        let score = Self.score(ledger)
        #expect(score.isExam)
        #expect(score.score == 0)
        #expect(score.unanswered == 2)
        #expect(score.maximum == 2, "an exam without tasks is out of its questions only")
        // Practice is kept, just not the exam's score.
        #expect(ledger.question("pick-one")?.correct == true)
    }

    /// A timed-out exam with half its questions answered right showed full marks from practice.
    @Test func aTimedOutExamCountsOnlyItsOwnAnswers() {
        let ledger = Self.fold([
            Self.answer("pick-one", "b"), Self.answer("is-true", "true"),
            Self.examStart(["basics"]), Self.answer("pick-one", "b", exam: "exam-1"),
        ])
        #expect(Self.score(ledger).score == 1)
        #expect(Self.score(ledger).unanswered == 1)
    }

    @Test func inAnExamTheFirstAnswerCountsAndShufflesAreUndone() {
        // Shown in the order c, a, d, b: the learner's "d" is the course's b.
        let order = ["c", "a", "d", "b"]
        let ledger = Self.fold([
            Self.examStart(["basics"]),
            Self.answer("pick-one", "d", exam: "exam-1", order: order),
            Self.answer("pick-one", "a", exam: "exam-1", order: order),
        ])
        #expect(ledger.examQuestions["pick-one"]?.attempts == ["b"])
        #expect(Self.score(ledger).right == 1)
        // A retake starts from nothing.
        let retaken = Self.fold([
            Self.examStart(["basics"]), Self.answer("pick-one", "d", exam: "exam-1", order: order),
            Self.examStart(["basics"], id: "exam-2"), Self.answer("pick-one", "a", exam: "exam-2", order: order),
        ])
        #expect(Self.score(retaken).right == 0)
    }

    @Test func examTasksCountOnlyWhenTheExamIncludedThem() {
        let withTasks = Self.fold([
            Self.examStart(["basics"], withTasks: true),
            LearningEvent(.command, lesson: "basics", item: "make-role", input: "aws iam create-role …", exam: "exam-1"),
            LearningEvent(.taskCompleted, lesson: "basics", item: "make-role", exam: "exam-1"),
        ])
        #expect(Self.score(withTasks).tasksDone == 1)
        #expect(Self.score(withTasks).maximum == 3)
        #expect(Self.score(withTasks).score == 1)
    }

    /// With later attempts worth full points, trying a, b, c, d earned full points and showed no wrong attempts.
    @Test func attemptsAreRecordedAndShown() {
        let ledger = Self.fold([Self.answer("pick-one", "a"), Self.answer("pick-one", "c"), Self.answer("pick-one", "d"), Self.answer("pick-one", "b")])
        #expect(ledger.question("pick-one")?.attempts == ["a", "c", "d", "b"])
        #expect(Self.score(ledger).attempts == 4)
        #expect(Self.score(ledger).wrongAttempts == 3)
        #expect(Self.score(ledger).score == 1, "later-attempts: full")
        let strict = Self.fold([Self.answer("pick-one", "a"), Self.answer("pick-one", "b")], policy: GradingPolicy(laterAttempts: .none))
        #expect(Self.score(strict).score == 0)
        #expect(Self.score(strict).right == 1)
    }

    @Test func aCapOnAttemptsClosesTheQuestion() {
        var ledger = Ledger(rules: FixtureCourse.rules(GradingPolicy(maxAttempts: 2)))
        #expect(ledger.apply(Self.answer("pick-one", "a")) == .answeredWrong(attempt: 1, closed: false))
        #expect(ledger.apply(Self.answer("pick-one", "c")) == .answeredWrong(attempt: 2, closed: true))
        #expect(ledger.apply(Self.answer("pick-one", "b")) == .ignored, "a closed question takes no more answers")
        #expect(ledger.isSettled(question: "pick-one"))
        #expect(Self.score(ledger).wrong == 1)
        #expect(Self.score(ledger).score == 0)
        #expect(ledger.apply(LearningEvent(.hint, lesson: "basics", item: "pick-one")) == .ignored)
    }

    @Test func hintsSkipsAndResetsFollowThePolicy() {
        var ledger = Ledger(rules: FixtureCourse.rules(GradingPolicy(skippedPoints: 0, hintPenalty: 1)))
        #expect(ledger.apply(LearningEvent(.hint, lesson: "basics", item: "pick-one")) == .hintTaken(index: 0))
        #expect(ledger.apply(LearningEvent(.hint, lesson: "basics", item: "pick-one")) == .hintTaken(index: 1))
        #expect(ledger.apply(LearningEvent(.hint, lesson: "basics", item: "pick-one")) == .ignored, "only two hints exist")
        #expect(ledger.apply(Self.answer("pick-one", "b")) == .answeredRight(points: 0, attempt: 1))
        #expect(ledger.apply(LearningEvent(.skip, lesson: "basics", item: "is-true")) == .skipped(points: 0))
        #expect(ledger.apply(LearningEvent(.taskCompleted, lesson: "basics", item: "make-role")) == .taskDone(points: 1))
        #expect(Self.score(ledger).hintsUsed == 2)
        #expect(Self.score(ledger).skipped == 1)
        ledger.apply(LearningEvent(.reset, lesson: "basics", scope: "lesson"))
        #expect(Self.score(ledger).unanswered == 2)
        #expect(Self.score(ledger).tasksDone == 0)
    }

    @Test func positionAndTimeOnStep() {
        var ledger = Ledger(rules: FixtureCourse.rules())
        ledger.apply(LearningEvent(.lessonEntered, lesson: "basics", step: "reading"), at: 1000)
        ledger.apply(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), at: 1060)
        ledger.apply(Self.answer("pick-one", "a"), at: 1100)
        #expect(ledger.position?.lesson == "basics")
        #expect(ledger.position?.step == "pick-one")
        #expect(ledger.secondsOnStep == 40)
        #expect(ledger.seconds["basics"] == 100)
        ledger.apply(Self.answer("pick-one", "b"), at: 5000)
        #expect(ledger.seconds["basics"] == 100 + Ledger.maximumGap, "long gaps count as five minutes")
    }
}
