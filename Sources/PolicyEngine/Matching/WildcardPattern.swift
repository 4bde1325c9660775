/// A glob with `*` (any run of characters) and `?` (exactly one character), compiled once.
///
/// Tokens are 16-bit so a literal `*` written as `${*}` stays distinct from the wildcard `*`.
struct WildcardPattern: Sendable, Equatable {
    static let anyRun: UInt16 = 0x100
    static let anyOne: UInt16 = 0x101

    let tokens: [UInt16]
    let caseInsensitive: Bool
    let hasWildcards: Bool
    let matchesEverything: Bool

    init(tokens: [UInt16], caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        self.tokens = caseInsensitive
            ? tokens.map { $0 < 0x100 ? UInt16(asciiLowercased(UInt8($0))) : $0 }
            : tokens
        hasWildcards = tokens.contains { $0 >= 0x100 }
        matchesEverything = !tokens.isEmpty && tokens.allSatisfy { $0 == Self.anyRun }
    }

    /// Reads `*` and `?` in `text` as wildcards and every other character literally.
    init(_ text: String, caseInsensitive: Bool) {
        var tokens: [UInt16] = []
        tokens.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "*"): tokens.append(Self.anyRun)
            case UInt8(ascii: "?"): tokens.append(Self.anyOne)
            default: tokens.append(UInt16(byte))
            }
        }
        self.init(tokens: tokens, caseInsensitive: caseInsensitive)
    }

    /// Every character literal: what a policy variable's value or an escaped character becomes.
    static func literalTokens(_ text: String) -> [UInt16] { text.utf8.map(UInt16.init) }

    func matches(_ text: String) -> Bool {
        withUTF8Bytes(text) { matches($0[...]) }
    }

    func matches(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if matchesEverything { return true }
        return tokens.withUnsafeBufferPointer { pattern in
            Self.glob(pattern, text, caseInsensitive: caseInsensitive)
        }
    }

    /// Iterative glob with one backtrack point: linear for patterns without `*`, and never worse than
    /// O(pattern × text), so a hostile pattern cannot stall evaluation.
    @inline(__always)
    static func glob(_ pattern: UnsafeBufferPointer<UInt16>, _ text: Slice<UnsafeBufferPointer<UInt8>>, caseInsensitive: Bool) -> Bool {
        let patternCount = pattern.count
        let textEnd = text.endIndex
        var p = 0
        var t = text.startIndex
        var starPattern = -1
        var starText = t
        while t < textEnd {
            if p < patternCount {
                let token = pattern[p]
                if token == anyOne {
                    p += 1
                    t += 1
                    while t < textEnd && isUTF8Continuation(text[t]) { t += 1 }
                    continue
                }
                if token < 0x100 {
                    let byte = caseInsensitive ? asciiLowercased(text[t]) : text[t]
                    if UInt16(byte) == token {
                        p += 1
                        t += 1
                        continue
                    }
                } else {
                    starPattern = p
                    starText = t
                    p += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            p = starPattern + 1
            starText += 1
            while starText < textEnd && isUTF8Continuation(text[starText]) { starText += 1 }
            t = starText
        }
        while p < patternCount && pattern[p] == anyRun { p += 1 }
        return p == patternCount
    }
}
