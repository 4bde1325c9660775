/// A file a command wants written to the learner's working folder (downloads, `get-object` and `invoke` outfiles).
///
/// The module never touches the file system; the caller applies these after the command returns.
public struct WrittenFile: Equatable, Sendable {
    /// As the learner typed it, relative to the working folder (e.g. "./a.txt" or "out/a.txt").
    public var path: String
    public var contents: String
    /// Whether the folders on the way are made when missing, as `aws s3 cp` downloads make them (a service's
    /// outfile, like a shell redirection, needs its folder to exist).
    public var makesFolders: Bool

    public init(path: String, contents: String, makesFolders: Bool = false) {
        self.path = path
        self.contents = contents
        self.makesFolders = makesFolders
    }
}
