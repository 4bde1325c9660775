import Foundation
import SandboxShell
import SavedFiles

/// Loading and saving a sandbox state file, with a clear message instead of a crash when it is unreadable.
public enum SandboxFile {
    /// Why a state file cannot be written now: another program holds it.
    public struct Busy: Error {
        public var message: String
    }

    /// The state file's one-writer lock (`FILE.lock`), taken for as long as the returned lock lives.
    public static func lock(_ path: String) throws(Busy) -> LearnerLock {
        do throws(LearnerLock.Failure) {
            return try LearnerLock.acquire(guarding: path)
        } catch {
            switch error {
            case .held(let owner):
                let process = owner.map { " (process \($0))" } ?? ""
                throw Busy(message: "the sandbox \(AtomicFile.absolute(path)) is in use by another program\(process): rolecall sandbox, rolecall aws or rolecall serve. One sandbox has one writer at a time; stop the other one, or use --state for another sandbox.")
            case .unwritable(let failure):
                throw Busy(message: failure.message)
            }
        }
    }

    public static func load(_ path: String) -> (state: ShellState, warning: String?) {
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
    public static func save(_ state: ShellState, to path: String) throws(SaveFailure) {
        let data: Data
        do {
            data = try state.encoded()
        } catch {
            throw SaveFailure(path: AtomicFile.absolute(path), reason: "the sandbox holds a value that cannot be written")
        }
        try AtomicFile.write(data, to: path)
    }
}
