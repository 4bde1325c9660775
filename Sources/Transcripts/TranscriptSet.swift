import Foundation

/// Finds transcripts among the paths an instructor names: files, or folders searched for `transcript.jsonl`.
public enum TranscriptSet {
    public struct Entry: Sendable {
        public var path: String
        /// The learner's name: the folder holding the transcript (as the tutor lays them out), or the file name.
        public var learner: String

        /// Whether the file sits in a learner's folder as the tutor writes it (`…/NAME/transcript.jsonl`).
        public var isInLearnerFolder: Bool { URL(fileURLWithPath: path).lastPathComponent == "transcript.jsonl" }
    }

    public static func find(_ paths: [String]) -> (entries: [Entry], missing: [String]) {
        var entries: [Entry] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                entries.append(Entry(path: path, learner: learnerName(for: path)))
                continue
            }
            let enumerator = manager.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".jsonl") { found.append(path + "/" + relative) }
            }
            entries += found.sorted().map { Entry(path: $0, learner: learnerName(for: $0)) }
        }
        return (entries, missing)
    }

    static func learnerName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.lastPathComponent == "transcript.jsonl" ? url.deletingLastPathComponent().lastPathComponent : url.deletingPathExtension().lastPathComponent
    }
}
