/// `file://` and `fileb://` values, read through the FileProvider (awscli/paramfile.py).
enum ParamFile {
    static let prefixes = ["file://", "fileb://"]

    /// The file's contents when `value` names one, nil when it is an ordinary value.
    static func resolve(_ value: String, files: some FileProvider) throws(ParamFileFailure) -> String? {
        guard let prefix = prefixes.first(where: { value.hasPrefix($0) }) else { return nil }
        let path = String(value.dropFirst(prefix.count))
        guard let contents = files.contents(ofFile: path) else {
            throw ParamFileFailure(message: "Unable to load paramfile \(value): [Errno 2] No such file or directory: \(PythonText.stringRepr(path))")
        }
        return contents
    }
}

struct ParamFileFailure: Error {
    let message: String
}
