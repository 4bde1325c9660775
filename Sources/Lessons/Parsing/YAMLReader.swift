import Suggestions
import Yams

/// Reads typed fields out of a YAML mapping and records a located diagnostic for every problem, so one pass over a
/// block reports everything wrong with it instead of stopping at the first error.
struct YAMLReader {
    let file: String
    /// Added to Yams's 1-based line numbers to get the line in the file.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Composes `text` into a node tree, or records where the YAML is malformed.
    mutating func compose(_ text: String, what: String) -> Node? {
        do {
            // The basic resolver keeps every scalar a string (fields are converted where they are read), which also
            // spares the regular-expression tag matching of the default resolver; UTF-8 is named so Yams need not
            // consult the environment on every call.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                report(at: location(of: mark), "invalid YAML in \(what): \(detail)")
            default:
                report(at: SourceLocation(file: file, line: lineOffset + 1), "invalid YAML in \(what): \(error)")
            }
            return nil
        } catch {
            report(at: SourceLocation(file: file, line: lineOffset + 1), "invalid YAML in \(what): \(error)")
            return nil
        }
    }

    func location(of mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: lineOffset + (mark?.line ?? 1), column: mark?.column ?? 1)
    }

    func location(of node: Node) -> SourceLocation { location(of: node.mark) }

    mutating func report(_ severity: Diagnostic.Severity = .error, at location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(severity, at: location, message))
    }

    /// The node as a mapping, or a diagnostic saying what was expected instead.
    mutating func mapping(_ node: Node, what: String) -> YAMLFields? {
        if let mapping = node.mapping { return YAMLFields(mapping) }
        report(at: location(of: node), "\(what) must be a mapping of 'field: value' lines")
        return nil
    }

    /// Reports every key that is not in `allowed`, suggesting the nearest allowed key.
    mutating func rejectUnknownKeys(in mapping: YAMLFields, allowed: [String], what: String) {
        var seen = Set<String>()
        for (key, _) in mapping.pairs {
            let name = key.string ?? ""
            if !seen.insert(name).inserted {
                report(at: location(of: key), "duplicate field '\(name)' in \(what)")
            }
            if !allowed.contains(name) {
                let suggestion = Suggestions.nearest(to: name, among: allowed).map { "; did you mean '\($0)'?" }
                    ?? "; expected one of: \(allowed.joined(separator: ", "))"
                report(at: location(of: key), "unknown field '\(name)' in \(what)\(suggestion)")
            }
        }
    }

    /// The value of `key`, compared as plain text: Yams's own subscript compares resolved tags, which differ
    /// with the basic resolver used here.
    func value(_ key: String, in mapping: YAMLFields) -> Node? {
        mapping.value(key)
    }

    mutating func missing(_ key: String, in mapping: YAMLFields, at fallback: SourceLocation, what: String) {
        report(at: fallback, "\(what) is missing the required field '\(key)'")
    }

    /// A non-empty string field.
    mutating func string(_ key: String, in mapping: YAMLFields, required: Bool, at fallback: SourceLocation, what: String) -> String? {
        guard let node = value(key, in: mapping) else {
            if required { missing(key, in: mapping, at: fallback, what: what) }
            return nil
        }
        guard let scalar = node.scalar else {
            report(at: location(of: node), "field '\(key)' in \(what) must be text (put it in quotes if it contains ': ' or starts with a backtick)")
            return nil
        }
        let value = scalar.string.trimmingSpaces()
        if value.isEmpty, required {
            report(at: location(of: node), "field '\(key)' in \(what) is empty")
            return nil
        }
        return value
    }

    /// A whole-number field.
    mutating func integer(_ key: String, in mapping: YAMLFields, required: Bool, at fallback: SourceLocation, what: String) -> Int? {
        guard let node = value(key, in: mapping) else {
            if required { missing(key, in: mapping, at: fallback, what: what) }
            return nil
        }
        guard node.scalar != nil, let value = Int(node.string ?? "") else {
            report(at: location(of: node), "field '\(key)' in \(what) must be a whole number, not '\(node.string ?? "a list or mapping")'")
            return nil
        }
        return value
    }

    /// A list of strings; a single string is accepted as a list of one only when `allowSingle` is set.
    mutating func strings(_ key: String, in mapping: YAMLFields, required: Bool, allowSingle: Bool = false, at fallback: SourceLocation, what: String) -> [String]? {
        guard let node = value(key, in: mapping) else {
            if required { missing(key, in: mapping, at: fallback, what: what) }
            return nil
        }
        if allowSingle, let scalar = node.scalar { return [scalar.string.trimmingSpaces()] }
        guard let sequence = node.sequence else {
            report(at: location(of: node), "field '\(key)' in \(what) must be a list (lines starting with '- ')")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                report(at: location(of: item), "each item of '\(key)' in \(what) must be text (put it in quotes if it contains ': ' or starts with a backtick)")
                continue
            }
            values.append(scalar.string.trimmingSpaces())
        }
        if required, values.isEmpty {
            report(at: location(of: node), "field '\(key)' in \(what) must not be empty")
        }
        return values
    }

    /// The located string items of a list field, for checks and commands whose every line is reported on its own.
    mutating func locatedStrings(_ key: String, in mapping: YAMLFields, required: Bool, at fallback: SourceLocation, what: String) -> [(String, SourceLocation)]? {
        guard let node = value(key, in: mapping) else {
            if required { missing(key, in: mapping, at: fallback, what: what) }
            return nil
        }
        guard let sequence = node.sequence else {
            report(at: location(of: node), "field '\(key)' in \(what) must be a list (lines starting with '- ')")
            return nil
        }
        var values: [(String, SourceLocation)] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                report(at: location(of: item), "each item of '\(key)' in \(what) must be text (put it in quotes if it contains ': ' or starts with a backtick)")
                continue
            }
            values.append((scalar.string.trimmingSpaces(), location(of: item)))
        }
        if required, values.isEmpty {
            report(at: location(of: node), "field '\(key)' in \(what) must not be empty")
        }
        return values
    }
}

/// A YAML mapping read once into plain arrays. Looking keys up in a `Node.Mapping` copies every node it passes,
/// which showed up as the largest cost of loading the course.
struct YAMLFields {
    let pairs: [(key: Node, value: Node)]
    private let names: [String]

    init(_ mapping: Node.Mapping) {
        pairs = mapping.map { ($0.key, $0.value) }
        names = pairs.map { $0.key.string ?? "" }
    }

    func value(_ key: String) -> Node? {
        names.firstIndex(of: key).map { pairs[$0].value }
    }
}
