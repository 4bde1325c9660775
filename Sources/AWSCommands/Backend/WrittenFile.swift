/// A file a command wants written to the learner's working folder (downloads, `get-object` and `invoke` outfiles).
///
/// The module never touches the file system; the caller applies these after the command returns.
public struct WrittenFile: Equatable, Sendable {
    /// As the learner typed it, relative to the working folder (e.g. "./a.txt" or "out/a.txt").
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
