import Assessment
import Foundation
import Grading
import Lessons
import Testing
import Transcripts
@testable import Classroom

/// Which exam events a class counts: its own exams only, on time by the server's clock, one start per sitting,
/// nothing after the learner handed in.
@Suite struct ExamGateTests {
    /// A record as the server re-records it: with the server's time.
    static func record(_ event: LearningEvent, at seconds: Int64, after previous: TranscriptRecord? = nil) -> TranscriptRecord {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return TranscriptSigner(secret: nil).record(event, time: time, after: previous)
    }

    /// The paper of the fixture's `basics` lesson as the server hands it to ana.
    static func paper(withTasks: Bool = false) -> ExamPaper {
        ExamPaper(course: LiveClassTests.course, lessons: ["basics"], learner: "ana", seed: 1, withTasks: withTasks, exam: "x", timeLimit: nil)
    }

    static func sitting(startedAt: Int64, timeLimit: Int?, closedAt: Int64? = nil) -> ExamGate.Sitting {
        ExamGate.Sitting(startedAt: startedAt, timeLimit: timeLimit, closedAt: closedAt, paper: paper())
    }

    static func start(_ exam: String) -> LearningEvent {
        var event = LearningEvent(.examStart, exam: exam, learner: "ana")
        event.lessons = ["basics"]
        return event
    }

    static func answer(_ input: String, exam: String?, item: String = "pick-one") -> LearningEvent {
        LearningEvent(.answer, lesson: "basics", item: item, input: input, exam: exam)
    }

