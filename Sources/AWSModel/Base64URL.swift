import Foundation

/// base64url without padding (RFC 4648 §5), the encoding of a JWT's parts: the sandbox's web identity tokens are
/// written and checked with it, and a recorded call reads a token's subject with it. The two alphabets differ in
/// two characters, swapped byte by byte (string replacement was most of the cost of replaying a federation lesson).
public enum Base64URL {
    public static func encoded(_ data: Data) -> String {
        var bytes = [UInt8](data.base64EncodedData())
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decoded(_ text: some StringProtocol) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "/"))
            default: bytes.append(byte)
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }
}

extension Base64URL {
    /// A compact JWS (`header.claims.signature`) cut at its dots, with surrounding ASCII whitespace dropped: read
    /// as UTF-8 bytes, because splitting a token of several hundred characters by `Character` (and trimming it
    /// through Foundation) cost more than checking its signature.
    public static func segments(ofToken token: String) -> [Substring]? {
        let utf8 = token.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard var first = utf8.firstIndex(where: { !isSpace($0) }), var last = utf8.lastIndex(where: { !isSpace($0) }) else { return nil }
        if utf8[first] >= 0x80 || utf8[last] >= 0x80 {
            // Whitespace beyond ASCII (a no-break space pasted with the token) is trimmed as Foundation trims it.
            let scalars = token.unicodeScalars
            guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                  let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
            first = start
            last = utf8.index(before: scalars.index(after: end))
        }
        var segments: [Substring] = []
        var start = first
        var index = first
        while index <= last {
            if utf8[index] == UInt8(ascii: ".") {
                segments.append(token[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(token[start..<index])
        return segments
    }
}
