import Foundation
import Sandbox
import Transcripts

/// Accepting a learner's records, exactly once. A learner's `rolecall` sends the lines of its transcript that the
/// server does not hold yet; the server checks that they continue the chain it holds (so nothing it holds can be
/// rewritten, and nothing can be left out), recognises a resend of what it already holds (a lost reply), and
/// re-records each event in its own chain, with its own time and its own signature: that copy is the class's.
public enum Intake {
    /// What the server holds of a learner: the last record's number and the learner's hash of it, and the
    /// server's own record of it (the next server record is chained to it).
    public struct Tail: Sendable {
        public var seq: Int
        public var learnerHash: String
        public var serverRecord: TranscriptRecord

        public init(seq: Int, learnerHash: String, serverRecord: TranscriptRecord) {
            self.seq = seq
            self.learnerHash = learnerHash
            self.serverRecord = serverRecord
        }
    }

    /// Why a batch is refused. The client is told which record and what the server expects next.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadable(line: Int)
        /// A record the server already holds, sent again with different content.
        case rewritten(seq: Int)
        /// Records missing between what the server holds and what was sent.
        case gap(expected: Int, received: Int)
        /// A record whose hash does not match its content or that does not follow the one before it.
        case broken(seq: Int, detail: String)
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .unreadable(let line): "line \(line) of the request is not a transcript record"
            case .rewritten(let seq): "event \(seq) is already held with different content; held events cannot be changed"
            case .gap(let expected, let received): "event \(received) was sent but event \(expected) is the next the server expects"
            case .broken(_, let detail): detail
            case .tooLarge(let limit): "at most \(limit) events can be sent at once"
            }
        }
    }

    public struct Outcome: Equatable, Sendable {
        public var accepted: [StoredEvent]
        /// The learner's records of the accepted events.
        public var records: [TranscriptRecord]
        /// The server's records of them (what `accepted` holds as lines), for the live view.
        public var serverRecords: [TranscriptRecord]
        public var duplicates: Int
        /// The number of the next record the server expects from this learner.
        public var nextSeq: Int
    }

    public static let batchLimit = 1000

    /// Judges a batch of transcript lines against what is held. `heldHash` gives the learner's hash of a record
    /// already held (for recognising a resend). `signer` is the class's signer; `now` the server's clock.
    public static func judge(_ data: Data, tail: Tail?, heldHash: (Int) throws -> String?, signer: TranscriptSigner,
                             now: Date) rethrows -> Result<Outcome, Refusal> {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .filter { !$0.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") } }
        guard lines.count <= batchLimit else { return .failure(.tooLarge(limit: batchLimit)) }
        let held = tail?.seq ?? 0
        var duplicates = 0
        var fresh = Data()
        var freshRecords: [TranscriptRecord] = []
        for (index, line) in lines.enumerated() {
            guard let record = TranscriptRecord(line: Array(line)) else {
                return .failure(.unreadable(line: index + 1))
            }
            if record.seq <= held {
                guard freshRecords.isEmpty, try heldHash(record.seq) == record.hash else { return .failure(.rewritten(seq: record.seq)) }
                duplicates += 1
                continue
            }
            fresh.append(contentsOf: line)
            fresh.append(UInt8(ascii: "\n"))
            freshRecords.append(record)
        }
        if let first = freshRecords.first, first.seq != held + 1 {
            return .failure(.gap(expected: held + 1, received: first.seq))
        }

        // The chain rules are the transcript verifier's: each record's hash matches its content and links to the
        // one before, starting from the last record held.
        let audit = TranscriptVerifier.verify(fresh, signer: TranscriptSigner(secret: nil),
                                              continuing: tail.map { ($0.seq, $0.learnerHash) })
        if let problem = audit.problems.first {
            return .failure(.broken(seq: freshRecords[problem.line - 1].seq, detail: problem.detail))
        }

        let time = timestamp(now)
        let receivedAt = Int64(now.timeIntervalSince1970)
        var last = tail?.serverRecord
        var accepted: [StoredEvent] = []
        var serverRecords: [TranscriptRecord] = []
        for record in audit.records {
            let serverRecord = signer.record(record.event, time: time, after: last)
            accepted.append(StoredEvent(seq: record.seq, learnerHash: record.hash, receivedAt: receivedAt, line: encode(serverRecord)))
            serverRecords.append(serverRecord)
            last = serverRecord
        }
        return .success(Outcome(accepted: accepted, records: audit.records, serverRecords: serverRecords, duplicates: duplicates,
                                nextSeq: (audit.records.last?.seq ?? held) + 1))
    }

    /// A transcript line as `TranscriptFile` writes it (sorted keys, slashes unescaped), so the server's copy
    /// verifies with `rolecall grade` exactly as a learner's file does.
    public static func encode(_ record: TranscriptRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as the tutor writes record times (a date formatter per record was a fifth of the
    /// server's time).
    public static func timestamp(_ date: Date) -> String {
        SandboxClock.iso8601Zulu(Int(date.timeIntervalSince1970.rounded(.down)))
    }
}
