import Foundation
import Testing

/// `rolecall lint`, `lessons` and `show`, run as real processes.
@Suite struct CourseCommandsTests {
    @Test func lintPassesOnTheShippedCourse() throws {
        let output = try RoleCallProcess.run(["lint", "Lessons"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Lessons: "))
        #expect(output.stdout.contains("no errors"))
        #expect(output.stderr.isEmpty)
    }

    @Test func lintReportsEveryErrorWithItsLocationAndFails() throws {
        let course = RoleCallProcess.fixtures.appendingPathComponent("broken-course").path
        let output = try RoleCallProcess.run(["lint", course])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.split(separator: "\n").map(String.init) == [
            "\(course)/broken.md:7:17: error: prerequisite 'nowhere' is not a lesson in this course",
            "\(course)/broken.md:18:9: error: answer 'c' is not among the choices (a, b)",
            "\(course)/broken.md:24:1: error: unknown block kind 'tsak'; did you mean 'task'?",
            "\(course)/course.yaml:4:5: error: course lists lesson 'missing-lesson', but no lesson file has that id",
            "4 errors, 0 warnings in \(course)",
        ])
    }

    @Test func lintChecksASingleFile() throws {
        let file = RoleCallProcess.fixtures.appendingPathComponent("broken-course/broken.md").path
        let output = try RoleCallProcess.run(["lint", file])
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(file):18:9: error: answer 'c' is not among the choices (a, b)"))
        #expect(!output.stderr.contains("nowhere"), "a lone file cannot know the other lessons")
    }

    @Test func lessonsListsTheOutlineAsJSON() throws {
        // The shipped course's outline (behaviour tests use the frozen fixture course by default).
        let output = try RoleCallProcess.run(["lessons", "--format", "json", "--course", "Lessons"])
        #expect(output.status == 0, "\(output.stderr)")
        let outline = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let lessons = try #require(outline["lessons"] as? [[String: Any]])
        #expect(lessons.count >= 6)
        #expect(lessons.first?["id"] as? String == "what-are-roles")
        let steps = try #require(lessons.first?["steps"] as? [String: Int])
        #expect(Set(steps.keys) == ["reading", "question", "task"])
        let questions = lessons.compactMap { ($0["steps"] as? [String: Int])?["question"] }.reduce(0, +)
        let tasks = lessons.compactMap { ($0["steps"] as? [String: Int])?["task"] }.reduce(0, +)
        #expect(questions >= 25)
        #expect(tasks >= 8)
    }

    @Test func lessonsListsTheOutlineAsText() throws {
        let output = try RoleCallProcess.run(["lessons"])
        #expect(output.status == 0)
        #expect(output.stdout.contains(" 1. what-are-roles — "))
    }

    /// A course folder that is not there is a matter of where, not of lint: the message says how to name it.
    @Test func aMissingCourseSaysHowToNameIt() throws {
        let output = try RoleCallProcess.run(["lessons"], environment: ["ROLECALL_COURSE": "/no/such/course"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("No course was found: name its folder (the one holding course.yaml) with --course DIR, or set ROLECALL_COURSE"), "\(output.stderr)")
        #expect(!output.stderr.contains("rolecall lint"))
    }

    /// A lesson is named by its id or by its number in the outline, for show and exam as for the tutor's open;
    /// a wrong --time-limit is a plain message, not the top-level usage.
    @Test func lessonsAreNamedByNumberToo() throws {
        let byNumber = try RoleCallProcess.run(["show", "1"])
        let byID = try RoleCallProcess.run(["show", "what-are-roles"])
        #expect(byNumber.status == 0 && byNumber.stdout == byID.stdout, "\(byNumber.stderr)")
        #expect(try RoleCallProcess.run(["show", "99"]).stderr.contains("No lesson '99' in the course."))
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-exam-\(UUID().uuidString)").path
        let badLimit = try RoleCallProcess.run(["exam", "1", "--time-limit", "abc", "--data-dir", data])
        #expect(badLimit.status == 64)
        #expect(badLimit.stderr == "rolecall: --time-limit takes a duration such as 20m or 1h30m, not 'abc'.\n", "\(badLimit.stderr)")
    }

    @Test func showRendersALessonPlainWhenPiped() throws {
        let output = try RoleCallProcess.run(["show", "what-are-roles"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("\u{1B}["), "no colour codes when stdout is not a terminal")
        #expect(output.stdout.contains("Question"))
        #expect(output.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func showSuggestsTheNearestLessonForATypo() throws {
        let output = try RoleCallProcess.run(["show", "what-are-rolse"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("No lesson 'what-are-rolse' in the course. Did you mean 'what-are-roles'?"))
    }

    @Test func commandsRefuseABrokenCourseWithItsErrors() throws {
        let course = RoleCallProcess.fixtures.appendingPathComponent("broken-course").path
        let output = try RoleCallProcess.run(["lessons", "--course", course])
        #expect(output.status == 1)
        #expect(output.stderr.contains("broken.md:18:9: error: answer 'c' is not among the choices (a, b)"))
        #expect(output.stderr.contains("run 'rolecall lint'"))
    }
}
