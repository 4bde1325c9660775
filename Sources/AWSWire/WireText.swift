import Foundation
import AWSModel

/// The few text operations every request needs (header names without case, percent-decoding, hex), done on
/// UTF-8 bytes: a request passes through them dozens of times, and Foundation's versions of them were most of the
/// endpoint's time per request.
public enum WireText {
    /// ASCII case-insensitive equality, without making lower-cased copies.
    public static func sameName(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?): if lower(x) != lower(y) { return false }
            default: return false
            }
        }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// An XML element's text with XML's five predefined entities read back (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    public static func xmlUnescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `a=1&b=x%20y` (a query string, or a form body with `plusIsSpace`) into its fields in order, each name and
    /// value percent-decoded (kept as written when malformed); a field without `=` has an empty value. The one
    /// reading of a query for the endpoint's protocols and for SigV4.
    public static func fields(_ text: String, plusIsSpace: Bool = false) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String { percentDecoded(part, plusIsSpace: plusIsSpace) ?? String(part) }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// `%XX` sequences to bytes (and `+` to a space when `plusIsSpace`, as in a form). nil when a sequence is
    /// malformed or the bytes are not UTF-8, as Foundation's `removingPercentEncoding` says.
    public static func percentDecoded<S: StringProtocol>(_ text: S, plusIsSpace: Bool = false) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) || (plusIsSpace && bytes.contains(UInt8(ascii: "+"))) else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// Lower-case hex of bytes.
    public static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 { Checksums.hex(bytes) }
}
