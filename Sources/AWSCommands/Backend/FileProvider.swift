/// Read access to the learner's files, for `file://`, `fileb://`, `--body` and `aws s3 cp` uploads.
/// Paths are as typed, relative to the learner's working folder.
public protocol FileProvider {
    /// The file as text; nil when it does not exist or is not UTF-8.
    func contents(ofFile path: String) -> String?
    /// The file's bytes, text or not; nil when it does not exist.
    func bytes(ofFile path: String) -> [UInt8]?
}

extension FileProvider {
    public func bytes(ofFile path: String) -> [UInt8]? { contents(ofFile: path).map { Array($0.utf8) } }

    /// A file read as bytes (`fileb://`, `--body`, `aws s3 cp`): the sandbox keeps blobs as text, so bytes that
    /// are not UTF-8 are kept with replacement characters. nil when the file does not exist.
    func binaryContents(ofFile path: String) -> String? {
        contents(ofFile: path) ?? bytes(ofFile: path).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A FileProvider that can also list a folder, which `aws s3 cp --recursive` needs for uploads.
/// Optional: without it, recursive uploads report that the folder does not exist.
public protocol FolderListingFileProvider: FileProvider {
    /// Paths of every file below `folder` (recursively), relative to `folder`; nil when it is not a folder.
    func files(inFolder folder: String) -> [String]?
}
