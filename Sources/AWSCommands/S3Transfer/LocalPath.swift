/// Local paths as the `aws s3` commands print and use them. The module has no file system, so a folder is
/// recognised by its spelling: ".", "..", or a trailing "/".
enum LocalPath {
    /// awscli's relative_path(): a file in the working folder prints as "./name".
    static func display(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed.contains("/") ? trimmed : "./" + trimmed
    }

    static func isFolder(_ path: String) -> Bool {
        path == "." || path == ".." || path.hasSuffix("/")
    }

    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func baseName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// Python's mimetypes.guess_type for the extensions a course uses; unknown types send no ContentType.
    static func guessedContentType(_ path: String) -> String? {
        let types = [
            "txt": "text/plain", "json": "application/json", "html": "text/html", "htm": "text/html",
            "csv": "text/csv", "xml": "application/xml", "png": "image/png", "jpg": "image/jpeg",
            "jpeg": "image/jpeg", "gif": "image/gif", "zip": "application/zip", "pdf": "application/pdf",
            "js": "text/javascript", "css": "text/css", "py": "text/x-python", "sh": "application/x-sh",
        ]
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return types[path[path.index(after: dot)...].lowercased()]
    }
}
