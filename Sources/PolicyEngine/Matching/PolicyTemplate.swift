import Foundation

/// A policy value that may contain policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`)
/// and the escapes `${*}`, `${?}`, `${$}` for a literal `*`, `?` and `$`.
///
/// Parsed once at compile time; only values that really contain variables are resolved per request.
struct PolicyTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        /// Wildcard-aware tokens (see `WildcardPattern`).
        case tokens([UInt16])
        /// A context key (lowercased for lookup) and the default written after it, if any.
        case variable(key: String, fallback: String?)
    }

    let parts: [Part]

    var hasVariables: Bool {
        parts.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// The tokens of a template without variables.
    var constantTokens: [UInt16] {
        parts.flatMap { part -> [UInt16] in
            if case .tokens(let tokens) = part { return tokens }
            return []
        }
    }

    /// Reads `text`. Under Version 2008-10-17 (`variablesEnabled == false`) everything is literal text,
    /// as IAM does; `wildcards` says whether `*` and `?` are wildcards for the element being read.
    init(_ text: String, variablesEnabled: Bool, wildcards: Bool) {
        func tokens(_ literal: Substring) -> [UInt16] {
            literal.utf8.map { byte in
                guard wildcards else { return UInt16(byte) }
                switch byte {
                case UInt8(ascii: "*"): return WildcardPattern.anyRun
                case UInt8(ascii: "?"): return WildcardPattern.anyOne
                default: return UInt16(byte)
                }
            }
        }
        guard variablesEnabled, text.contains("${") else {
            parts = [.tokens(tokens(text[...]))]
            return
        }
        var parts: [Part] = []
        var pending: [UInt16] = []
        var rest = text[...]
        while let open = rest.range(of: "${") {
            pending += tokens(rest[rest.startIndex..<open.lowerBound])
            guard let close = Self.closingBrace(in: rest[open.upperBound...]) else {
                pending += tokens(rest[open.lowerBound...])
                rest = rest[rest.endIndex...]
                break
            }
            let body = rest[open.upperBound..<close]
            switch body {
            case "*": pending.append(UInt16(UInt8(ascii: "*")))
            case "?": pending.append(UInt16(UInt8(ascii: "?")))
            case "$": pending.append(UInt16(UInt8(ascii: "$")))
            default:
                if !pending.isEmpty { parts.append(.tokens(pending)); pending = [] }
                parts.append(Self.variable(body))
            }
            rest = rest[rest.index(after: close)...]
        }
        pending += tokens(rest)
        if !pending.isEmpty || parts.isEmpty { parts.append(.tokens(pending)) }
        self.parts = parts
    }

    /// The `}` that ends a variable, skipping any inside a quoted default.
    private static func closingBrace(in text: Substring) -> Substring.Index? {
        var inQuote = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" { inQuote.toggle() }
            if character == "}" && !inQuote { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// `key` or `key, 'default'`; a doubled quote inside the default stands for one quote.
    private static func variable(_ body: Substring) -> Part {
        guard let comma = body.firstIndex(of: ",") else {
            return .variable(key: body.trimmingSpaces.lowercased(), fallback: nil)
        }
        let key = body[body.startIndex..<comma].trimmingSpaces.lowercased()
        var fallback = body[body.index(after: comma)...].trimmingSpaces
        if fallback.count >= 2, fallback.first == "'", fallback.last == "'" {
            fallback = String(fallback.dropFirst().dropLast())
        }
        return .variable(key: key, fallback: fallback.replacingOccurrences(of: "''", with: "'"))
    }

    /// The tokens with every variable replaced by its value (always literal text), or nil when a
    /// variable has no single value and no default: AWS then treats the value as matching nothing.
    func resolve(in context: some ContextValueSource) -> [UInt16]? {
        var resolved: [UInt16] = []
        for part in parts {
            switch part {
            case .tokens(let tokens):
                resolved += tokens
            case .variable(let key, let fallback):
                if let values = context.contextValues(forLowercasedKey: key), values.count == 1 {
                    resolved += WildcardPattern.literalTokens(values[0])
                } else if let fallback {
                    resolved += WildcardPattern.literalTokens(fallback)
                } else {
                    return nil
                }
            }
        }
        return resolved
    }

    /// The variables this template uses, as written (lowercased), for validation and explanations.
    var variableKeys: [String] {
        parts.compactMap { if case .variable(let key, _) = $0 { return key } else { return nil } }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

}

extension Array where Element == UInt16 {
    /// Back to text, spelling wildcard tokens as `*` and `?`.
    var templateText: String {
        String(decoding: map { token -> UInt8 in
            switch token {
            case WildcardPattern.anyRun: return UInt8(ascii: "*")
            case WildcardPattern.anyOne: return UInt8(ascii: "?")
            default: return UInt8(truncatingIfNeeded: token)
            }
        }, as: UTF8.self)
    }
}
