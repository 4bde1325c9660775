/// Read access to the learner's files, for `file://`, `fileb://`, `--body` and `aws s3 cp` uploads.
/// Paths are as typed, relative to the learner's working folder.
public protocol FileProvider {
    func contents(ofFile path: String) -> String?
}

/// A FileProvider that can also list a folder, which `aws s3 cp --recursive` needs for uploads.
/// Optional: without it, recursive uploads report that the folder does not exist.
public protocol FolderListingFileProvider: FileProvider {
    /// Paths of every file below `folder` (recursively), relative to `folder`; nil when it is not a folder.
    func files(inFolder folder: String) -> [String]?
}
