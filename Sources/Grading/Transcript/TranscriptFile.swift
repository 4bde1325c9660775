import Foundation
import Tutor

/// A learner's transcript on disk: one JSON record per line, only ever appended to, each line written and
/// flushed to disk as it happens so a crash loses at most the event being written.
public final class TranscriptFile {
    public let path: String
    private let signer: TranscriptSigner
    private var last: TranscriptRecord?
    private let encoder: JSONEncoder

    public init(path: String, signer: TranscriptSigner) {
        self.path = path
        self.signer = signer
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        last = Self.lastRecord(in: path)
    }

    /// The last intact record, to chain the next one to when a session resumes an existing transcript.
    static func lastRecord(in path: String) -> TranscriptRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")).reversed() {
            if let record = try? decoder.decode(TranscriptRecord.self, from: Data(line)) { return record }
        }
        return nil
    }

    /// Appends events; returns a message if the file cannot be written (the session goes on without it).
    public func append(_ events: [LearningEvent], at time: Date = Date()) -> String? {
        guard !events.isEmpty else { return nil }
        let timestamp = ISO8601DateFormatter().string(from: time)
        var lines = Data()
        var newLast = last
        for event in events {
            let record = signer.record(event, time: timestamp, after: newLast)
            guard let encoded = try? encoder.encode(record) else { continue }
            lines.append(encoded)
            lines.append(UInt8(ascii: "\n"))
            newLast = record
        }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            return "rolecall: cannot write the transcript \(path): \(String(cString: strerror(errno))); these events are not recorded"
        }
        defer { close(descriptor) }
        let sizeBefore = lseek(descriptor, 0, SEEK_END)
        let written = lines.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let failure = written < 0 ? errno : (written == lines.count ? 0 : ENOSPC)
        guard failure == 0, fsync(descriptor) == 0 || errno == EINVAL else {
            // Cut a half-written record off again, so the chain stays intact and the next append links to the
            // last record that is really there.
            if sizeBefore >= 0 { _ = ftruncate(descriptor, sizeBefore) }
            return "rolecall: the transcript \(path) could not be written (\(String(cString: strerror(failure == 0 ? errno : failure)))); these events are not recorded"
        }
        last = newLast
        return nil
    }
}