    @Test func countsOnlyTheClassesOwnExamsOnTimeAndOnceStarted() {
        var gate = ExamGate()
        gate.add(exam: "class-exam-1", ExamGateTests.sitting(startedAt: 1000, timeLimit: 60))
        let admitted1 = gate.admit(Self.record(LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"), at: 900)) != nil
        #expect(admitted1, "practice is not the gate's business")
        let admitted2 = gate.admit(Self.record(Self.answer("b", exam: nil), at: 900)) != nil
        #expect(admitted2)
        let admitted3 = gate.admit(Self.record(Self.start("exam-1-1800000000"), at: 950)) != nil
        #expect(!admitted3, "a practice exam does not count for the class")
        let admitted4 = gate.admit(Self.record(Self.answer("b", exam: "exam-1-1800000000"), at: 951)) != nil
        #expect(!admitted4)
        #expect(gate.practice == 2)
        let admitted5 = gate.admit(Self.record(Self.answer("b", exam: "class-exam-1"), at: 1001)) != nil
        #expect(!admitted5, "an answer before its sitting's start cannot be placed")
        let admitted6 = gate.admit(Self.record(Self.start("class-exam-1"), at: 1002)) != nil
        #expect(admitted6)
        let admitted7 = gate.admit(Self.record(Self.start("class-exam-1"), at: 1003)) != nil
        #expect(!admitted7, "a second start is a resumed sitting, not a retake")
        let admitted8 = gate.admit(Self.record(Self.answer("b", exam: "class-exam-1"), at: 1000 + 60 + ExamGate.grace)) != nil
        #expect(admitted8, "within the grace")
        let admitted9 = gate.admit(Self.record(Self.answer("a", exam: "class-exam-1", item: "is-true"), at: 1000 + 61 + ExamGate.grace)) != nil
        #expect(!admitted9)
        #expect(gate.late == ["class-exam-1": 1])
    }

    @Test func nothingCountsAfterTheLearnerHandedIn() {
        var gate = ExamGate()
        gate.add(exam: "class-exam-2", ExamGateTests.sitting(startedAt: 1000, timeLimit: nil))
        let admitted10 = gate.admit(Self.record(Self.start("class-exam-2"), at: 1000)) != nil
        #expect(admitted10)
        let admitted11 = gate.admit(Self.record(LearningEvent(.examEnd, exam: "class-exam-2"), at: 5000)) != nil
        #expect(admitted11, "no time limit: late is never")
        #expect(gate.ended == ["class-exam-2"])
        let admitted12 = gate.admit(Self.record(Self.answer("b", exam: "class-exam-2"), at: 5001)) != nil
        #expect(!admitted12)
    }

    /// What the exam covers and how the learner's choices were shuffled are the server's, whatever the records say.
    @Test func theServersPaperDecidesWhatTheExamCoversAndTheChoiceOrder() throws {
        var gate = ExamGate()
        gate.add(exam: "class-exam-3", ExamGate.Sitting(startedAt: 1000, timeLimit: nil, paper: Self.paper(withTasks: true)))
        var forged = Self.start("class-exam-3")
        forged.lessons = ["basics", "delegation"]
        forged.withTasks = false
        let admittedStart = gate.admit(Self.record(forged, at: 1001))
        let started = try #require(admittedStart)
        #expect(started.event.lessons == ["basics"] && started.event.withTasks == true)
        var answer = Self.answer("a", exam: "class-exam-3")
        answer.choiceOrder = ["b", "a"]
        let admittedAnswer = gate.admit(Self.record(answer, at: 1002))
        let counted = try #require(admittedAnswer)
        #expect(counted.event.choiceOrder == Self.paper().items.first { $0.id == "pick-one" }?.order)
        let offPaper = gate.admit(Self.record(LearningEvent(.answer, lesson: "delegation", item: "name-it", input: "instance profile", exam: "class-exam-3"), at: 1003))
        #expect(offPaper == nil, "an item not on the paper does not count")
    }

    /// Closing an exam ends every sitting of it, timed or not.
    @Test func closingTheExamEndsItsSittings() {
        var gate = ExamGate()
        gate.add(exam: "class-exam-4", ExamGateTests.sitting(startedAt: 1000, timeLimit: 3600, closedAt: 1100))
        let start = gate.admit(Self.record(Self.start("class-exam-4"), at: 1000))
        #expect(start != nil)
        let late = gate.admit(Self.record(Self.answer("b", exam: "class-exam-4"), at: 1100 + ExamGate.grace + 1))
        #expect(late == nil)
        #expect(gate.late["class-exam-4"] == 1)
    }

    /// The live fold and the export apply the gate alike: a practice exam taken after the class exam does not
    /// replace the class score in either.
    @Test func aPracticeExamAfterTheClassExamReplacesNothing() throws {
        let course = LiveClassTests.course
        var live = LiveClass(regrader: Regrader(course: course))
        let exam = ExamRecord(id: 1, classID: 1, lessons: ["basics"], withTasks: false, timeLimit: nil, seed: 1, openedAt: 0)
        live.add(sitting: ExamGateTests.sitting(startedAt: 1000, timeLimit: nil), exam: exam.examID, learner: "ana", at: 1000)
        var records: [TranscriptRecord] = []
        for event in [Self.start(exam.examID), Self.answer("b", exam: exam.examID), Self.answer("true", exam: exam.examID, item: "is-true"),
                      LearningEvent(.examEnd, exam: exam.examID),
                      Self.start("exam-9-1"), Self.answer("a", exam: "exam-9-1"), Self.answer("false", exam: "exam-9-1", item: "is-true")] {
            records.append(Self.record(event, at: 1000 + Int64(records.count), after: records.last))
        }
        for record in records { live.apply(record, learner: "ana", at: 1000) }
        let result = try #require(live.examResult(exam, learner: "ana"))
        #expect(result.items.map(\.right) == [true, true])
        #expect(result.score == result.maximum)
        #expect(live.hasHandedIn(exam: exam.examID, learner: "ana"))

        let stored = records.enumerated().map { StoredEvent(seq: $0 + 1, learnerHash: $1.hash, receivedAt: 1000, line: Intake.encode($1)) }
        let learner = LearnerRecord(id: 7, classID: 1, name: "ana", tokenDigest: "", joinedAt: 0)
        let graded = ClassGrades.grade(course: course, signingKey: "", learners: [(learner, stored)],
                                       sittings: [7: [exam.examID: ExamGateTests.sitting(startedAt: 1000, timeLimit: nil)]])
        let basics = try #require(graded.first?.report.lessons.first { $0.lesson == "basics" })
        #expect(basics.score == result.score, "the export counts what the dashboard counts")
        let ungated = ClassGrades.grade(course: course, signingKey: "", learners: [(learner, stored)])
        #expect(ungated.first?.report.lessons.first { $0.lesson == "basics" }?.score == 0, "without the sitting, no exam counts")
    }
}
