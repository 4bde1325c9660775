/// An `s3://bucket/key` argument of the `aws s3` commands.
struct S3Location: Equatable {
    let bucket: String
    let key: String

    /// Nil for local paths.
    init?(_ argument: String) {
        guard argument.hasPrefix("s3://") else { return nil }
        let path = argument.dropFirst(5)
        if let slash = path.firstIndex(of: "/") {
            bucket = String(path[..<slash])
            key = String(path[path.index(after: slash)...])
        } else {
            bucket = String(path)
            key = ""
        }
    }

    init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    var uri: String { "s3://\(bucket)/\(key)" }
    var keyBaseName: String { String(key.split(separator: "/", omittingEmptySubsequences: false).last ?? "") }
}
