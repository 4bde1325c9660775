import AWSCommands

/// The learner's working folder inside the sandbox: the files a lesson seeds and those `aws s3 cp` downloads.
struct VirtualFolder: FolderListingFileProvider {
    var files: [String: String]
    /// A real folder consulted first, when the shell runs from the learner's own terminal.
    var outside: (any ExternalFolder)? = nil

    static func normalize(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }

    func contents(ofFile path: String) -> String? {
        outside?.contents(ofFile: path) ?? files[Self.normalize(path)]
    }

    func bytes(ofFile path: String) -> [UInt8]? {
        outside?.bytes(ofFile: path) ?? files[Self.normalize(path)].map { Array($0.utf8) }
    }

    /// The files below a folder: the real folder's (when the shell runs in the learner's terminal) and the ones the
    /// sandbox keeps, together.
    func files(inFolder folder: String) -> [String]? {
        let kept = keptFiles(inFolder: folder)
        guard let real = outside?.files(inFolder: folder) else { return kept }
        return Array(Set(real).union(kept ?? [])).sorted()
    }

    private func keptFiles(inFolder folder: String) -> [String]? {
        let prefix = Self.normalize(folder).isEmpty || folder == "." ? "" : Self.normalize(folder).hasSuffix("/") ? Self.normalize(folder) : Self.normalize(folder) + "/"
        let names = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        return names.isEmpty && !prefix.isEmpty ? nil : names
    }
}

/// A real folder on disk, implemented at the edge of the program (the shell itself does no file I/O).
public protocol ExternalFolder: Sendable {
    /// The file as text; nil when it does not exist or is not UTF-8.
    func contents(ofFile path: String) -> String?
    /// The file's bytes; nil when it does not exist.
    func bytes(ofFile path: String) -> [UInt8]?
    /// Writes a file, making the folders on the way when told to; returns a message when it cannot.
    func write(_ contents: String, to path: String, makingFolders: Bool) -> String?
    /// The names of the files directly in the folder, for `ls`.
    func fileNames() -> [String]
    /// Paths of every file below a folder (recursively), relative to it; nil when it is not a folder. For
    /// `aws s3 cp --recursive` uploads.
    func files(inFolder folder: String) -> [String]?
}

extension ExternalFolder {
    public func fileNames() -> [String] { [] }
    public func files(inFolder folder: String) -> [String]? { nil }
    public func bytes(ofFile path: String) -> [UInt8]? { contents(ofFile: path).map { Array($0.utf8) } }
}
