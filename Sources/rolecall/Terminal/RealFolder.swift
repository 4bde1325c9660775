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

    func write(_ contents: String, to path: String, makingFolders: Bool) -> String? {
        // A download into folders that do not exist yet makes them, as `aws s3 cp` does.
        let folder = (resolve(path) as NSString).deletingLastPathComponent
        if makingFolders, !folder.isEmpty, (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) == nil {
            return "rolecall: could not make the folder \((path as NSString).deletingLastPathComponent) for \(path): \(String(cString: strerror(errno)))"
        }
        guard FileManager.default.createFile(atPath: resolve(path), contents: Data(contents.utf8)) else {
            return "rolecall: could not write \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    func files(inFolder folder: String) -> [String]? {
        let base = resolve(folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isFolder), isFolder.boolValue,
              let walker = FileManager.default.enumerator(atPath: base) else { return nil }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var entryIsFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &entryIsFolder), !entryIsFolder.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    func fileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}
