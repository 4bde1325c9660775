import Foundation
import Lessons
import Testing
@testable import Tutor

/// An instructor's lock: the lessons after the last one open cannot be entered, by `next` or `open`, until opened.
@Suite struct LessonLockTests {
    @Test func lessonsAfterTheLastOpenOneAreLockedUntilOpened() {
        var session = TutorSession(course: ExamCompletionTests.course, progress: LearnerProgress(learner: "ana"), renderer: TutorSessionUnitTests.renderer)
        session.openThrough = "what-are-roles"
        let refused = session.handle("open 2").output
        #expect(refused.contains("is locked until your instructor opens it; lessons 1 to 1 are open (type lessons)."), "\(refused)")
        #expect(session.prompt.hasPrefix("[what-are-roles "), "the learner stays where they were")
        let outline = session.handle("lessons").output
        #expect(outline.contains("why-services-need-roles — ") && outline.contains("(locked)"))
        #expect(!outline.split(separator: "\n").contains { $0.contains("what-are-roles") && $0.contains("(locked)") })

        // Walking off the end of the open lesson says the next one is locked, and stays.
        var last = ""
        for _ in 0..<40 where !last.contains("locked") { last = session.handle("next").output }
        #expect(last.contains("The next lesson, "), "\(last)")
        #expect(session.prompt.hasPrefix("[what-are-roles "))

        session.openThrough = nil
        #expect(!session.handle("next").output.contains("locked"))
        #expect(session.prompt.hasPrefix("[why-services-need-roles "))
    }

    @Test func theLastLessonCanBeFinishedUnderALock() {
        var session = TutorSession(course: ExamCompletionTests.course, progress: LearnerProgress(learner: "ana"), renderer: TutorSessionUnitTests.renderer)
        session.openThrough = ExamCompletionTests.course.lessons.last?.id
        _ = session.handle("open \(ExamCompletionTests.course.lessons.count)")
        var last = ""
        for _ in 0..<40 where !last.contains("last lesson") { last = session.handle("next").output }
        #expect(last.contains("That was the last lesson"))
    }
}
