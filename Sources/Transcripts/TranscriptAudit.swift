import Foundation
import PositionedJSON

/// What checking a transcript found: the records that can be trusted, and every sign of tampering.
public struct TranscriptAudit: Sendable {
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case unreadable, edited, forged, reordered, removed
            /// The file itself could not be read (no permission, not a file): nothing in it is counted.
            case inaccessible
            /// The transcript names another learner than the one whose folder holds it: a copy.
            case misplaced
        }

        public var kind: Kind
        /// The line of the file (1-based) where the problem shows.
        public var line: Int
        public var detail: String

        /// `line 3: edited: …`; a problem with the whole file (line 0) names no line.
        public var description: String { line == 0 ? "\(kind.rawValue): \(detail)" : "line \(line): \(kind.rawValue): \(detail)" }

        public init(kind: Kind, line: Int, detail: String) {
            self.kind = kind
            self.line = line
            self.detail = detail
        }
    }

    public var records: [TranscriptRecord]
    public var problems: [Problem]
    public var wasSigned: Bool
    /// The line of the file (1-based) each trusted record is on, for problems found after checking.
    public var recordLines: [Int] = []

    /// A transcript whose file could not be read at all: nothing counted, and the reason as its one problem.
    public static func inaccessible(_ reason: String, wasSigned: Bool) -> TranscriptAudit {
        TranscriptAudit(records: [], problems: [.init(kind: .inaccessible, line: 0, detail: "the file could not be read: \(reason)")], wasSigned: wasSigned)
    }
}

/// Checks a transcript's hash chain and, with the instructor's key, its signatures. Records that fail are not
/// counted; records after a gap are, because their own hash and signature still vouch for them.
public enum TranscriptVerifier {
    /// `continuing` is the sequence number and hash of the record the data follows, for a part of a transcript
    /// sent on its own (a class server receiving a learner's new records); nil for a whole transcript.
    public static func verify(_ data: Data, signer: TranscriptSigner, continuing tail: (seq: Int, hash: String)? = nil) -> TranscriptAudit {
        var audit = TranscriptAudit(records: [], problems: [], wasSigned: signer.signs)
        let bytes = [UInt8](data)
        let lines = lineRanges(of: bytes)
        var decoded = decode(bytes, lines: lines)

        // The last record read, trusted or not: an edited record still occupies its place in the sequence, so the
        // record after it is judged against it and the one edit is not also reported as a removal.
        var previous: (seq: Int, hash: String)? = tail
        var seen = Set<Int>()
        for (index, range) in lines.enumerated() {
            let lineNumber = index + 1
            if bytes[range].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            // Moved out of the table rather than copied: a record holds a dozen strings, each copy counts them all.
            guard let record = decoded[index].take() else {
                audit.problems.append(.init(kind: .unreadable, line: lineNumber, detail: "not a transcript record"))
                continue
            }
            if seen.contains(record.seq) || record.seq <= (previous?.seq ?? 0) {
                audit.problems.append(.init(kind: .reordered, line: lineNumber, detail: "event \(record.seq) appears after event \(previous?.seq ?? 0)"))
                continue
            }
            // Only a record in order takes a place in the sequence: a reordered one must not become the record
            // the next is judged against, or a block moved back could be trusted again (found by fuzzing).
            let link = (seq: record.seq, hash: record.hash)
            defer { previous = link }
            seen.insert(record.seq)
            let canonical = TranscriptSigner.canonicalBytes(ofLine: bytes[range])
            // With a key, a valid signature already vouches for the content (and a wrong hash field would break
            // the link to the next record); without one, the hash is all there is to check.
            let signedAndValid = signer.signs && signer.signatureIsValid(record, canonical: canonical)
            guard signedAndValid || signer.hashIsIntact(record, canonical: canonical) else {
                audit.problems.append(.init(kind: .edited, line: lineNumber, detail: "event \(record.seq) does not match its hash"))
                continue
            }
            if signer.signs, !signedAndValid {
                audit.problems.append(.init(kind: .forged, line: lineNumber,
                                            detail: record.mac == nil ? "event \(record.seq) is not signed" : "event \(record.seq) has a signature the grading key did not make"))
                continue
            }
            let expected = (previous?.seq ?? 0) + 1
            if record.seq > expected {
                let missing = record.seq - expected
                audit.problems.append(.init(kind: .removed, line: lineNumber,
                                            detail: "\(missing) event\(missing == 1 ? "" : "s") missing before event \(record.seq)"))
            } else if record.prev != (previous?.hash ?? "") {
                audit.problems.append(.init(kind: .edited, line: lineNumber, detail: "event \(record.seq) does not follow event \(previous?.seq ?? 0) in the chain"))
                continue
            }
            audit.records.append(record)
            audit.recordLines.append(lineNumber)
        }
        return audit
    }

    /// Where each line of the file is, without its newline; a last line without one counts too. Found with C's
    /// `memchr`, which looks at many bytes at a time: looking at each byte of every file was a twentieth of grading.
    static func lineRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start < raw.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), raw.count - start) {
                let end = base.distance(to: UnsafeRawPointer(found))
                lines.append(start..<end)
                start = end + 1
            }
            if start < raw.count { lines.append(start..<raw.count) }
        }
        return lines
    }

    /// Reads each line as a record, or nil when it is not one.
    static func decode(_ bytes: [UInt8], lines: [Range<Int>]) -> [TranscriptRecord?] {
        lines.map { range in range.isEmpty ? nil : TranscriptRecord(line: Array(bytes[range])) }
    }
}
