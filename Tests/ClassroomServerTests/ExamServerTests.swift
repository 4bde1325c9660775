import Assessment
import ClassLink
import ClassroomTesting
import Classroom
import ClassroomServer
import ClassroomStore
import Foundation
import Lessons
import Testing
import Transcripts

/// A class exam on the server: the paper without answers, the answers and tasks marked by the server (tasks by
/// its own replay), its clock keeping the time, over real HTTP on both backends.
@Suite(.serialized) struct ExamServerTests {
    /// The learner's exam events for the paper: the first choice question answered right (mapped to the paper's
    /// letters), the true-false one wrong, the task's command, then handed in.
    static func sitting(_ paper: ExamPaper, rightChoice: Bool = true) -> [LearningEvent] {
        var start = LearningEvent(.examStart, exam: paper.exam, learner: "ana")
        start.lessons = paper.lessons
        start.withTasks = paper.withTasks
        let pick = paper.items.first { $0.id == "pick-one" }!
        let shown = ExamPaper.letter(at: pick.order.firstIndex(of: rightChoice ? "b" : "a")!)
        return [
            .sessionStart(learner: "ana"), start,
            LearningEvent(.answer, lesson: "basics", item: "pick-one", input: shown, choiceOrder: pick.order, exam: paper.exam),
            LearningEvent(.answer, lesson: "basics", item: "is-true", input: "false", exam: paper.exam),
            LearningEvent(.command, lesson: "basics", item: "make-role",
                          input: "aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json", exitCode: 0, exam: paper.exam),
            LearningEvent(.examEnd, exam: paper.exam),
        ]
    }

    @Test(arguments: Backend.available) func aLearnerSitsTheClassExamAndTheServerMarksIt(_ backend: Backend) async throws {
        let server = try await TestServer(database: try await TestServer.newDatabase(backend))
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode, as: "ana")
        #expect(await server.request("POST", "/api/me/exam", token: token).status == 404, "no exam open yet")

        _ = try await server.hub.openExam(in: made.record, lessons: ["basics"], withTasks: true, timeLimit: 1200, seed: 5)
        let reply = await server.request("POST", "/api/me/exam", token: token)
        #expect(reply.status == 200)
        let text = String(decoding: reply.body, as: UTF8.self)
        for secret in ["Really, b", "It is the second", "role Worker exists", "aws iam create-role", "explanation", "\"answer\""] {
            #expect(!text.contains(secret), "the paper gives away '\(secret)'")
        }
        let paper = try JSONDecoder().decode(ExamPaper.self, from: reply.body)
        #expect(paper.items.map(\.id) == ["pick-one", "is-true", "make-role"])
        #expect(paper.secondsLeft.map { $0 > 1100 && $0 <= 1200 } == true)
        #expect(paper.sandboxes["basics"]?.files.map(\.key) == ["trust-ec2.json"])

        let sent = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(LearnerTranscript.records(Self.sitting(paper))))
        #expect(sent.status == 200)
        let marks = await server.request("GET", "/api/me/exam/result", token: token)
        #expect(marks.status == 200)
        let result = try JSONDecoder().decode(ExamResult.self, from: marks.body)
        #expect(result.items.map(\.id) == ["pick-one", "is-true", "make-role"])
        #expect(result.items.map(\.right) == [true, false, true], "the task is done by the server's own replay")
        #expect(result.score == 2 && result.maximum == 3)

        // Handed in: no second paper. The dashboard and the export agree with the marks.
        let again = await server.request("POST", "/api/me/exam", token: token)
        #expect(again.status == 410)
        #expect(server.json(again)["error"] as? String == "you have handed in this exam; your teacher has your answers")
        let snapshot = await server.request("GET", "/classes/Tuesday/snapshot", token: made.instructorToken)
        let row = (server.json(snapshot)["learners"] as? [[String: Any]])?.first
        #expect(row?["points"] as? Int == 2)
        #expect(row?["exam"] as? String == "Exam handed in")
        let page = String(decoding: (await server.request("GET", "/classes/Tuesday", token: made.instructorToken)).body, as: UTF8.self)
        #expect(page.contains("Exam open: basics with their tasks, 20 min each · in the exam: <span id=\"exam-sitting\">0</span> · handed in: <span id=\"exam-handed-in\">1</span>"))
        #expect(page.contains("<td>Exam handed in</td>"))
        let (_, graded) = try await server.hub.grades(of: made.record)
        #expect(graded.first?.report.lessons.first { $0.lesson == "basics" }?.score == 2)

        // Closed: nobody else gets a paper.
        try await server.hub.closeExam(in: made.record)
        let ben = try await server.join(made.record.joinCode, as: "ben")
        #expect(await server.request("POST", "/api/me/exam", token: ben).status == 404)
    }

    @Test func aPaperAfterTheTimeRanOutIsRefused() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode, as: "ana")
        _ = try await server.hub.openExam(in: made.record, lessons: ["basics"], withTasks: false, timeLimit: 1, seed: 1)
        #expect(await server.request("POST", "/api/me/exam", token: token).status == 200)
        try await Task.sleep(nanoseconds: 2_100_000_000)
        let late = await server.request("POST", "/api/me/exam", token: token)
        #expect(late.status == 410)
        #expect((server.json(late)["error"] as? String)?.contains("time for this exam has run out") == true)
    }
}

