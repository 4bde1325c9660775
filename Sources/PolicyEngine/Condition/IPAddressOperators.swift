/// `IpAddress` / `NotIpAddress`: the request address must lie in one of the policy's CIDR blocks
/// (IPv4 or IPv6; a bare address is a /32 or /128 block).
enum IPAddressOperators {
    static let all: [ConditionOperator] = [
        ip("IpAddress", negated: false),
        ip("NotIpAddress", negated: true),
    ]

    private static func ip(_ name: String, negated: Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .ipAddress, isNegated: negated, acceptsPolicyVariables: false, acceptsWildcards: false,
            readOperand: { IPNetwork($0.templateText).map(ConditionOperand.network) },
            compare: { requestValue, operand in
                guard case .network(let network) = operand, let address = IPNetwork.address(requestValue) else { return false }
                return network.contains(address)
            })
    }
}

/// A CIDR block. Addresses are held as 128-bit values; IPv4 and IPv6 never match each other.
struct IPNetwork: Sendable, Equatable {
    struct Address: Sendable, Equatable {
        let isIPv6: Bool
        let high: UInt64
        let low: UInt64
    }

    let base: Address
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = Self.address(String(parts[0])) else { return nil }
        let maximum = address.isIPv6 ? 128 : 32
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...maximum).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = maximum
        }
        base = address
    }

    func contains(_ address: Address) -> Bool {
        guard address.isIPv6 == base.isIPv6 else { return false }
        let length = base.isIPv6 ? prefixLength : prefixLength + 96
        let (highMask, lowMask) = Self.mask(length)
        return address.high & highMask == base.high & highMask && address.low & lowMask == base.low & lowMask
    }

    private static func mask(_ length: Int) -> (UInt64, UInt64) {
        if length == 0 { return (0, 0) }
        if length <= 64 { return (~UInt64(0) << (64 - length), 0) }
        if length == 128 { return (~UInt64(0), ~UInt64(0)) }
        return (~UInt64(0), ~UInt64(0) << (128 - length))
    }

    static func address(_ text: String) -> Address? {
        if text.contains(":") { return ipv6(text) }
        guard let value = ipv4(text[...]) else { return nil }
        return Address(isIPv6: false, high: 0, low: UInt64(value))
    }

    private static func ipv4(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII), let number = UInt32(octet), number <= 255 else { return nil }
            value = value << 8 | number
        }
        return value
    }

    private static func ipv6(_ text: String) -> Address? {
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        func read(_ part: String, into output: inout [UInt16]) -> Bool {
            guard !part.isEmpty else { return true }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(piece) {
                    output.append(UInt16(v4 >> 16))
                    output.append(UInt16(v4 & 0xFFFF))
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16) else { return false }
                output.append(group)
            }
            return true
        }
        guard read(halves[0], into: &groups) else { return nil }
        if halves.count == 2 {
            guard read(halves[1], into: &tail), groups.count + tail.count < 8 else { return nil }
            groups += Array(repeating: 0, count: 8 - groups.count - tail.count) + tail
        }
        guard groups.count == 8 else { return nil }
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return Address(isIPv6: true, high: high, low: low)
    }
}

extension String {
    /// Splits on a multi-character separator (the standard library's `split` takes single elements).
    func components(separatedByString separator: String) -> [String] {
        var parts: [String] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[rest.startIndex..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
