import Foundation
import SandboxShell

/// The current folder on disk, for `rolecall aws` run from the learner's own shell.
struct RealFolder: ExternalFolder {
    let root: String

    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : root + "/" + path
    }

    func contents(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: resolve(path)) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    func bytes(ofFile path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: resolve(path)).map { [UInt8]($0) }
    }

    func write(_ contents: String, to path: String) -> String? {
        guard FileManager.default.createFile(atPath: resolve(path), contents: Data(contents.utf8)) else {
            return "rolecall: could not write \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    func fileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}
