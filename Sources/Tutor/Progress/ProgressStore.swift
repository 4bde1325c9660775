import Foundation
import SavedFiles

/// Where a learner's progress and history live: `<data dir>/learners/<name>/`. Saves are atomic (write a temporary
/// file, fsync it, rename it over the old one, fsync the folder), so a kill or a power cut leaves either the old
/// file or the new one, never half of one.
public struct ProgressStore: Sendable {
    public enum LoadResult: Sendable, Equatable {
        case fresh
        case loaded(LearnerProgress)
        /// The file could not be read; it was moved to `backup` and the learner starts fresh.
        case recovered(backup: String, reason: String)
    }

    public let directory: String

    public init(dataDirectory: String, learner: String) {
        let safeName = String(learner.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        directory = dataDirectory + "/learners/" + (safeName.isEmpty ? "learner" : safeName)
    }

    public var progressPath: String { directory + "/progress.json" }
    public var historyPath: String { directory + "/history" }

    /// `$XDG_DATA_HOME/rolecall`, else `~/.local/share/rolecall`.
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/rolecall" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/rolecall"
    }

    public func load() -> LoadResult {
        let manager = FileManager.default
        AtomicFile.removeStaleTemporaries(of: progressPath)
        guard manager.fileExists(atPath: progressPath) else { return .fresh }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: progressPath))
            let progress = try JSONDecoder().decode(LearnerProgress.self, from: data)
            guard progress.formatVersion <= LearnerProgress.formatVersion else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "it was written by a newer RoleCall (format \(progress.formatVersion))"])
            }
            return .loaded(progress)
        } catch {
            let backup = progressPath + ".broken-\(Int(Date().timeIntervalSince1970))"
            try? manager.moveItem(atPath: progressPath, toPath: backup)
            let reason = (error as? DecodingError).map(Self.describe) ?? error.localizedDescription
            return .recovered(backup: backup, reason: reason)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): return "the file is not valid progress data (\(context.debugDescription))"
        case .keyNotFound(let key, _): return "the file lacks '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected data at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "the file is not valid progress data"
        }
    }

    public func save(_ progress: LearnerProgress) throws(SaveFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(progress) else {
            throw SaveFailure(path: progressPath, reason: "the progress holds a value that cannot be written")
        }
        try AtomicFile.write(data, to: progressPath)
    }
}
