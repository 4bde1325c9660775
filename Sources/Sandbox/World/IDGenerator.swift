import AWSModel
import Crypto

/// Deterministic identifiers: the same sequence of commands yields the same ids, so sessions replay exactly.
/// Ids keep AWS's shapes (AKIA… access keys, AROA… role ids, i-… instance ids) because the course teaches them.
public struct IDGenerator: Codable, Hashable, Sendable {
    private var counter: UInt64

    public init(seed: UInt64 = 0) {
        counter = seed
    }

    /// As bytes: ids are built byte by byte (appending Characters was most of the cost of a session token).
    private static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// SplitMix64: a tiny, well-mixed generator, so consecutive ids do not look alike.
    private mutating func next() -> UInt64 {
        counter &+= 0x9E37_79B9_7F4A_7C15
        var z = counter
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func characters(_ count: Int, from alphabet: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var bits = next()
        var available = 64
        let width = alphabet.count == 16 ? 4 : alphabet.count == 32 ? 5 : 6
        for _ in 0..<count {
            if available < width {
                bits = next()
                available = 64
            }
            result.append(alphabet[Int(bits & UInt64(alphabet.count - 1))])
            bits >>= UInt64(width)
            available -= width
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// An IAM unique id or access key id: a four-letter prefix (AKIA, ASIA, AIDA, AROA, ANPA, AIPA) and 16 more.
    public mutating func uniqueID(prefix: String) -> String {
        prefix + characters(16, from: Self.upperAlphanumerics)
    }

    public mutating func secretAccessKey() -> String {
        characters(40, from: Self.base64Alphabet)
    }

    public mutating func sessionToken() -> String {
        "IQoJb3JpZ2luX2VjE" + characters(140, from: Self.base64Alphabet)
    }

    public mutating func hex(_ count: Int) -> String {
        characters(count, from: Self.hexDigits)
    }

    public mutating func uuid() -> String {
        var digits = Array(hex(32).utf8)
        for position in [20, 16, 12, 8] { digits.insert(UInt8(ascii: "-"), at: position) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// A UUID-shaped digest of `text`: an id that follows from what it names (a function configuration's revision,
    /// a failed deletion's request) and draws nothing from the sequence, so the ids after it stay what they were.
    public static func uuid(digesting text: String) -> String {
        var digits = Array(Checksums.hex(SHA256.hash(data: Array(text.utf8)).prefix(16)).utf8)
        for position in [20, 16, 12, 8] { digits.insert(UInt8(ascii: "-"), at: position) }
        return String(decoding: digits, as: UTF8.self)
    }
}
