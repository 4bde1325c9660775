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
