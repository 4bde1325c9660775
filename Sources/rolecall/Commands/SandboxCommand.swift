import ArgumentParser
import Foundation
import LineEditing
import Rendering
import SandboxShell
import SavedFiles

/// `rolecall sandbox [--state FILE]`: a free-play shell over the sandbox.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "A free-play shell over the sandbox: aws commands, export, instance exec, clock, whoami, explain.",
        discussion: "When standard input is not a terminal, commands are read line by line, only their output is printed, and the exit status is the last command's."
    )

    @Option(help: ArgumentHelp("The sandbox state file (default: your own sandbox).", valueName: "file"))
    var state: String?

    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let path = state ?? learnerOptions.sandboxPath
        let (loaded, warning) = SandboxFile.load(path)
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        var shell = SandboxShell(state: loaded, terminalWidth: TerminalSize.columns())
        shell.externalFiles = RealFolder(root: FileManager.default.currentDirectoryPath)
        try? FileManager.default.createDirectory(atPath: learnerOptions.store.directory, withIntermediateDirectories: true)
        let shellBox = ShellBox(shell)
        let reader = LineReaderFactory.make(historyFile: learnerOptions.store.directory + "/sandbox-history",
                                            completion: ShellCompleter(shell: { shellBox.shell }))
        let interactive = reader is EditLineReader
        if interactive {
            print("RoleCall sandbox. You are \(shellBox.shell.promptIdentity) in account 123456789012. Type aws commands; 'exit' or Ctrl-D leaves.")
        }
        var lastStatus: Int32 = 0
        // A failed save keeps the file's last good state; the shell goes on, and the learner is told each time.
        func save() {
            do throws(SaveFailure) {
                try SandboxFile.save(shellBox.shell.state, to: path)
            } catch {
                FileHandle.standardError.write(Data("rolecall: \(error.message)\n".utf8))
                lastStatus = RoleCallFailure.cannotSave(error).exitStatus
            }
        }
        loop: while true {
            switch reader.readLine(prompt: "\(shellBox.shell.promptIdentity) $ ") {
            case .endOfInput:
                break loop
            case .interrupted:
                continue
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                if trimmed == "exit" || trimmed == "quit" { break loop }
                reader.addToHistory(line)
                if trimmed == "reset" {
                    shellBox.shell.reset()
                    print("The sandbox is back to its starting state.")
                    save()
                    continue
                }
                shellBox.shell.terminalWidth = TerminalSize.columns()
                let outcome = shellBox.shell.run(line)
                FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
                FileHandle.standardError.write(Data(outcome.stderr.utf8))
                lastStatus = outcome.exitCode
                save()
            }
        }
        if lastStatus != 0 { throw ExitCode(lastStatus) }
    }
}

/// The shell, shared with the completer the line editor calls back into.
final class ShellBox {
    var shell: SandboxShell
    init(_ shell: SandboxShell) { self.shell = shell }
}
