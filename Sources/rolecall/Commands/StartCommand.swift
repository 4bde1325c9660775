import ArgumentParser
import Foundation
import Lessons
import Rendering

/// What `rolecall` does with no arguments: open the course at its beginning.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Open the course (the default command).")

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        let course = try courseOption.loadCourse()
        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        var blocks: [MarkdownBlock] = [.heading(level: 1, content: [.text(course.title)])]
        if !course.description.isEmpty { blocks.append(.paragraph([.text(course.description)])) }
        blocks.append(.list(MarkdownList(isOrdered: true, start: 1, isTight: true, items: course.lessons.map { lesson in
            [.paragraph([.code(lesson.id), .text(" — "), .strong([.text(lesson.title)]), .text(" (\(lesson.minutes) min)")])]
        })))
        if let first = course.lessons.first {
            blocks.append(.paragraph([
                .text("Read a lesson with "), .code("rolecall show \(first.id)"),
                .text("; list the course with "), .code("rolecall lessons"), .text("."),
            ]))
        }
        print(renderer.render(blocks), terminator: "")
    }
}
