import Crypto
import Foundation

/// Makes and checks the hash chain and signatures of transcript records. (SymmetricKey is immutable once made,
/// which is why sharing a signer across threads is safe although the type does not say so.)
public struct TranscriptSigner: @unchecked Sendable {
    private let key: SymmetricKey?
    /// HMAC state with the key already absorbed: copying it for each record skips redoing the key schedule,
    /// which was a fifth of the cost of checking a record.
    private let keyed: HMAC<SHA256>?

    /// `secret` is the instructor's grading key; without it records are chained but not signed.
    public init(secret: String?) {
        key = secret.flatMap { $0.isEmpty ? nil : SymmetricKey(data: Data($0.utf8)) }
        keyed = key.map { HMAC<SHA256>(key: $0) }
    }

    public var signs: Bool { key != nil }

    /// The grading key from `ROLECALL_GRADING_KEY`, or from the file named by `ROLECALL_GRADING_KEY_FILE`.
    public static func configuredSecret(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        try? secretSetting(environment: environment).get()
    }

    /// The grading key, nil when none is set, or why the one set cannot be used: a key file that is missing,
    /// unreadable or empty. (Grading without the key the instructor meant would let forged events through.)
    public static func secretSetting(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String?, KeyFileProblem> {
        if let secret = environment["ROLECALL_GRADING_KEY"], !secret.isEmpty { return .success(secret) }
        guard let path = environment["ROLECALL_GRADING_KEY_FILE"], !path.isEmpty else { return .success(nil) }
        switch TranscriptSet.read(path) {
        case .failure(let failure):
            return .failure(KeyFileProblem(message: "ROLECALL_GRADING_KEY_FILE names \(path), which cannot be read (\(failure.reason)); without the key, forged events would not be detected"))
        case .success(let data):
            let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !secret.isEmpty else {
                return .failure(KeyFileProblem(message: "ROLECALL_GRADING_KEY_FILE names \(path), which is empty; without the key, forged events would not be detected"))
            }
            return .success(secret)
        }
    }

    public struct KeyFileProblem: Error, Sendable {
        public var message: String
    }

    static func canonicalBytes(_ content: TranscriptRecord.Content) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(content)) ?? Data()
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex, built byte by byte: formatting each byte through `String(format:)` dominated grading time.
    public static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Whether `text` is the lower-case hex of `bytes`, compared in place rather than by making the hex text.
    static func isHex(_ text: String, of bytes: some ContiguousBytes) -> Bool {
        var text = text
        return text.withUTF8 { characters in
            bytes.withUnsafeBytes { raw in
                guard characters.count == raw.count * 2 else { return false }
                return hexDigits.withUnsafeBufferPointer { digits in
                    for index in 0..<raw.count {
                        let byte = raw[index]
                        guard characters[2 * index] == digits[Int(byte >> 4)], characters[2 * index + 1] == digits[Int(byte & 0x0F)] else { return false }
                    }
                    return true
                }
            }
        }
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

    /// Whether the record's own hash matches its content, given its canonical bytes.
    func hashIsIntact(_ record: TranscriptRecord, canonical: [UInt8]) -> Bool {
        Self.isHex(record.hash, of: SHA256.hash(data: canonical))
    }

    /// Whether the record carries a valid signature (only meaningful with a key).
    func signatureIsValid(_ record: TranscriptRecord, canonical: [UInt8]) -> Bool {
        guard let mac = record.mac, var hmac = keyed else { return false }
        hmac.update(data: canonical)
        return Self.isHex(mac, of: hmac.finalize())
    }

    /// The canonical bytes of a record as it was written: the line without its `hash` and `mac` members. The
    /// writer encodes records with sorted keys, so removing those two members leaves exactly the encoding of the
    /// content that was hashed; any other change to the line changes these bytes. (Inside the event, quotes are
    /// escaped, so the members' text cannot occur there.)
    static func canonicalBytes(ofLine line: ArraySlice<UInt8>) -> [UInt8] {
        // The last `mac` member, then the last `hash` member of what is left (after `mac` first, then before it),
        // each up to its closing quote; the bytes between them are copied once, straight from the line. (The
        // markers are made once: building them per record was a tenth of the cost of checking one.)
        func member(_ marker: [UInt8], in range: Range<Int>) -> ClosedRange<Int>? {
            guard let start = lastIndex(of: marker, in: line[range]),
                  let end = line[(start + marker.count)..<range.upperBound].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return start...end
        }
        let whole = line.startIndex..<line.endIndex
        let mac = member(macMarker, in: whole)
        let hash: ClosedRange<Int>?
        if let mac {
            hash = member(hashMarker, in: (mac.upperBound + 1)..<line.endIndex) ?? member(hashMarker, in: line.startIndex..<mac.lowerBound)
        } else {
            hash = member(hashMarker, in: whole)
        }
        let removed = [mac, hash].compactMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        var canonical: [UInt8] = []
        canonical.reserveCapacity(line.count)
        var kept = line.startIndex
        for range in removed {
            canonical.append(contentsOf: line[kept..<range.lowerBound])
            kept = range.upperBound + 1
        }
        canonical.append(contentsOf: line[kept...])
        return canonical
    }

    /// Where the members `canonicalBytes(ofLine:)` removes begin.
    private static let macMarker = Array(#","mac":""#.utf8)
    private static let hashMarker = Array(#","hash":""#.utf8)

    /// Whether any of a word's eight bytes is zero ("Bit Twiddling Hacks"; exact as a yes or no).
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    private static func lastIndex(of marker: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= marker.count, let first = marker.first else { return nil }
        let firsts = 0x0101_0101_0101_0101 &* UInt64(first)
        return bytes.withUnsafeBufferPointer { buffer in
            marker.withUnsafeBufferPointer { marker in
                var index = buffer.count - marker.count
                candidates: while index >= 0 {
                    defer { index -= 1 }
                    // Back eight bytes at a time while none of them is the marker's first: a marker's comma is rare
                    // in a line, and looking at each byte was most of the cost of finding the members.
                    if let base = buffer.baseAddress {
                        while index >= 7, !Self.hasZeroByte(UnsafeRawPointer(base + index - 7).loadUnaligned(as: UInt64.self) ^ firsts) { index -= 8 }
                        guard index >= 0 else { return nil }
                    }
                    guard buffer[index] == first else { continue }
                    for offset in 1..<marker.count where buffer[index + offset] != marker[offset] { continue candidates }
                    return bytes.startIndex + index
                }
                return nil
            }
        }
    }
}
