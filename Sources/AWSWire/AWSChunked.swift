import AWSModel
import Crypto
import Foundation

/// S3's streaming uploads (`Content-Encoding: aws-chunked`): the body in chunks, each signed in a chain from the
/// request's own signature (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) or unsigned, optionally followed by trailing
/// headers that carry the body's checksum (`…-TRAILER`, the form the SDKs use for PutObject over TLS), and the
/// checksums themselves (`x-amz-checksum-crc32` and kin, `Content-MD5`) whether sent as headers or trailers.
public enum AWSChunked {
    /// What signs the chunks: the key of the request's credential, its time and scope, and its signature.
    public struct Signing {
        let key: SymmetricKey
        let timestamp: String
        let scope: String
        let seed: String
    }

    public static func signing(of request: SigV4.Request, credential: SigV4.Credential, secret: String) -> Signing {
        let timestamp = request.values("x-amz-date").first ?? ""
        return Signing(key: SigV4.signingKey(secret: secret, credential: credential), timestamp: timestamp,
                       scope: [credential.date, credential.region, credential.service, "aws4_request"].joined(separator: "/"),
                       seed: credential.signature.lowercased())
    }

    /// Whether a declared payload hash means an aws-chunked body, and whether its chunks are signed.
    public static func streaming(_ declared: String?) -> (chunked: Bool, signed: Bool) {
        switch declared {
        case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER": (true, true)
        case "STREAMING-UNSIGNED-PAYLOAD-TRAILER": (true, false)
        default: (false, false)
        }
    }

    public enum Failure: Error, Equatable {
        /// A chunk's or the trailer's signature is not the one the chain gives.
        case signatureDoesNotMatch
        /// The body is cut short or not in chunks.
        case incompleteBody
        /// A checksum the client sent is not the body's.
        case badDigest(String)

        public var code: String {
            switch self {
            case .signatureDoesNotMatch: "SignatureDoesNotMatch"
            case .incompleteBody: "IncompleteBody"
            case .badDigest: "BadDigest"
            }
        }

        public var message: String {
            switch self {
            case .signatureDoesNotMatch: SigV4.Failure.signatureDoesNotMatch.message
            case .incompleteBody: "The request body terminated unexpectedly"
            case .badDigest(let algorithm) where algorithm == "Content-MD5": "The Content-MD5 you specified did not match what we received."
            case .badDigest(let algorithm): "The \(algorithm) you specified did not match the calculated checksum."
            }
        }
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The data and trailing headers of an aws-chunked body; with `signing`, every chunk's signature is checked.
    public static func decode(_ body: [UInt8], signing: Signing?) throws(Failure) -> (data: [UInt8], trailers: [(name: String, value: String)]) {
        var data: [UInt8] = []
        var position = 0
        var previous = signing?.seed ?? ""
        func line() throws(Failure) -> String {
            var end = position
            while end + 1 < body.count, !(body[end] == 13 && body[end + 1] == 10) { end += 1 }
            guard end + 1 < body.count else { throw .incompleteBody }
            let text = String(decoding: body[position..<end], as: UTF8.self)
            position = end + 2
            return text
        }
        while true {
            let header = try line()
            let parts = header.split(separator: ";", maxSplits: 1)
            guard let sizeText = parts.first, let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0,
                  size <= body.count - position else { throw .incompleteBody }
            let chunk = Array(body[position..<(position + size)])
            position += size
            if let signing {
                guard parts.count == 2, parts[1].hasPrefix("chunk-signature=") else { throw .signatureDoesNotMatch }
                let stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", signing.timestamp, signing.scope, previous, emptyHash,
                                    SigV4.hex(SHA256.hash(data: chunk))].joined(separator: "\n")
                let expected = SigV4.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signing.key))
                guard SigV4.constantTimeEqual(expected, String(parts[1].dropFirst("chunk-signature=".count)).lowercased()) else {
                    throw .signatureDoesNotMatch
                }
                previous = expected
            }
            if size == 0 { break }
            data += chunk
            guard body.count - position >= 2, body[position] == 13, body[position + 1] == 10 else { throw .incompleteBody }
            position += 2
        }
        // Trailing headers, then an empty line (or the end of the body).
        var trailers: [(name: String, value: String)] = []
        var trailerText = ""
        while position < body.count {
            let text = try line()
            if text.isEmpty { break }
            guard let colon = text.firstIndex(of: ":") else { throw .incompleteBody }
            let name = text[..<colon].lowercased(), value = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if name == "x-amz-trailer-signature" {
                guard let signing else { continue }
                let stringToSign = ["AWS4-HMAC-SHA256-TRAILER", signing.timestamp, signing.scope, previous,
                                    SigV4.hex(SHA256.hash(data: Array(trailerText.utf8)))].joined(separator: "\n")
                let expected = SigV4.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signing.key))
                guard SigV4.constantTimeEqual(expected, value.lowercased()) else { throw .signatureDoesNotMatch }
            } else {
                trailers.append((name, value))
                trailerText += "\(name):\(value)\n"
            }
        }
        return (data, trailers)
    }

    /// Checks every checksum sent with the body, as headers or trailers.
    public static func verifyChecksums(_ data: [UInt8], fields: [(name: String, value: String)]) throws(Failure) {
        for field in fields {
            guard let expected = checksum(data, algorithm: field.name) else { continue }
            guard field.value.trimmingCharacters(in: .whitespaces) == expected else { throw .badDigest(checksumNames[field.name.lowercased()] ?? field.name) }
        }
    }

    /// How S3's messages name each checksum header.
    static let checksumNames = ["x-amz-checksum-crc32": "CRC32", "x-amz-checksum-crc32c": "CRC32C", "x-amz-checksum-sha1": "SHA1",
                                "x-amz-checksum-sha256": "SHA256", "content-md5": "Content-MD5"]

    /// The body's checksum as the header named carries it (base64); nil for a header that is not a checksum.
    public static func checksum(_ data: [UInt8], algorithm header: String) -> String? {
        let name = header.lowercased()
        guard let algorithm = name == "content-md5" ? "MD5" : checksumNames[name] else { return nil }
        return Checksums.value(of: data, algorithm: algorithm)
    }


}
