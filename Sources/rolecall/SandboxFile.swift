import Foundation
import SandboxShell
import SavedFiles
import Tutor

/// Loading and saving a sandbox state file, with a clear message instead of a crash when it is unreadable.
enum SandboxFile {
    static func load(_ path: String) -> (state: ShellState, warning: String?) {
        let path = AtomicFile.absolute(path)
        AtomicFile.removeStaleTemporaries(of: path)
        guard FileManager.default.fileExists(atPath: path) else { return (.initial(), nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (.initial(), "rolecall: the sandbox file \(path) is not readable; a fresh sandbox was started and will not be saved over it.")
        }
        do throws(TolerantDecoder.Failure) {
            let loaded = try ShellState.decoded(from: data)
            let notice = loaded.isFromNewerVersion ? "rolecall: " + SavedFormat.preserveNewer(loaded, name: ShellState.formatName, at: path) : nil
            return (loaded.value, notice)
        } catch {
            let backup = path + ".broken-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: backup)
            return (.initial(), "rolecall: the sandbox file \(path) could not be read (\(error.description)); it was moved to \(backup) and a fresh sandbox was started.")
        }
    }

    /// Saves the state; on failure the file keeps the last good save and the failure says so.
    static func save(_ state: ShellState, to path: String) throws(SaveFailure) {
        let data: Data
        do {
            data = try state.encoded()
        } catch {
            throw SaveFailure(path: AtomicFile.absolute(path), reason: "the sandbox holds a value that cannot be written")
        }
        try AtomicFile.write(data, to: path)
    }
}
