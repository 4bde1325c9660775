import Foundation

/// base64url without padding (RFC 4648 §5), the encoding of a JWT's parts: the sandbox's web identity tokens are
/// written and checked with it, and a recorded call reads a token's subject with it.
public enum Base64URL {
    public static func encoded(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decoded(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
