import AWSModel

/// A CloudWatch Logs filter pattern for unstructured events, as FilterLogEvents (and `aws logs tail`) read it
/// (CloudWatch Logs User Guide, "Filter pattern syntax", matching terms in unstructured log events):
///
/// - a blank pattern matches every event;
/// - `ERROR Exception`: every term must occur in the message (terms are case sensitive);
/// - `-Exiting`: the term must not occur;
/// - `?ERROR ?WARN`: any one of them will do;
/// - `"Failed to process"`: a quoted phrase is one term. A term with any character other than a letter, a digit
///   or `_` must be quoted: unquoted, CloudWatch refuses it with `Invalid character(s) in term ':'`, naming the
///   first such character.
///
/// JSON (`{ $.level = "ERROR" }`), space-delimited (`[ip, user, ...]`) and regular-expression (`%ERR.R%`) patterns
/// are refused as not simulated: matching them as terms would answer a question the learner did not ask. So are
/// `?` terms beside other terms (`ERROR ?WARN`), whose meaning AWS's sources do not agree on.
struct LogFilterPattern: Equatable {
    private(set) var required: [String] = []
    private(set) var excluded: [String] = []
    private(set) var anyOf: [String] = []

    static let matchesEverything = LogFilterPattern()

    init() {}

    init(parsing text: String) throws(ServiceError) {
        var characters = Substring(text)
        func skipSpaces() { characters = characters.drop { $0 == " " || $0 == "\t" } }
        skipSpaces()
        if let first = characters.first, first == "{" || first == "[" {
            throw Self.notSimulated(first == "{" ? "JSON filter patterns" : "space-delimited filter patterns")
        }
        while let first = characters.first {
            var mark: Character?
            if first == "-" || first == "?", characters.count > 1 {
                mark = first
                characters.removeFirst()
            }
            let term: String
            if characters.first == "\"" {
                characters.removeFirst()
                guard let close = characters.firstIndex(of: "\"") else { throw Self.invalidCharacter("\"") }
                term = String(characters[..<close])
                characters = characters[characters.index(after: close)...]
                if let next = characters.first, next != " ", next != "\t" { throw Self.invalidCharacter(next) }
            } else if characters.first == "%" {
                throw Self.notSimulated("regular expressions (%…%) in filter patterns")
            } else {
                let word = characters.prefix { $0 != " " && $0 != "\t" }
                if let bad = word.first(where: { !Self.isTermCharacter($0) }) { throw Self.invalidCharacter(bad) }
                term = String(word)
                characters = characters.dropFirst(word.count)
            }
            switch mark {
            case "-": excluded.append(term)
            case "?": anyOf.append(term)
            default: required.append(term)
            }
            skipSpaces()
        }
        if !anyOf.isEmpty, !required.isEmpty || !excluded.isEmpty {
            throw Self.notSimulated("filter patterns that mix ?terms with other terms")
        }
    }

    /// Whether an event's message matches: terms are found anywhere in it, letter case counting.
    func matches(_ message: String) -> Bool {
        if !anyOf.isEmpty {
            return anyOf.contains { $0.isEmpty || message.contains($0) }
        }
        return required.allSatisfy { $0.isEmpty || message.contains($0) } && !excluded.contains { !$0.isEmpty && message.contains($0) }
    }

    private static func isTermCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }

    private static func notSimulated(_ what: String) -> ServiceError {
        ServiceError(code: "InvalidAction", message: "The sandbox does not simulate CloudWatch Logs' \(what), so nothing was searched: use terms such as ERROR, \"a phrase\", ?either ?or, or -not.")
    }

    private static func invalidCharacter(_ character: Character) -> ServiceError {
        ServiceError(code: "InvalidParameterException", message: "Invalid character(s) in term '\(character)'")
    }
}
