import Foundation
@testable import Lessons

/// A valid front matter to build test lessons on; it ends on line 7, so a body starts on line 8.
let validFrontMatter = """
---
id: sample
title: Sample lesson
summary: A lesson for tests.
minutes: 5
objectives: [Test the parser]
---
"""

func parseLesson(_ body: String, frontMatter: String = validFrontMatter, file: String = "sample.md") -> LessonParser.Result {
    LessonParser.parse(frontMatter + "\n" + body, file: file)
}

func messages(_ result: LessonParser.Result) -> [String] {
    result.diagnostics.sortedByLocation().map(\.description)
}

/// Writes a course folder of `files` (name → content) in a fresh temporary directory and returns its path.
func makeCourse(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("rolecall-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, content) in files {
        try content.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }
    return directory
}

func lessonFile(id: String, prerequisites: [String] = [], body: String = "## Only step\n\nSome text.\n") -> String {
    """
    ---
    id: \(id)
    title: Lesson \(id)
    summary: About \(id).
    minutes: 3
    objectives: [Learn \(id)]
    prerequisites: [\(prerequisites.joined(separator: ", "))]
    ---
    \(body)
    """
}
