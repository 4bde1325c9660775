import ArgumentParser
import Foundation
import SavedFiles

@main
struct RoleCall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolecall",
        abstract: "Learn AWS IAM roles in the terminal: lessons, quizzes and a hands-on sandbox.",
        subcommands: [StartCommand.self, LessonsCommand.self, ShowCommand.self, LintCommand.self, PolicyCommand.self, SandboxCommand.self, AWSCommand.self, ExamCommand.self, GradeCommand.self, JoinCommand.self, ClassroomCommand.self, ServeCommand.self],
        defaultSubcommand: StartCommand.self
    )

    /// The one place RoleCall's own failures are printed: usage errors go to ArgumentParser, which prints the
    /// usage; a `RoleCallFailure` is one line and its sysexits status.
    static func main() {
        AtomicFile.reportFileSizeLimitsAsErrors()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as RoleCallFailure {
            FileHandle.standardError.write(Data("rolecall: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitStatus)
        } catch {
            exit(withError: error)
        }
    }
}
