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

    public struct Found: Sendable {
        /// Each transcript once, however many times the paths reach it (a folder and a file in it, a folder twice).
        public var entries: [Entry] = []
        /// Paths that name nothing.
        public var missing: [String] = []
        /// Folders that could not be searched, with why: their transcripts are not among the entries.
        public var unsearchable: [(path: String, reason: String)] = []
    }

    public static func find(_ paths: [String]) -> Found {
        var found = Found()
        var seen = Set<String>()
        func add(_ path: String) {
            // One path reached twice (a folder and a file in it) is graded once: twice, it made two rows. (Links
            // are not followed here: two learners' folders linking to one file are two rows, one of them misplaced.)
            guard seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted else { return }
            found.entries.append(Entry(path: path, learner: learnerName(for: path)))
        }
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                found.missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                add(path)
                continue
            }
            // A folder that cannot be read is said, not skipped: skipped, its learners were simply not in the grades.
            let root = URL(fileURLWithPath: path)
            var transcripts: [String] = []
            let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: nil, options: []) { url, error in
                found.unsearchable.append((url.path, Self.reason(error)))
                return true
            }
            let prefix = root.standardizedFileURL.path
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "jsonl" else { continue }
                let full = url.standardizedFileURL.path
                // Named as the instructor named the folder, as before: `DIR/NAME/transcript.jsonl`.
                transcripts.append(full.hasPrefix(prefix + "/") ? path + full.dropFirst(prefix.count) : full)
            }
            for transcript in transcripts.sorted() { add(transcript) }
        }
        return found
    }

    /// A transcript's bytes, or why they cannot be read (a file the grader may not open, a folder named `.jsonl`):
    /// read as nothing, it graded as a learner who had done nothing, with nothing wrong.
    public static func read(_ path: String) -> Result<Data, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(reason: String(cString: strerror(errno)))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return .success(try handle.readToEnd() ?? Data())
        } catch {
            return .failure(ReadFailure(reason: Self.reason(error)))
        }
    }

    public struct ReadFailure: Error, Sendable {
        public var reason: String
    }

    /// What the system said, without Foundation's wrapping.
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying.map(\.code) ?? ((error as NSError).domain == NSPOSIXErrorDomain ? (error as NSError).code : nil) {
            return String(cString: strerror(Int32(code)))
        }
        return "it could not be read"
    }

    static func learnerName(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.lastPathComponent == "transcript.jsonl" ? url.deletingLastPathComponent().lastPathComponent : url.deletingPathExtension().lastPathComponent
    }
}
