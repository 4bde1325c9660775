import ArgumentParser

@main
struct RoleCall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolecall",
        abstract: "Learn AWS IAM roles in the terminal: lessons, quizzes and a hands-on sandbox.",
        subcommands: [StartCommand.self, LessonsCommand.self, ShowCommand.self, LintCommand.self, PolicyCommand.self, SandboxCommand.self, AWSCommand.self, ExamCommand.self, GradeCommand.self],
        defaultSubcommand: StartCommand.self
    )
}
