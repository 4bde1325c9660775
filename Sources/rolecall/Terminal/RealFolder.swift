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

    func write(_ contents: String, to path: String) -> String? {
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: resolve(path)))
            return nil
        } catch {
            return "rolecall: could not write \(path): \(error.localizedDescription)"
        }
    }
}
