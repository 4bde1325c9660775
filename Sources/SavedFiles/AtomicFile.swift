#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Files replaced whole: write a temporary file beside the target, fsync it, rename it over the target, fsync the
/// folder. A kill, a power cut, a full disk or a file size limit leaves the old file or the new one, never half.
public enum AtomicFile {
    /// Replaces `path` with `data`. On failure nothing at `path` changes and the temporary file is removed.
    public static func write(_ data: Data, to path: String) throws(SaveFailure) {
        let path = absolute(path)
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SaveFailure(path: path, reason: "the folder \(folder) could not be made")
            }
        }
        let temporary = temporaryPath(for: path, process: getpid())
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SaveFailure(path: path, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { failure = written < 0 ? errno : ENOSPC; break }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw SaveFailure(path: path, errno: failure)
        }
        let folderDescriptor = open(folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Removes temporary files a killed process left beside `path` (`path.tmp-PID` whose process is gone).
    public static func removeStaleTemporaries(of path: String) {
        let path = absolute(path)
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder + "/" + name)
            }
        }
    }

    static func temporaryPath(for path: String, process: Int32) -> String { path + ".tmp-\(process)" }

    /// A relative path made absolute against the current folder, so its folder is never the empty string.
    public static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    /// A file size limit (`ulimit -f`) sends SIGXFSZ, which ends the process by default; ignored, the write
    /// fails with EFBIG instead and the learner is told. Call once at start.
    public static func reportFileSizeLimitsAsErrors() {
        signal(SIGXFSZ, SIG_IGN)
    }
}
