import Foundation
import SavedFiles

/// Where a learner's progress and history live: `<data dir>/learners/<name>/`. Saves are atomic (write a temporary
/// file, fsync it, rename it over the old one, fsync the folder), so a kill or a power cut leaves either the old
/// file or the new one, never half of one.
public struct ProgressStore: Sendable {
    public enum LoadResult: Sendable, Equatable {
        case fresh
        case loaded(LearnerProgress)
        /// Written by a newer RoleCall: loaded as far as this version understands it, the original kept beside it.
        case loadedFromNewerVersion(LearnerProgress, notice: String)
        /// The file could not be read; it was moved to `backup` and the learner starts fresh.
        case recovered(backup: String, reason: String)
    }

    public let directory: String

    public init(dataDirectory: String, learner: String) {
        let learners = dataDirectory + "/learners/"
        // A name like `.ana` had the folder `learners/.ana` before folders stopped starting with a dot: it is kept
        // where it is rather than lost to a new `_ana`.
        if let before = LearnerFolder.legacyFolder(of: learner), FileManager.default.fileExists(atPath: learners + before) {
            directory = learners + before
        } else {
            directory = learners + Self.folderName(of: learner)
        }
    }

    /// A learner's folder (the rule is `LearnerFolder`'s, which grading reads too).
    static func folderName(of learner: String) -> String { LearnerFolder.name(of: learner) }

    public var progressPath: String { directory + "/progress.json" }
    public var historyPath: String { directory + "/history" }

    /// `$XDG_DATA_HOME/rolecall`, else `~/.local/share/rolecall`.
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DataFolder.path(environment: environment)
    }

    public func load() -> LoadResult {
        let manager = FileManager.default
        AtomicFile.removeStaleTemporaries(of: progressPath)
        guard manager.fileExists(atPath: progressPath) else { return .fresh }
        guard let data = manager.contents(atPath: progressPath) else {
            return .recovered(backup: progressPath, reason: "the file is not readable")
        }
        do throws(TolerantDecoder.Failure) {
            var loaded = try SavedFormat.decode(LearnerProgress.self, from: data)
            var progress = loaded.value
            let olderSandboxes = progress.migrateSandboxes()
            loaded.unknownFields.removeAll { field in olderSandboxes.contains { field.hasPrefix("sandboxes.\($0).") } }
            if loaded.isFromNewerVersion {
                return .loadedFromNewerVersion(progress, notice: SavedFormat.preserveNewer(loaded, name: LearnerProgress.formatName, at: progressPath))
            }
            return .loaded(progress)
        } catch {
            let backup = progressPath + ".broken-\(Int(Date().timeIntervalSince1970))"
            try? manager.moveItem(atPath: progressPath, toPath: backup)
            return .recovered(backup: backup, reason: error.description)
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
