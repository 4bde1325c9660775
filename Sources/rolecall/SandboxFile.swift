import Foundation
import SandboxShell
import Tutor

/// Loading and saving a sandbox state file, with a clear message instead of a crash when it is unreadable.
enum SandboxFile {
    static func load(_ path: String) -> (state: ShellState, warning: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (.initial(), nil) }
        do {
            return (try ShellState.decoded(from: Data(contentsOf: URL(fileURLWithPath: path))), nil)
        } catch {
            let backup = path + ".broken-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: backup)
            return (.initial(), "rolecall: the sandbox file \(path) could not be read (\(error.localizedDescription)); it was moved to \(backup) and a fresh sandbox was started.")
        }
    }

    static func save(_ state: ShellState, to path: String) throws {
        try ProgressStore.writeAtomically(try state.encoded(), to: path)
    }
}
