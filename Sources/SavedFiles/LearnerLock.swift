#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One writer per learner: the tutor and the exam hold this lock on the learner's folder while they run, so a
/// second terminal cannot fork the transcript's chain or overwrite the first one's progress. The lock is an
/// advisory `flock`, released by the system when the process ends, however it ends.
public final class LearnerLock {
    private let descriptor: Int32

    public enum Failure: Error, Equatable {
        /// Another process holds it; its id, when it wrote one.
        case held(by: Int32?)
        case unwritable(SaveFailure)
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock in `folder` (made if missing), or says who holds it.
    public static func acquire(in folder: String) throws(Failure) -> LearnerLock {
        let folder = AtomicFile.absolute(folder)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try acquire(file: folder + "/.lock")
    }

    /// Takes the lock of one saved file (`FILE.lock` beside it): a sandbox state has one writer, whichever of
    /// `rolecall sandbox`, `rolecall aws` and the HTTP endpoint it is.
    public static func acquire(guarding file: String) throws(Failure) -> LearnerLock {
        let file = AtomicFile.absolute(file)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return try acquire(file: file + ".lock")
    }

    static func acquire(file path: String) throws(Failure) -> LearnerLock {
        // Not through a symbolic link: a link named like the lock must not have its target truncated.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .unwritable(SaveFailure(path: path, errno: errno)) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            let owner = count > 0 ? Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            throw .held(by: owner)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
        return LearnerLock(descriptor: descriptor)
    }
}
