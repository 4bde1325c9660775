
/// One line of a transcript file: an event, its place in the sequence, and the hash chain (and, with an
/// instructor's key, the signature) that make edits, removals, reorderings and forgeries detectable.
public struct TranscriptRecord: Codable, Equatable, Sendable {
    public var seq: Int
    /// Wall-clock time of the event, ISO 8601 in UTC.
    public var time: String
    public var event: LearningEvent
    /// The hash of the previous record ("" for the first).
    public var prev: String
    /// SHA-256 over the record's canonical form (seq, time, event, prev).
    public var hash: String
    /// HMAC-SHA256 of the same canonical form with the instructor's key, when one is configured.
    public var mac: String?

    /// The bytes that are hashed and signed: the record without `hash` and `mac`, keys sorted.
    var canonicalContent: Content { Content(seq: seq, time: time, event: event, prev: prev) }

    struct Content: Codable {
        var seq: Int
        var time: String
        var event: LearningEvent
        var prev: String
    }
}
