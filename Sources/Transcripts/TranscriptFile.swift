import Foundation

/// A learner's transcript on disk: one JSON record per line, only ever appended to, each line written and
/// flushed to disk as it happens so a crash loses at most the event being written.
public final class TranscriptFile {
    public let path: String
    private let signer: TranscriptSigner
    private var last: TranscriptRecord?
    private let encoder: JSONEncoder
    /// Made once: a date formatter made per record was a fifth of the class server's time for the same work.
    private let formatter = ISO8601DateFormatter()

    public init(path: String, signer: TranscriptSigner) {
        self.path = path
        self.signer = signer
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Self.cutUnfinishedRecord(in: path)
        last = Self.lastRecord(in: path)
    }

    /// A kill can stop a write part-way (Linux checks for a fatal signal between pages), leaving half a record at
    /// the end. That record was never complete, so it is cut off before anything is appended after it: the chain
    /// stays intact up to the last complete record, and the next record links to it.
    static func cutUnfinishedRecord(in path: String) {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return }
        var byte: UInt8 = 0
        guard pread(descriptor, &byte, 1, size - 1) == 1, byte != UInt8(ascii: "\n") else { return }
        // Find the last newline, reading backwards in blocks.
        var end = size
        var keep: off_t = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        search: while end > 0 {
            let start = max(0, end - off_t(buffer.count))
            let count = Int(end - start)
            guard pread(descriptor, &buffer, count, start) == count else { return }
            for index in stride(from: count - 1, through: 0, by: -1) where buffer[index] == UInt8(ascii: "\n") {
                keep = start + off_t(index) + 1
                break search
            }
            end = start
        }
        _ = ftruncate(descriptor, keep)
        fsync(descriptor)
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
        let timestamp = formatter.string(from: time)
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
