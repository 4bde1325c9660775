import Crypto
import Foundation
import Tutor

/// Makes and checks the hash chain and signatures of transcript records. (SymmetricKey is immutable once made,
/// which is why sharing a signer across threads is safe although the type does not say so.)
public struct TranscriptSigner: @unchecked Sendable {
    private let key: SymmetricKey?

    /// `secret` is the instructor's grading key; without it records are chained but not signed.
    public init(secret: String?) {
        key = secret.flatMap { $0.isEmpty ? nil : SymmetricKey(data: Data($0.utf8)) }
    }

    public var signs: Bool { key != nil }

    /// The grading key from `ROLECALL_GRADING_KEY`, or from the file named by `ROLECALL_GRADING_KEY_FILE`.
    public static func configuredSecret(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let secret = environment["ROLECALL_GRADING_KEY"], !secret.isEmpty { return secret }
        if let path = environment["ROLECALL_GRADING_KEY_FILE"], let data = FileManager.default.contents(atPath: path) {
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }

    static func canonicalBytes(_ content: TranscriptRecord.Content) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(content)) ?? Data()
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The next record after `previous` (nil for the first), chained and, with a key, signed.
    public func record(_ event: LearningEvent, time: String, after previous: TranscriptRecord?) -> TranscriptRecord {
        let content = TranscriptRecord.Content(seq: (previous?.seq ?? 0) + 1, time: time, event: event, prev: previous?.hash ?? "")
        let bytes = Self.canonicalBytes(content)
        return TranscriptRecord(seq: content.seq, time: time, event: event, prev: content.prev,
                                hash: Self.hex(SHA256.hash(data: bytes)), mac: signature(of: bytes))
    }

    func signature(of bytes: Data) -> String? {
        guard let key else { return nil }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
    }

    /// Whether the record's own hash matches its content.
    func hashIsIntact(_ record: TranscriptRecord) -> Bool {
        Self.hex(SHA256.hash(data: Self.canonicalBytes(record.canonicalContent))) == record.hash
    }

    /// Whether the record carries a valid signature (only meaningful with a key).
    func signatureIsValid(_ record: TranscriptRecord) -> Bool {
        guard let mac = record.mac, let expected = signature(of: Self.canonicalBytes(record.canonicalContent)) else { return false }
        return mac == expected
    }
}
