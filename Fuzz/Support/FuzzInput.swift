import Foundation

/// What every fuzz target shares: turning bytes into text, stating what must hold, and, in an ordinary build,
/// replaying files (a corpus, or a crash found earlier) through the target as a regression run.
public enum FuzzInput {
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// A property that must hold for every input; a violation is a finding, so it stops the run like a crash.
    public static func expect(_ condition: @autoclosure () -> Bool, _ what: String) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz: \(what)\n".utf8))
            abort()
        }
    }

    /// Runs each file named on the command line (folders: every file in them) through `target`.
    public static func replay(_ target: (UnsafePointer<UInt8>, Int) -> CInt) {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                var bytes = [UInt8](data)
                if bytes.isEmpty { bytes = [0] }
                _ = bytes.withUnsafeBufferPointer { target($0.baseAddress!, data.count) }
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }
}
