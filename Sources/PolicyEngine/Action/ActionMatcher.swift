/// The compiled Action / NotAction element. Actions match case-insensitively (`S3:getobject` is
/// `s3:GetObject`), with `*` and `?` anywhere.
struct ActionMatcher: Sendable {
    let isNegated: Bool
    private let patterns: [WildcardPattern]
    private let written: [String]

    init(_ element: ActionElement) {
        isNegated = element.isNegated
        written = element.patterns.map(\.value)
        patterns = written.map { WildcardPattern($0, caseInsensitive: true) }
    }

    /// Index of the first pattern that matches the action, if any.
    @inline(__always)
    func firstMatch(_ action: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in patterns.indices where patterns[index].matches(action[...]) { return index }
        return nil
    }

    @inline(__always)
    func covers(_ action: UnsafeBufferPointer<UInt8>) -> Bool {
        (firstMatch(action) != nil) != isNegated
    }

    func verdict(for action: String) -> ElementVerdict {
        let match = withUTF8Bytes(action) { firstMatch($0) }
        let name = isNegated ? "NotAction" : "Action"
        switch (match, isNegated) {
        case (let index?, false):
            return ElementVerdict(matches: true, reason: "Action \"\(written[index])\" matches \(action)")
        case (nil, false):
            return ElementVerdict(matches: false, reason: "\(action) is not among Action \(list(written))")
        case (let index?, true):
            return ElementVerdict(matches: false, reason: "NotAction \"\(written[index])\" excludes \(action)")
        case (nil, true):
            return ElementVerdict(matches: true, reason: "\(action) is not excluded by \(name) \(list(written)), so the statement covers it")
        }
    }
}

/// A matcher's answer with the sentence that justifies it.
struct ElementVerdict: Sendable, Equatable {
    let matches: Bool
    let reason: String
}

/// A policy element's values as a reason quotes them. A long list is cut after `shown` values: ReadOnlyAccess
/// lists 2,744 actions, which no reader wants in a sentence, and building that sentence on every denial cost
/// ten times the request itself.
func list(_ values: [String], shown: Int = 8) -> String {
    if values.count == 1 { return "\"\(values[0])\"" }
    let quoted = values.prefix(shown).map { "\"\($0)\"" }.joined(separator: ", ")
    let rest = values.count - min(values.count, shown)
    return "[" + quoted + (rest > 0 ? ", … and \(rest) more" : "") + "]"
}
