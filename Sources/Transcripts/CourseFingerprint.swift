import Crypto
import Foundation

/// A hash of the course's files, recorded when a session starts, so a grader can tell which version of the
/// lessons a transcript was made with.
public enum CourseFingerprint {
    public static func of(directory: String) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }
            .sorted()
        var hasher = SHA256()
        for name in names {
            hasher.update(data: Data(name.utf8))
            hasher.update(data: FileManager.default.contents(atPath: directory + "/" + name) ?? Data())
        }
        return "sha256:" + TranscriptSigner.hex(hasher.finalize()).prefix(16)
    }
}
