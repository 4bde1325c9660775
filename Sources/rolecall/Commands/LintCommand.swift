import ArgumentParser
import Foundation
import Lessons

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a course folder or one lesson file, reporting each problem as path:line:column."
    )

    @Argument(help: ArgumentHelp("A course folder or a lesson file. Defaults to the course in use.", valueName: "path"))
    var path: String?

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        let target = path ?? courseOption.resolvedDirectory()
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        let diagnostics: [Diagnostic]
        var summary = ""
        if exists && !isDirectory.boolValue {
            let result = CourseLoader.loadLesson(path: target)
            diagnostics = result.diagnostics
            if let lesson = result.lesson {
                summary = "1 lesson, \(lesson.questions.count) questions, \(lesson.tasks.count) tasks"
            }
        } else {
            let result = CourseLoader.load(directory: target)
            diagnostics = result.diagnostics
            if let course = result.course {
                summary = "\(course.lessons.count) lesson\(course.lessons.count == 1 ? "" : "s"), \(course.questionCount) questions, \(course.taskCount) tasks"
            }
        }
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        let errorCount = diagnostics.filter { $0.severity == .error }.count
        let warningCount = diagnostics.count - errorCount
        if errorCount > 0 {
            FileHandle.standardError.write(Data("\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s") in \(target)\n".utf8))
            throw ExitCode(1)
        }
        print("\(target): \(summary); no errors\(warningCount > 0 ? ", \(warningCount) warnings" : "").")
    }
}
