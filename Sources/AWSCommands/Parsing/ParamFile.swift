/// `file://` and `fileb://` values, read through the FileProvider (awscli/paramfile.py).
enum ParamFile {
    static let prefixes = ["file://", "fileb://"]

    /// The file's contents when `value` names one, nil when it is an ordinary value.
    static func resolve(_ value: String, files: some FileProvider) throws(ParamFileFailure) -> String? {
        guard let prefix = prefixes.first(where: { value.hasPrefix($0) }) else { return nil }
        let path = String(value.dropFirst(prefix.count))
        if prefix == "fileb://", let contents = files.binaryContents(ofFile: path) { return contents }
        if let contents = files.contents(ofFile: path) { return contents }
        if files.bytes(ofFile: path) != nil {
            // awscli's paramfile.get_file, on a UnicodeDecodeError.
            throw ParamFileFailure(message: "Unable to load paramfile (\(path)), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.")
        }
        throw ParamFileFailure(message: "Unable to load paramfile \(value): [Errno 2] No such file or directory: \(PythonText.stringRepr(path))")
    }
}

struct ParamFileFailure: Error {
    let message: String
}
