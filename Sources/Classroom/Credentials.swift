import Crypto
import Foundation
import Transcripts

/// The secrets of a class: join codes learners type, bearer tokens for the instructor and each learner, and the
/// key the server signs its copy of every transcript with. Tokens are stored only as digests, so a copy of the
/// database does not let anyone in.
public enum Credentials {
    /// Letters and digits that cannot be misread on a projector (no 0/O, 1/I/L).
    static let codeAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A join code such as `K7QF-M2XP`: 8 characters, about 40 bits, typed once by each learner.
    public static func newJoinCode<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let characters = (0..<8).map { _ in codeAlphabet.randomElement(using: &generator)! }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    public static func newJoinCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return newJoinCode(using: &generator)
    }

    /// The code as a learner may type it: any case, with or without the dash or spaces.
    public static func normalizedJoinCode(_ typed: String) -> String {
        let letters = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == 8 else { return letters }
        return String(letters.prefix(4)) + "-" + String(letters.suffix(4))
    }

    public enum TokenKind: String, Sendable {
        case instructor = "rci"
        case learner = "rcl"
    }

    /// A bearer token: a prefix saying whose it is, then 256 random bits in URL-safe base64.
    public static func newToken(_ kind: TokenKind) -> String {
        kind.rawValue + "_" + randomText(bytes: 32)
    }

    /// A class's signing key (never leaves the server; `export` prints it for `rolecall grade` when asked).
    public static func newSigningKey() -> String { randomText(bytes: 32) }

    static func randomText(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// What is stored in place of a token: its SHA-256, hex.
    public static func digest(_ token: String) -> String {
        TranscriptSigner.hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Compares two texts in time that depends on their lengths only, not on where they first differ.
    public static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Whether `token` is the one whose digest is stored.
    public static func matches(_ token: String, digest stored: String) -> Bool {
        constantTimeEquals(digest(token), stored)
    }
}
