/// The action and resource patterns of a policy laid out flat in memory, so the hot loop walks plain
/// buffers: no reference counting, no copies of statement values. Everything else about a statement
/// (Principal, Condition, resources with policy variables) is left to `CompiledStatement`.
final class StatementProgram: @unchecked Sendable {
    // @unchecked: the buffers are written once in init and only read afterwards; deinit frees them.

    struct Pattern {
        var start: Int32
        var count: Int32
        /// 0: literal bytes, 1: glob, 2: matches everything.
        var kind: UInt8
    }

    struct ResourcePattern {
        var whole: Pattern
        /// Up to six per-part globs in `patterns`, used when `whole` is a glob.
        var segmentStart: Int32
        var segmentCount: Int32
    }

    struct Statement {
        /// Bit `b & 63` is set when an action starting with lowercased byte `b` could match: a one-load
        /// filter that skips most statements of other services before any pattern is read.
        var firstByteMask: UInt64
        var isDeny: Bool
        var actionNegated: Bool
        var actionStart: Int32
        var actionCount: Int32
        /// False when the statement has no Resource element (trust policies): it covers the attached resource.
        var hasResource: Bool
        var resourceNegated: Bool
        var resourceStart: Int32
        var resourceCount: Int32
        /// Principal, Condition or resource templates still need `CompiledStatement.applies`.
        var needsFullCheck: Bool
        var compiledIndex: Int32
        /// The statement's place in the document, for explanations.
        var sourceIndex: Int32
        /// For statements with many actions (ReadOnlyAccess lists thousands): buckets of action patterns by
        /// service prefix in `serviceBuckets`, and the patterns whose service part has a wildcard in
        /// `actionOrder[generalStart..<generalStart+generalCount]`. Zero buckets: scan the patterns in order.
        var bucketStart: Int32 = 0
        var bucketCount: Int32 = 0
        var generalStart: Int32 = 0
        var generalCount: Int32 = 0
    }

    /// The action patterns of one service in one statement: `actionOrder[start..<start+count]`.
    struct ServiceBucket {
        /// FNV-1a of the lowercased service prefix. Two services that share a hash share a bucket, which costs
        /// a few extra comparisons and never a wrong answer: every pattern is still matched in full.
        var hash: UInt64
        var start: Int32
        var count: Int32
    }

    /// Statements with at least this many action patterns are indexed by service.
    static let indexedActionCount = 12

    let tokens: UnsafeMutableBufferPointer<UInt16>
    let patterns: UnsafeMutableBufferPointer<Pattern>
    let resourcePatterns: UnsafeMutableBufferPointer<ResourcePattern>
    let statements: UnsafeMutableBufferPointer<Statement>
    let serviceBuckets: UnsafeMutableBufferPointer<ServiceBucket>
    let actionOrder: UnsafeMutableBufferPointer<Int32>

