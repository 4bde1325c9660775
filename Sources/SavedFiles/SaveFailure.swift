#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written or locked, in words a learner can act on. The previous save is always kept.
public struct SaveFailure: Error, Equatable, Sendable {
    public let path: String
    /// What the system said, e.g. "No space left on device".
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: Self.describe(errno: code))
    }

    /// The system's words for an errno, with a hint for the failures a learner can fix.
    static func describe(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT: return "\(text): the disk is full"
        case EFBIG: return "\(text): the file size limit (ulimit -f) was reached"
        case EACCES, EPERM: return "\(text): the folder is not writable by you"
        case EROFS: return "\(text): the folder is on a read-only file system"
        default: return text
        }
    }

    public var message: String { "could not save \(path): \(reason); the previous save is kept" }
}
