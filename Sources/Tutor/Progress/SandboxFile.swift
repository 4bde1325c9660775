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
    /// format's has `sandbox` and `configuration` members), or none yet in an existing folder; and that its lock,
    /// `FILE.lock`, is none yet or one of RoleCall's. A learner's progress file, a text file, /etc/passwd or a
    /// project's `Cargo.lock` given by mistake is refused and left exactly as it was.
    /// `isLearnersOwn`: the learner's own sandbox in the data folder, whose folder is made when missing and whose
    /// damaged file is load's to move aside and start afresh.
    public static func claim(_ path: String, isLearnersOwn: Bool = false) throws(NotASandbox) {
        let path = AtomicFile.absolute(path)
        try claimLock(path + ".lock")
        guard let kind = fileKind(path) else {
            let folder = (path as NSString).deletingLastPathComponent
            if isLearnersOwn { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw NotASandbox(message: "there is no folder \(folder) to keep the sandbox \(path) in; create it first, or give --state a file in a folder that exists.")
            }
            return
        }
        guard kind == S_IFREG else {
            throw NotASandbox(message: "\(path) is not a regular file, so it cannot be a sandbox state; give --state a file name.")
        }
        guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
            throw NotASandbox(message: "the sandbox file \(path) cannot be read, so it was left as it is (and will not be saved over); check its permissions, or give --state another file.")
        }
        if isLearnersOwn { return }
        // A sandbox state is a few megabytes at most: anything far larger is something else.
        let head = (try? handle.read(upToCount: Self.largestState + 1)) ?? Data()
        let object = head.count > Self.largestState ? nil : (try? JSONSerialization.jsonObject(with: head)) as? [String: Any]
        guard let object, object["sandbox"] is [String: Any], object["configuration"] != nil else {
            throw NotASandbox(message: "\(path) is not a RoleCall sandbox state, so it was left as it is. Give --state a new file name, or the path of a sandbox state that rolecall sandbox, rolecall aws or rolecall serve wrote.")
        }
    }

    static let largestState = 64 << 20

    /// A lock beside the state is RoleCall's when it is a regular file holding a process number, or nothing yet.
    private static func claimLock(_ lock: String) throws(NotASandbox) {
        guard let kind = fileKind(lock) else { return }
        let contents = kind == S_IFREG ? FileManager.default.contents(atPath: lock).map { String(decoding: $0, as: UTF8.self) } : nil
        let trimmed = contents?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let trimmed, trimmed.isEmpty || (trimmed.count <= 10 && trimmed.allSatisfy(\.isNumber)) else {
            throw NotASandbox(message: "\(lock) exists and is not a RoleCall lock, so it was left as it is; give --state a file name whose .lock is free.")
        }
    }

    /// The type bits of what is at `path`, not following a final symbolic link; nil when nothing is there.
    private static func fileKind(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
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
