/// An ARN pattern as the Resource element and the Arn* condition operators read it: the six parts are
/// matched separately, case-sensitively, with `*` and `?` inside each part. A wildcard in an early part
/// cannot swallow a colon; the last part (the resource id) can, because resource ids contain colons.
struct ArnPattern: Sendable, Equatable {
    private let segments: [WildcardPattern]
    let matchesEverything: Bool
    private let isLiteral: Bool
    private let literalBytes: [UInt8]

    /// The per-part globs of an ARN pattern: up to six, the last one taking the rest of the text.
    static func segmentPatterns(_ tokens: [UInt16]) -> [WildcardPattern] {
        var segments: [WildcardPattern] = []
        var current: [UInt16] = []
        for token in tokens {
            if token == UInt16(UInt8(ascii: ":")) && segments.count < 5 {
                segments.append(WildcardPattern(tokens: current, caseInsensitive: false))
                current = []
            } else {
                current.append(token)
            }
        }
        segments.append(WildcardPattern(tokens: current, caseInsensitive: false))
        return segments
    }

    init(tokens: [UInt16]) {
        var segments: [WildcardPattern] = []
        var current: [UInt16] = []
        for token in tokens {
            if token == UInt16(UInt8(ascii: ":")) && segments.count < 5 {
                segments.append(WildcardPattern(tokens: current, caseInsensitive: false))
                current = []
            } else {
                current.append(token)
            }
        }
        segments.append(WildcardPattern(tokens: current, caseInsensitive: false))
        self.segments = segments
        matchesEverything = segments.count == 1 && segments[0].matchesEverything
        isLiteral = !tokens.contains { $0 >= 0x100 }
        literalBytes = isLiteral ? tokens.map { UInt8(truncatingIfNeeded: $0) } : []
    }

    init(_ text: String) {
        self.init(tokens: WildcardPattern(text, caseInsensitive: false).tokens)
    }

    func matches(_ text: String) -> Bool {
        withUTF8Bytes(text) { matches($0) }
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if matchesEverything { return true }
        if isLiteral {
            return literalBytes.withUnsafeBufferPointer { literal in
                literal.count == text.count && (literal.count == 0 || memcmp(literal.baseAddress!, text.baseAddress!, literal.count) == 0)
            }
        }
        var segmentStart = 0
        let lastSegment = segments.count - 1
        for (index, segment) in segments.enumerated() {
            if index == lastSegment {
                return segment.matches(text[segmentStart..<text.count])
            }
            var colon = segmentStart
            while colon < text.count && text[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < text.count, segment.matches(text[segmentStart..<colon]) else { return false }
            segmentStart = colon + 1
        }
        return false
    }
}

@inline(__always)
private func memcmp(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    for index in 0..<count where a[index] != b[index] { return 1 }
    return 0
}
