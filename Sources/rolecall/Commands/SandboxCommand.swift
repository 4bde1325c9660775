import ArgumentParser
import EndpointCore
import Foundation
import LineEditing
import Rendering
import SandboxShell
import SessionLoop
import SavedFiles
import Tutor

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
        do throws(SandboxFile.NotASandbox) { try SandboxFile.claim(path, isLearnersOwn: state == nil) } catch { throw RoleCallFailure(.noInput, error.message) }
        let lock: LearnerLock
        do throws(SandboxFile.Busy) { lock = try SandboxFile.lock(path) } catch { throw RoleCallFailure(.busy, error.message) }
        defer { withExtendedLifetime(lock) {} }
        let (loaded, warning) = SandboxFile.load(path)
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        var shell = SandboxShell(state: loaded, terminalWidth: TerminalSize.columns())
        shell.externalFiles = RealFolder(root: FileManager.default.currentDirectoryPath)
        try? FileManager.default.createDirectory(atPath: learnerOptions.store.directory, withIntermediateDirectories: true)
        let box = FreePlayBox(FreePlaySession(shell: shell))
        let reader = LineReaderFactory.make(historyFile: learnerOptions.store.directory + "/sandbox-history",
                                            completion: ShellCompleter(shell: { box.session.shell }))
        if reader is EditLineReader {
            print("RoleCall sandbox. You are \(box.session.shell.promptIdentity) in account 123456789012. Type aws commands; 'exit' or Ctrl-D leaves.")
        }
        var unsaved: SaveFailure?
        // A failed save keeps the file's last good state; the shell goes on, and the learner is told each time.
        func save() {
            do throws(SaveFailure) {
                try SandboxFile.save(box.session.shell.state, to: path)
                unsaved = nil
            } catch {
                FileHandle.standardError.write(Data("rolecall: \(error.message)\n".utf8))
                unsaved = error
            }
        }
        let endpoint = EndpointProcess()
        let sinks = LoopSinks(
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) },
            beforePrompt: { box.session.shell.terminalWidth = TerminalSize.columns() },
            afterReply: { reply in
                if reply.changed { save() }
                endpoint.follow(&box.session)
            })
        // While the learner types, requests from their own aws CLI run here too, and are saved.
        endpoint.attach(to: reader, session: { box.session }, update: { box.session = $0 }) { changed in
            if changed { save() }
        }
        defer { endpoint.stop() }
        SessionLoop.run(reader: reader, sinks: sinks, session: { box.session }, update: { box.session = $0 })
        // Leaving says what is not kept, as the tutor does, rather than ending on an exit status alone.
        if let unsaved { throw RoleCallFailure.unsavedAtExit(unsaved) }
        if box.session.lastExitCode != 0 { throw ExitCode(box.session.lastExitCode) }
    }
}

/// The free-play session, shared with the completer the line editor calls back into.
final class FreePlayBox {
    var session: FreePlaySession
    init(_ session: FreePlaySession) { self.session = session }
}


extension FreePlaySession: EndpointSession {}
