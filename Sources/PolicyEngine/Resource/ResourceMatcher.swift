/// The compiled Resource / NotResource element. ARNs match case-sensitively, part by part.
struct ResourceMatcher: Sendable {
    private enum Pattern: Sendable {
        case fixed(ArnPattern)
        /// Contains policy variables such as `${aws:username}`; resolved per request.
        case template(PolicyTemplate)
    }

    let isNegated: Bool
    private let patterns: [Pattern]
    private let written: [String]
    private let needsContext: Bool

    init(_ element: ResourceElement, version: PolicyVersion) {
        isNegated = element.isNegated
        written = element.patterns.map(\.value)
        patterns = written.map { text in
            let template = PolicyTemplate(text, variablesEnabled: version.supportsPolicyVariables, wildcards: true)
            return template.hasVariables ? .template(template) : .fixed(ArnPattern(tokens: template.constantTokens))
        }
        needsContext = patterns.contains { if case .template = $0 { return true } else { return false } }
    }

    @inline(__always)
    func firstMatch(_ resource: UnsafeBufferPointer<UInt8>, context: some ContextValueSource) -> Int? {
        for index in patterns.indices {
            switch patterns[index] {
            case .fixed(let pattern):
                if pattern.matches(resource) { return index }
            case .template(let template):
                if let tokens = template.resolve(in: context), ArnPattern(tokens: tokens).matches(resource) { return index }
            }
        }
        return nil
    }

    @inline(__always)
    func covers(_ resource: UnsafeBufferPointer<UInt8>, context: some ContextValueSource) -> Bool {
        (firstMatch(resource, context: context) != nil) != isNegated
    }

    func verdict(for resource: String, context: some ContextValueSource) -> ElementVerdict {
        let match = withUTF8Bytes(resource) { firstMatch($0, context: context) }
        let variablesNote = needsContext ? " (after replacing policy variables)" : ""
        switch (match, isNegated) {
        case (let index?, false):
            return ElementVerdict(matches: true, reason: "Resource \"\(written[index])\" matches \(resource)\(variablesNote)")
        case (nil, false):
            return ElementVerdict(matches: false, reason: "\(resource) does not match Resource \(list(written))\(variablesNote)")
        case (let index?, true):
            return ElementVerdict(matches: false, reason: "NotResource \"\(written[index])\" excludes \(resource)")
        case (nil, true):
            return ElementVerdict(matches: true, reason: "\(resource) is not excluded by NotResource \(list(written)), so the statement covers it")
        }
    }
}
