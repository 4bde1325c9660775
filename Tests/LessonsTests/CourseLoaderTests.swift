import Foundation
import Testing
@testable import Lessons

@Suite struct CourseLoaderTests {
    @Test func ordersLessonsByCourseFile() throws {
        let directory = try makeCourse([
            "course.yaml": "title: Test course\nlessons:\n  - second\n  - first\n",
            "a.md": lessonFile(id: "first"),
            "b.md": lessonFile(id: "second", prerequisites: ["first"]),
        ])
        let result = CourseLoader.load(directory: directory)
        #expect(result.diagnostics.isEmpty)
        let course = try #require(result.course)
        #expect(course.title == "Test course")
        #expect(course.lessons.map(\.id) == ["second", "first"])
    }

    @Test func reportsCourseFileProblems() throws {
        let directory = try makeCourse([
            "course.yaml": "title: Test course\nlessons:\n  - first\n  - frist-typo\n  - first\n",
            "a.md": lessonFile(id: "first"),
            "b.md": lessonFile(id: "unlisted"),
        ])
        let result = CourseLoader.load(directory: directory)
        #expect(result.diagnostics.map(\.description) == [
            "\(directory)/b.md:2:5: error: lesson 'unlisted' is not listed in course.yaml: add it under 'lessons' where it belongs in the course",
            "\(directory)/course.yaml:4:5: error: course lists lesson 'frist-typo', but no lesson file has that id",
            "\(directory)/course.yaml:5:5: error: lesson 'first' is listed twice",
        ])
    }

    @Test func reportsAMissingCourseFile() throws {
        let directory = try makeCourse(["a.md": lessonFile(id: "first")])
        let result = CourseLoader.load(directory: directory)
        #expect(result.course == nil)
        #expect(result.diagnostics.map(\.description) == [
            "\(directory)/course.yaml:1:1: error: missing course.yaml: the course needs one, with 'title' and 'lessons' (the lesson ids in order)",
        ])
    }

    @Test func reportsDuplicateLessonAndQuestionIDs() throws {
        let question = "## Q\n\n```true-false\nid: same-question\nprompt: P\nanswer: true\nexplanation: E\n```\n"
        let directory = try makeCourse([
            "course.yaml": "title: T\nlessons: [one, two]\n",
            "a.md": lessonFile(id: "one", body: question),
            "b.md": lessonFile(id: "two", body: question),
            "c.md": lessonFile(id: "two"),
        ])
        let result = CourseLoader.load(directory: directory)
        #expect(result.diagnostics.map(\.description) == [
            "\(directory)/b.md:12:5: error: duplicate question or task id 'same-question' (also used at \(directory)/a.md:12:5)",
            "\(directory)/c.md:2:5: error: duplicate lesson id 'two' (also used at \(directory)/b.md:2:5)",
        ])
    }

    @Test func reportsMissingAndCyclicPrerequisites() throws {
        let directory = try makeCourse([
            "course.yaml": "title: T\nlessons: [a, b, c]\n",
            "a.md": lessonFile(id: "a", prerequisites: ["c"]),
            "b.md": lessonFile(id: "b", prerequisites: ["a"]),
            "c.md": lessonFile(id: "c", prerequisites: ["b", "nope"]),
        ])
        let result = CourseLoader.load(directory: directory)
        #expect(result.diagnostics.map(\.description) == [
            "\(directory)/b.md:7:17: error: prerequisites form a cycle: a → c → b → a",
            "\(directory)/c.md:7:20: error: prerequisite 'nope' is not a lesson in this course",
        ])
    }

    @Test func reportsFilesThatAreNotUTF8() throws {
        let directory = try makeCourse(["course.yaml": "title: T\nlessons: [a]\n"])
        let bytes: [UInt8] = Array("---\nid: a\n".utf8) + [0x66, 0xFF, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/a.md"))
        let result = CourseLoader.load(directory: directory)
        #expect(result.diagnostics.map(\.description).contains(
            "\(directory)/a.md:3:1: error: the file is not valid UTF-8: save it with UTF-8 encoding"))
    }

    @Test func lintsASingleLessonFile() throws {
        let directory = try makeCourse(["a.md": lessonFile(id: "a", prerequisites: ["a"])])
        let result = CourseLoader.loadLesson(path: directory + "/a.md")
        #expect(result.diagnostics.map(\.description) == ["\(directory)/a.md:7:17: error: lesson 'a' lists itself as a prerequisite"])
    }
}

/// The quick start's header cache: unchanged files are taken from it, changed or new ones are read, and a cache
/// that cannot be read only costs time.
@Suite struct LessonHeaderCacheTests {
    @Test func unchangedLessonsComeFromTheCacheAndChangedOnesAreRead() throws {
        let directory = try makeCourse([
            "course.yaml": "title: Test course\nlessons:\n  - first\n  - second\n",
            "a.md": lessonFile(id: "first"),
            "b.md": lessonFile(id: "second", prerequisites: ["first"]),
        ])
        let cache = LessonHeaderCache(path: directory + "-cache/headers")
        let cold = try #require(CourseLoader.load(directory: directory, quickStartingAt: .some("first"), headerCache: cache).course)
        #expect(cold.lessons.map(\.title) == ["Lesson first", "Lesson second"])
        #expect(cache.read().count == 2)

        // A cached header is used without reading the file: prove it by corrupting the cache's title.
        var entries = cache.read()
        entries[directory + "/b.md"]?.title = "From the cache"
        cache.write(entries)
        let warm = try #require(CourseLoader.load(directory: directory, quickStartingAt: .some("first"), headerCache: cache).course)
        #expect(warm.lessons[1].title == "From the cache")
        #expect(warm.lessons[1].prerequisites == ["first"])
        #expect(!warm.lessons[0].steps.isEmpty, "the lesson the tutor opens is parsed in full")

        // Editing the file (a new size and time) makes it read again.
        try lessonFile(id: "second", prerequisites: ["first"]).replacingOccurrences(of: "Lesson second", with: "Lesson two, edited")
            .write(toFile: directory + "/b.md", atomically: true, encoding: .utf8)
        let edited = try #require(CourseLoader.load(directory: directory, quickStartingAt: .some("first"), headerCache: cache).course)
        #expect(edited.lessons[1].title == "Lesson two, edited")
    }

    @Test func anUnreadableCacheIsIgnored() throws {
        let directory = try makeCourse([
            "course.yaml": "title: Test course\nlessons:\n  - first\n",
            "a.md": lessonFile(id: "first"),
        ])
        let cache = LessonHeaderCache(path: directory + "-garbage")
        try Data([0xFF, 0x00, 0x1F, 0x0A]).write(to: URL(fileURLWithPath: cache.path))
        let course = try #require(CourseLoader.load(directory: directory, quickStartingAt: .some("first"), headerCache: cache).course)
        #expect(course.lessons.map(\.id) == ["first"])
        let unwritable = LessonHeaderCache(path: directory + "/a.md/cannot/be/here")
        #expect(CourseLoader.load(directory: directory, quickStartingAt: .some("first"), headerCache: unwritable).course != nil)
    }
}
