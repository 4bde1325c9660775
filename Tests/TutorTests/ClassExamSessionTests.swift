import Assessment
import Foundation
import Lessons
import Testing
import Transcripts
@testable import Tutor

/// An exam paper carries nothing that answers it, and a session marked by the class server works from the paper
/// alone: it records answers and commands, decides nothing, and goes on after an earlier sitting.
@Suite struct ClassExamSessionTests {
    static let course = ExamCompletionTests.course

    static func paper(answered: [String] = []) throws -> ExamPaper {
        var paper = ExamPaper(course: course, lessons: ["what-are-roles"], learner: "ana", seed: 7, withTasks: true,
                              exam: "class-exam-1", timeLimit: 600, secondsLeft: 300)
        paper.answered = answered
        // Through JSON, as the server sends it.
        return try JSONDecoder().decode(ExamPaper.self, from: JSONEncoder().encode(paper))
    }

    @Test func thePaperCarriesNoAnswerExplanationHintOrSolution() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let text = String(decoding: try encoder.encode(try Self.paper()), as: UTF8.self)
        #expect(text.contains("Display the details of the role `Auditor`"), "the probe reads the paper's text as sent")
        for secret in ["arn:aws:iam::123456789012:role/Auditor", "Think about who",
                       "aws sts get-caller-identity", "ran iam get-role", "A role belongs to", "explanation", "answers\""] {
            #expect(!text.contains(secret), "the paper gives away '\(secret)'")
        }
        let paper = try Self.paper()
        #expect(paper.items.map(\.id) == ["role-definition", "role-belongs-to-person", "check-caller-identity", "inspect-auditor-role",
                                          "role-parts", "auditor-role-arn"])
        #expect(paper.sandboxes["what-are-roles"]?.roles.map(\.name) == ["Auditor"])
        // The same learner and seed get the same paper; another learner gets another order.
        let again = ExamPaper(course: Self.course, lessons: ["what-are-roles"], learner: "ana", seed: 7, withTasks: true,
                              exam: "class-exam-1", timeLimit: 600, secondsLeft: 300)
        #expect(again.items == paper.items)
        let other = ExamPaper(course: Self.course, lessons: ["what-are-roles"], learner: "ben", seed: 7, withTasks: true,
                              exam: "class-exam-1", timeLimit: 600, secondsLeft: 300)
        #expect(other.items.map(\.order) != paper.items.map(\.order))
    }

    @Test func aClassExamRecordsAnswersAndCommandsAndDecidesNothing() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var exam = ExamSession(paper: try Self.paper(), marker: .classServer, learner: "ana", start: start, renderer: TutorSessionUnitTests.renderer)
        #expect(exam.isMarkedByServer)
        #expect(exam.opening().contains("the class server keeps the time and marks your answers"))
        #expect(exam.prompt(now: start).contains("5:00 left"), "the time left is the server's, not the whole limit")
        #expect(exam.handle("z", now: start).output.contains("is not one of the choices"), "the shape of an answer is still checked")
        _ = exam.handle("b", now: start)
        _ = exam.handle("false", now: start)
        let output = exam.handle("aws sts get-caller-identity", now: start).output
        #expect(output.contains("user/learner"), "the task runs in the lesson's sandbox from the paper: \(output)")
        let finished = exam.handle("finish", now: start)
        #expect(finished.finished)
        #expect(finished.output.contains("Handed in:") && !finished.output.contains("Total:"), "\(finished.output)")
        let events = exam.takeEvents()
        #expect(events.map(\.kind) == [.examStart, .answer, .answer, .command, .examEnd])
        #expect(events.allSatisfy { $0.exam == "class-exam-1" })
        #expect(!events.contains { $0.kind == .taskCompleted }, "only the server's replay decides a task")
        #expect(events[1].choiceOrder == (try Self.paper()).items[0].order)
    }

    @Test func aResumedSittingStartsAtTheFirstItemLeft() throws {
        let start = Date()
        var exam = ExamSession(paper: try Self.paper(answered: ["role-definition", "role-belongs-to-person"]), marker: .classServer,
                               learner: "ana", start: start, renderer: TutorSessionUnitTests.renderer)
        #expect(exam.opening().contains("You handed in 2 items before"))
        #expect(exam.prompt(now: start).hasPrefix("[exam 3/6"))
        _ = exam.handle("next", now: start)
        _ = exam.handle("next", now: start)
        _ = exam.handle("a b e", now: start)
        let sheet = exam.handle("finish", now: start).output
        #expect(sheet.contains("role-definition  (answered before)"), "\(sheet)")
        #expect(exam.takeEvents().filter { $0.kind == .answer }.map(\.item) == ["role-parts"])
    }

    @Test func timeUpComesFromTheSecondsLeft() throws {
        let start = Date()
        var exam = ExamSession(paper: try Self.paper(), marker: .classServer, learner: "ana", start: start, renderer: TutorSessionUnitTests.renderer)
        #expect(!exam.isOutOfTime(at: start.addingTimeInterval(299)))
        #expect(exam.isOutOfTime(at: start.addingTimeInterval(300)))
        #expect(exam.handle("b", now: start.addingTimeInterval(301)).output.hasPrefix("Time is up."))
    }
}
