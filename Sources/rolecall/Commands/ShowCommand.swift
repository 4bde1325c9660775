import Suggestions
import ArgumentParser
import Foundation
import Lessons
import Rendering

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Render a whole lesson without interaction.")

    @Argument(help: ArgumentHelp("The lesson's id or number (see 'rolecall lessons').", valueName: "lesson"))
    var lessonID: String

    @Flag(name: .long, help: "Also show answers, explanations and task solutions (for authors and instructors).")
    var answers = false

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        let course = try courseOption.loadCourse()
        guard let lesson = course.lessonIndex(named: lessonID).map({ course.lessons[$0] }) else {
            let suggestion = Suggestions.didYouMean(lessonID, among: course.lessons.map(\.id))
            throw RoleCallFailure(.badArgument, "No lesson '\(lessonID)' in the course.\(suggestion) Run 'rolecall lessons' to list them.")
        }
        let renderer = TerminalRenderer(style: TerminalStyle.forStandardOutput(), width: TerminalSize.columns())
        print(renderer.render(lesson, revealingAnswers: answers), terminator: "")
    }
}
