import Foundation

/// Which file a path names, however it is written (relative, `./`, through a link): two paths with one identity
/// are one file. For refusing to write a report over a file that is being read, or over a database.
public struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    /// nil when nothing is at `path` (or it cannot be looked at).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
