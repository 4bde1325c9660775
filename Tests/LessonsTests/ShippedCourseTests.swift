import Foundation
import Testing
@testable import Lessons

/// The course in Lessons/ must always lint clean and meet the size the course promises.
@Suite struct ShippedCourseTests {
    static var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons").path
    }

    @Test func shippedLessonsLintClean() throws {
        let result = CourseLoader.load(directory: Self.lessonsDirectory)
        #expect(result.diagnostics.map(\.description) == [])
        let course = try #require(result.course)
        #expect(course.lessons.count >= 6)
        #expect(course.questionCount >= 25)
        #expect(course.taskCount >= 8)
    }
}