    init(_ compiled: [CompiledStatement], document: PolicyDocument) {
        var tokens: [UInt16] = []
        var patterns: [Pattern] = []
        var resourcePatterns: [ResourcePattern] = []
        var statements: [Statement] = []
        var serviceBuckets: [ServiceBucket] = []
        var actionOrder: [Int32] = []
        let version = document.effectiveVersion
        let byIndex = Dictionary(uniqueKeysWithValues: document.statements.map { ($0.index, $0) })

        func add(_ pattern: WildcardPattern) -> Pattern {
            let start = Int32(tokens.count)
            tokens += pattern.tokens
            let kind: UInt8 = pattern.matchesEverything ? 2 : (pattern.hasWildcards ? 1 : 0)
            return Pattern(start: start, count: Int32(pattern.tokens.count), kind: kind)
        }

        for (position, statement) in compiled.enumerated() {
            let source = byIndex[statement.index]
            let actionStart = Int32(patterns.count)
            for written in source?.action?.patterns ?? [] {
                patterns.append(add(WildcardPattern(written.value, caseInsensitive: true)))
            }
            let actionCount = Int32(patterns.count) - actionStart
            var firstByteMask: UInt64 = 0
            for pattern in patterns[Int(actionStart)...] {
                let first = pattern.count > 0 ? tokens[Int(pattern.start)] : WildcardPattern.anyRun
                firstByteMask |= first < 0x100 ? UInt64(1) << (UInt64(first) & 63) : ~UInt64(0)
            }
            if statement.actions?.isNegated ?? true { firstByteMask = ~UInt64(0) }
            var index = (bucketStart: Int32(serviceBuckets.count), bucketCount: Int32(0), generalStart: Int32(0), generalCount: Int32(0))
            if actionCount >= Self.indexedActionCount {
                var byService: [UInt64: [Int32]] = [:]
                var general: [Int32] = []
                for patternIndex in actionStart..<(actionStart + actionCount) {
                    let pattern = patterns[Int(patternIndex)]
                    let patternTokens = tokens[Int(pattern.start)..<Int(pattern.start + pattern.count)]
                    guard let colon = patternTokens.firstIndex(of: UInt16(UInt8(ascii: ":"))),
                          !patternTokens[..<colon].contains(where: { $0 >= 0x100 }) else {
                        general.append(patternIndex)
                        continue
                    }
                    let hash = Self.serviceHash(patternTokens[..<colon].lazy.map { UInt8(truncatingIfNeeded: $0) })
                    byService[hash, default: []].append(patternIndex)
                }
                for (hash, members) in byService.sorted(by: { $0.key < $1.key }) {
                    serviceBuckets.append(ServiceBucket(hash: hash, start: Int32(actionOrder.count), count: Int32(members.count)))
                    actionOrder += members
                }
                index.bucketCount = Int32(serviceBuckets.count) - index.bucketStart
                index.generalStart = Int32(actionOrder.count)
                index.generalCount = Int32(general.count)
                actionOrder += general
            }
            var needsFullCheck = statement.principals != nil || !statement.conditions.isEmpty || statement.actions == nil
            let resourceStart = Int32(resourcePatterns.count)
            for written in source?.resource?.patterns ?? [] {
                let template = PolicyTemplate(written.value, variablesEnabled: version.supportsPolicyVariables, wildcards: true)
                if template.hasVariables {
                    needsFullCheck = true
                    continue
                }
                let whole = add(WildcardPattern(tokens: template.constantTokens, caseInsensitive: false))
                let segmentStart = Int32(patterns.count)
                for segment in ArnPattern.segmentPatterns(template.constantTokens) { patterns.append(add(segment)) }
                resourcePatterns.append(ResourcePattern(whole: whole, segmentStart: segmentStart, segmentCount: Int32(patterns.count) - segmentStart))
            }
            statements.append(Statement(
                firstByteMask: firstByteMask, isDeny: statement.effect == .deny, actionNegated: statement.actions?.isNegated ?? false,
                actionStart: actionStart, actionCount: actionCount,
                hasResource: statement.resources != nil, resourceNegated: statement.resources?.isNegated ?? false,
                resourceStart: resourceStart, resourceCount: Int32(resourcePatterns.count) - resourceStart,
                needsFullCheck: needsFullCheck, compiledIndex: Int32(position), sourceIndex: Int32(statement.index),
                bucketStart: index.bucketStart, bucketCount: index.bucketCount, generalStart: index.generalStart, generalCount: index.generalCount))
        }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
        }
        self.tokens = copy(tokens)
        self.patterns = copy(patterns)
        self.resourcePatterns = copy(resourcePatterns)
        self.statements = copy(statements)
        self.serviceBuckets = copy(serviceBuckets)
        self.actionOrder = copy(actionOrder)
    }

    /// FNV-1a over lowercased bytes.
    @inline(__always)
    static func serviceHash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(asciiLowercased(byte))) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    deinit {
        tokens.baseAddress.map { $0.deallocate() }
        patterns.baseAddress.map { $0.deallocate() }
        resourcePatterns.baseAddress.map { $0.deallocate() }
        statements.baseAddress.map { $0.deallocate() }
        serviceBuckets.baseAddress.map { $0.deallocate() }
        actionOrder.baseAddress.map { $0.deallocate() }
    }

    @inline(__always)
    private func matches(_ pattern: Pattern, _ text: Slice<UnsafeBufferPointer<UInt8>>, caseInsensitive: Bool) -> Bool {
        if pattern.kind == 2 { return true }
        let patternTokens = UnsafeBufferPointer(rebasing: tokens[Int(pattern.start)..<Int(pattern.start + pattern.count)])
        if pattern.kind == 0 {
            guard patternTokens.count == text.count else { return false }
            var t = text.startIndex
            for token in patternTokens {
                let byte = caseInsensitive ? asciiLowercased(text[t]) : text[t]
                if UInt16(byte) != token { return false }
                t += 1
            }
            return true
        }
        return WildcardPattern.glob(patternTokens, text, caseInsensitive: caseInsensitive)
    }

    @inline(__always)
    func actionCovered(_ statement: Statement, _ action: UnsafeBufferPointer<UInt8>) -> Bool {
        if !statement.actionNegated && !action.isEmpty
            && statement.firstByteMask & (UInt64(1) << (UInt64(asciiLowercased(action[0])) & 63)) == 0 {
            return false
        }
        if statement.bucketCount > 0 { return indexedActionMatch(statement, action) != statement.actionNegated }
        var matched = false
        var index = Int(statement.actionStart)
        let end = index + Int(statement.actionCount)
        while index < end {
            if matches(patterns[index], action[...], caseInsensitive: true) { matched = true; break }
            index += 1
        }
        return matched != statement.actionNegated
    }

    /// Matches the action against its service's bucket and the patterns with a wildcard service only.
    private func indexedActionMatch(_ statement: Statement, _ action: UnsafeBufferPointer<UInt8>) -> Bool {
        var colon = 0
        while colon < action.count && action[colon] != UInt8(ascii: ":") { colon += 1 }
        if colon < action.count {
            let hash = Self.serviceHash(action[..<colon])
            var low = Int(statement.bucketStart), high = low + Int(statement.bucketCount)
            while low < high {
                let middle = (low + high) / 2
                if serviceBuckets[middle].hash < hash { low = middle + 1 } else { high = middle }
            }
            if low < Int(statement.bucketStart + statement.bucketCount), serviceBuckets[low].hash == hash {
                let bucket = serviceBuckets[low]
                for slot in Int(bucket.start)..<Int(bucket.start + bucket.count)
                where matches(patterns[Int(actionOrder[slot])], action[...], caseInsensitive: true) {
                    return true
                }
            }
        }
        for slot in Int(statement.generalStart)..<Int(statement.generalStart + statement.generalCount)
        where matches(patterns[Int(actionOrder[slot])], action[...], caseInsensitive: true) {
            return true
        }
        return false
    }

    @inline(__always)
    func resourceCovered(_ statement: Statement, _ resource: UnsafeBufferPointer<UInt8>) -> Bool {
        guard statement.hasResource else { return true }
        var index = Int(statement.resourceStart)
        let end = index + Int(statement.resourceCount)
        while index < end {
            if arnMatches(resourcePatterns[index], resource) { return !statement.resourceNegated }
            index += 1
        }
        return statement.resourceNegated
    }

    @inline(__always)
    private func arnMatches(_ pattern: ResourcePattern, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if pattern.whole.kind != 1 { return matches(pattern.whole, text[...], caseInsensitive: false) }
        var segmentStart = 0
        let last = Int(pattern.segmentStart + pattern.segmentCount) - 1
        var index = Int(pattern.segmentStart)
        while index <= last {
            if index == last { return matches(patterns[index], text[segmentStart..<text.count], caseInsensitive: false) }
            var colon = segmentStart
            while colon < text.count && text[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < text.count, matches(patterns[index], text[segmentStart..<colon], caseInsensitive: false) else { return false }
            segmentStart = colon + 1
            index += 1
        }
        return false
    }
}
