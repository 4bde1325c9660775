import Foundation
import SandboxShell
import SavedFiles

/// Loading and saving a sandbox state file, with a clear message instead of a crash when it is unreadable.
public enum SandboxFile {
    /// Why a state file cannot be written now: another program holds it.
    public struct Busy: Error {
        public var message: String
    }

    /// Why a file named as a sandbox state will not be used: it is something else, which must not be moved aside
    /// or written over, or it is in a folder that does not exist.
    public struct NotASandbox: Error {
        public var message: String
    }

    /// Checks, before anything is locked or written, that `path` may hold a sandbox: a file that is one (every
    /// format's has `sandbox` and `configuration` members), or none yet in an existing folder. A learner's progress
    /// file, a text file or /etc/passwd given to `--state` by mistake is refused and left exactly as it was.
    /// `isLearnersOwn`: the learner's own sandbox in the data folder, whose folder is made when missing.
    public static func claim(_ path: String, isLearnersOwn: Bool = false) throws(NotASandbox) {
        let path = AtomicFile.absolute(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            let folder = (path as NSString).deletingLastPathComponent
            if isLearnersOwn { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw NotASandbox(message: "there is no folder \(folder) to keep the sandbox \(path) in; create it first, or give --state a file in a folder that exists.")
            }
            return
        }
        if isFolder.boolValue { throw NotASandbox(message: "\(path) is a folder, not a sandbox state file; give --state a file name.") }
        // An unreadable file is load's to report (it starts a fresh sandbox and never saves over the file).
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let object, object["sandbox"] is [String: Any], object["configuration"] != nil else {
            throw NotASandbox(message: "\(path) is not a RoleCall sandbox state, so it was left as it is. Give --state a new file name, or the path of a sandbox state that rolecall sandbox, rolecall aws or rolecall serve wrote.")
        }
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
