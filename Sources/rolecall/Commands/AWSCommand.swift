import ArgumentParser
import Foundation
import Rendering
import SandboxShell
import SavedFiles
import Tutor

/// `rolecall aws ARGS… [--state FILE]`: one aws command against a saved sandbox, from the learner's own shell.
struct AWSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws",
        abstract: "Run one aws command against your sandbox (saved between runs).",
        discussion: "Everything after 'aws' is passed to the sandbox's aws CLI, e.g. 'rolecall aws sts get-caller-identity'. --state FILE, --learner NAME and --data-dir DIR may appear anywhere. file:// paths are read from the current folder.",
        helpNames: []
    )

    @Argument(parsing: .captureForPassthrough, help: "The aws command, e.g. iam list-roles.")
    var words: [String] = []

    func run() throws {
        var arguments = words
        func extract(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            let value = arguments[index + 1]
            arguments.removeSubrange(index...(index + 1))
            return value
        }
        let statePath = extract("--state")
        var options = LearnerOptions()
        options.learner = extract("--learner")
        options.dataDirectory = extract("--data-dir")
        let path = statePath ?? options.sandboxPath
        do throws(SandboxFile.NotASandbox) { try SandboxFile.claim(path, isLearnersOwn: statePath == nil) } catch { throw RoleCallFailure(.noInput, error.message) }
        let lock: LearnerLock
        do throws(SandboxFile.Busy) { lock = try SandboxFile.lock(path) } catch { throw RoleCallFailure(.busy, error.message) }
        defer { withExtendedLifetime(lock) {} }
        let (state, warning) = SandboxFile.load(path)
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }

        var shell = SandboxShell(state: state, terminalWidth: TerminalSize.columns())
        shell.externalFiles = RealFolder(root: FileManager.default.currentDirectoryPath)
        let outcome = shell.run(words: ["aws"] + arguments)
        FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
        FileHandle.standardError.write(Data(outcome.stderr.utf8))
        do throws(SaveFailure) {
            try SandboxFile.save(shell.state, to: path)
        } catch {
            throw RoleCallFailure.cannotSave(error)
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