/// Locking lessons ahead of the class: the instructor sets the last lesson open, learners read it with their news.
@Suite struct LessonLockServerTests {
    @Test(arguments: Backend.available) func theInstructorLocksLessonsAndLearnersHearOfIt(_ backend: Backend) async throws {
        let server = try await TestServer(database: try await TestServer.newDatabase(backend))
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode, as: "ana")
        let before = await server.request("GET", "/api/me/class?after=0", token: token)
        #expect(before.status == 200)
        #expect(server.json(before)["openThrough"] == nil)

        let body = Data(#"{"openThrough":"basics"}"#.utf8)
        #expect(await server.request("POST", "/classes/Tuesday/lessons", token: token, headers: ["Content-Type: application/json"], body: body).status == 401,
                "a learner cannot open lessons")
        let set = await server.request("POST", "/classes/Tuesday/lessons", token: made.instructorToken, headers: ["Content-Type: application/json"], body: body)
        #expect(set.status == 200)
        #expect(server.json(await server.request("GET", "/api/me/class?after=0", token: token))["openThrough"] as? String == "basics")
        let page = String(decoding: (await server.request("GET", "/classes/Tuesday", token: made.instructorToken)).body, as: UTF8.self)
        #expect(page.contains(#"<option value="basics" selected>1. Basics</option>"#))
        #expect(!page.contains(#"id="exam""#), "no exam line without an open exam")
        #expect(!page.contains("<summary></summary>"), "no empty denial for a learner without one")

        let wrong = await server.request("POST", "/classes/Tuesday/lessons", token: made.instructorToken, headers: ["Content-Type: application/json"],
                                         body: Data(#"{"openThrough":"nope"}"#.utf8))
        #expect(wrong.status == 400)
        #expect((server.json(wrong)["error"] as? String)?.hasPrefix("no lesson 'nope' in the class's course") == true)
        _ = await server.request("POST", "/classes/Tuesday/lessons", token: made.instructorToken, headers: ["Content-Type: application/json"],
                                 body: Data(#"{"openThrough":null}"#.utf8))
        #expect(server.json(await server.request("GET", "/api/me/class?after=0", token: token))["openThrough"] == nil)
    }
}

/// The exam's rules in the hub, with a clock the test moves.
@Suite struct ExamHubTests {
    static func hub() async throws -> (ClassHub, ClassHubTests.Clock, ClassHub.NewClass, LearnerRecord) {
        let clock = ClassHubTests.Clock()
        let hub = ClassHub(store: try SQLiteClassroomStore(path: TestServer.newDatabase()), clock: { clock.now })
        let made = try await hub.createClass(name: "Tuesday", coursePath: TestServer.course, joinValidFor: 3600)
        let joined = try await hub.join(code: made.record.joinCode, learner: "ana")
        return (hub, clock, made, try await hub.learner(token: joined.token))
    }

    @Test func answersThatReachTheServerAfterTheTimeDoNotCount() async throws {
        let (hub, clock, made, learner) = try await Self.hub()
        _ = try await hub.openExam(in: made.record, lessons: ["basics"], withTasks: false, timeLimit: 60, seed: 1)
        let paper = try await hub.sitExam(learner)
        let events = ExamServerTests.sitting(paper)
        let records = LearnerTranscript.records(events)
        _ = try await hub.ingest(LearnerTranscript.lines(records.prefix(3)), from: learner)
        clock.advance(60 + Double(ExamGate.grace) + 1)
        _ = try await hub.ingest(LearnerTranscript.lines(records[3...]), from: learner)
        let result = try await hub.examResult(learner)
        #expect(result.items.map(\.handedIn) == [true, false], "the late answer is not counted")
        #expect(result.late == 3, "the late answer, command and exam-end")
        #expect(result.sheet(numbering: paper).contains("3 of your records for this exam (answers, commands, its end) reached the server after your time was up"))
        await #expect(throws: ClassroomFailure.examOver("your time for this exam has run out; your teacher has what you handed in")) {
            _ = try await hub.sitExam(learner)
        }
    }

    @Test func aSittingResumedKeepsItsClockItsAnswersAndItsTaskSandbox() async throws {
        let (hub, clock, made, learner) = try await Self.hub()
        _ = try await hub.openExam(in: made.record, lessons: ["basics"], withTasks: true, timeLimit: 600, seed: 1)
        let first = try await hub.sitExam(learner)
        // The terminal closed after the first answer and the task's command: no exam-end.
        let events = ExamServerTests.sitting(first)
        let beforeTheTerminalClosed = [events[0], events[1], events[2], events[4]]
        _ = try await hub.ingest(LearnerTranscript.lines(LearnerTranscript.records(beforeTheTerminalClosed)), from: learner)
        clock.advance(100)
        let again = try await hub.sitExam(learner)
        #expect(again.exam == first.exam)
        #expect(again.secondsLeft == 500, "the clock started at the first paper")
        #expect(again.answered == ["pick-one", "make-role"])
        #expect(again.earlierCommands["make-role"]?.count == 1)
        #expect(again.items == first.items, "the same paper")
    }

    @Test func noMarksWhileTheSittingGoesOn() async throws {
        let (hub, _, made, learner) = try await Self.hub()
        let exam = try await hub.openExam(in: made.record, lessons: ["basics", "basics"], withTasks: false, timeLimit: nil, seed: 1)
        #expect(exam.lessons == ["basics"], "a lesson named twice is examined once")
        let paper = try await hub.sitExam(learner)
        let events = ExamServerTests.sitting(paper)
        _ = try await hub.ingest(LearnerTranscript.lines(LearnerTranscript.records(Array(events.prefix(3)))), from: learner)
        await #expect(throws: ClassroomFailure.badRequest("your marks come when you have handed the exam in")) { _ = try await hub.examResult(learner) }
        // Closing the exam ends the sitting: the marks can be had, and nothing sent after counts.
        try await hub.closeExam(in: made.record)
        #expect(try await hub.examResult(learner).items.map(\.handedIn) == [true, false])
    }

    @Test func aPracticeExamOfAClassLearnerDoesNotCount() async throws {
        let (hub, _, made, learner) = try await Self.hub()
        let practice = ExamPaper(course: try #require(LiveClassCourse.course), lessons: ["basics"], learner: "ana", seed: 1, withTasks: false,
                                 exam: "exam-1-1800000000", timeLimit: nil)
        _ = try await hub.ingest(LearnerTranscript.lines(LearnerTranscript.records(ExamServerTests.sitting(practice))), from: learner)
        let snapshot = try await hub.snapshot(of: made.record)
        #expect(snapshot.learners.first?.points == 0, "a practice exam's answers are the learner's own business")
        await #expect(throws: ClassroomFailure.notFound("exam you have sat in this class")) { _ = try await hub.examResult(learner) }
    }
}

enum LiveClassCourse {
    static let course = CourseLoader.load(directory: TestServer.course).course
}
