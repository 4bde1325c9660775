import PositionedJSON
/// Turns JSON into a `PolicyDocument`, reporting grammar errors in IAM's words with positions.
///
/// The parser keeps going after an error so a learner sees every problem at once; IAM itself stops at the first.
struct PolicyParser {
    private(set) var diagnostics: [Diagnostic] = []

    static let topLevelElements: Set<String> = ["Version", "Id", "Statement"]
    static let statementElements: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    mutating func parse(root: JSONNode, size: Int) -> PolicyDocument? {
        guard let members = root.members else {
            syntax("a policy must be a JSON object, found \(root.kindName)", at: root.position)
            return nil
        }
        var version: Located<PolicyVersion>?
        var id: Located<String>?
        var statementNode: JSONNode?
        var seen = Set<String>()
        for member in members {
            if !seen.insert(member.key).inserted {
                syntax("duplicate element \(member.key)", at: member.keyPosition)
                continue
            }
            switch member.key {
            case "Version":
                if let text = member.value.stringValue, let parsed = PolicyVersion(rawValue: text) {
                    version = Located(parsed, at: member.value.position)
                } else {
                    syntax("Version must be \"2012-10-17\" or \"2008-10-17\"", at: member.value.position)
                }
            case "Id":
                if let text = member.value.stringValue {
                    id = Located(text, at: member.value.position)
                } else {
                    syntax("Id must be a string", at: member.value.position)
                }
            case "Statement":
                statementNode = member.value
            default:
                let hint = Self.statementElements.contains(member.key)
                    ? "\(member.key) belongs inside a statement, not at the top level"
                    : "unknown element \(member.key)"
                syntax(hint, at: member.keyPosition)
            }
        }
        guard let statementNode else {
            syntax("the policy has no Statement element", at: root.position)
            return nil
        }
        let statementNodes: [JSONNode]
        switch statementNode.value {
        case .object: statementNodes = [statementNode]
        case .array(let elements): statementNodes = elements
        default:
            syntax("Statement must be an object or an array of objects, found \(statementNode.kindName)", at: statementNode.position)
            return nil
        }
        var statements: [PolicyStatement] = []
        for (index, node) in statementNodes.enumerated() {
            if let statement = parseStatement(node, index: index) { statements.append(statement) }
        }
        return PolicyDocument(version: version, id: id, statements: statements, size: size)
    }

    private mutating func parseStatement(_ node: JSONNode, index: Int) -> PolicyStatement? {
        guard let members = node.members else {
            syntax("each statement must be an object, found \(node.kindName)", at: node.position)
            return nil
        }
        var sid: Located<String>?
        var effect: Located<Effect>?
        var principal: PrincipalElement?
        var action: ActionElement?
        var resource: ResourceElement?
        var conditions: [ConditionBlock] = []
        var seen = Set<String>()
        var valid = true
        for member in members {
            if !seen.insert(member.key).inserted {
                syntax("duplicate element \(member.key) in a statement", at: member.keyPosition)
                valid = false
                continue
            }
            switch member.key {
            case "Sid":
                if let text = member.value.stringValue {
                    sid = Located(text, at: member.value.position)
                } else {
                    syntax("Sid must be a string", at: member.value.position)
                }
            case "Effect":
                if let text = member.value.stringValue, let parsed = Effect(rawValue: text) {
                    effect = Located(parsed, at: member.value.position)
                } else {
                    let written = member.value.stringValue.map { "\"\($0)\"" } ?? member.value.kindName
                    syntax("Effect must be \"Allow\" or \"Deny\" (case-sensitive), found \(written)", at: member.value.position)
                    valid = false
                }
            case "Action", "NotAction":
                if action != nil {
                    syntax("a statement cannot have both Action and NotAction", at: member.keyPosition)
                    valid = false
                } else if let patterns = stringList(member) {
                    action = ActionElement(isNegated: member.key == "NotAction", patterns: patterns, position: member.keyPosition)
                } else {
                    valid = false
                }
            case "Resource", "NotResource":
                if resource != nil {
                    syntax("a statement cannot have both Resource and NotResource", at: member.keyPosition)
                    valid = false
                } else if let patterns = stringList(member) {
                    resource = ResourceElement(isNegated: member.key == "NotResource", patterns: patterns, position: member.keyPosition)
                } else {
                    valid = false
                }
            case "Principal", "NotPrincipal":
                if principal != nil {
                    syntax("a statement cannot have both Principal and NotPrincipal", at: member.keyPosition)
                    valid = false
                } else if let parsed = parsePrincipal(member) {
                    principal = parsed
                } else {
                    valid = false
                }
            case "Condition":
                if let parsed = parseCondition(member.value) { conditions = parsed } else { valid = false }
            default:
                let hint = Self.topLevelElements.contains(member.key)
                    ? "\(member.key) belongs at the top level of the policy, not inside a statement"
                    : "unknown element \(member.key) in a statement"
                syntax(hint, at: member.keyPosition)
                valid = false
            }
        }
        guard let effect else {
            if !seen.contains("Effect") { syntax("the statement has no Effect", at: node.position) }
            return nil
        }
        guard valid else { return nil }
        return PolicyStatement(
            index: index, position: node.position, end: node.end, sid: sid, effect: effect,
            principal: principal, action: action, resource: resource, conditions: conditions)
    }

    /// A single string or an array of strings, as Action and Resource accept.
    private mutating func stringList(_ member: JSONMember) -> [Located<String>]? {
        switch member.value.value {
        case .string(let text):
            return [Located(text, at: member.value.position)]
        case .array(let elements):
            var values: [Located<String>] = []
            for element in elements {
                guard let text = element.stringValue else {
                    syntax("\(member.key) values must be strings, found \(element.kindName)", at: element.position)
                    return nil
                }
                values.append(Located(text, at: element.position))
            }
            return values
        default:
            syntax("\(member.key) must be a string or an array of strings, found \(member.value.kindName)", at: member.value.position)
            return nil
        }
    }

    private mutating func parsePrincipal(_ member: JSONMember) -> PrincipalElement? {
        let isNegated = member.key == "NotPrincipal"
        switch member.value.value {
        case .string(let text):
            guard text == "*" else {
                syntax("\(member.key) must be \"*\" or an object such as {\"AWS\": \"123456789012\"}", at: member.value.position)
                return nil
            }
            return PrincipalElement(isNegated: isNegated, isEveryone: true, entries: [], position: member.keyPosition)
        case .object(let members):
            var entries: [PrincipalEntry] = []
            for entry in members {
                guard let kind = PrincipalEntry.Kind(rawValue: entry.key) else {
                    syntax("unknown principal type \(entry.key); use AWS, Service, Federated or CanonicalUser", at: entry.keyPosition)
                    return nil
                }
                guard let values = stringList(entry) else { return nil }
                entries += values.map { PrincipalEntry(kind: kind, value: $0) }
            }
            return PrincipalElement(isNegated: isNegated, isEveryone: false, entries: entries, position: member.keyPosition)
        default:
            syntax("\(member.key) must be \"*\" or an object, found \(member.value.kindName)", at: member.value.position)
            return nil
        }
    }

    private mutating func parseCondition(_ node: JSONNode) -> [ConditionBlock]? {
        guard let operators = node.members else {
            syntax("Condition must be an object of operators, found \(node.kindName)", at: node.position)
            return nil
        }
        var blocks: [ConditionBlock] = []
        for operatorMember in operators {
            guard let keys = operatorMember.value.members else {
                syntax("the \(operatorMember.key) condition must be an object of keys and values", at: operatorMember.value.position)
                return nil
            }
            var entries: [ConditionEntry] = []
            for key in keys {
                guard let values = conditionValues(key) else { return nil }
                entries.append(ConditionEntry(key: Located(key.key, at: key.keyPosition), values: values))
            }
            blocks.append(ConditionBlock(operatorName: Located(operatorMember.key, at: operatorMember.keyPosition), entries: entries))
        }
        return blocks
    }

    /// Condition values may be written as strings, numbers or booleans; IAM compares their text.
    private mutating func conditionValues(_ member: JSONMember) -> [Located<String>]? {
        func text(_ node: JSONNode) -> String? {
            switch node.value {
            case .string(let value): return value
            case .number(let value): return value
            case .bool(let value): return value ? "true" : "false"
            default: return nil
            }
        }
        if case .array(let elements) = member.value.value {
            var values: [Located<String>] = []
            for element in elements {
                guard let value = text(element) else {
                    syntax("condition values for \(member.key) must be strings, numbers or booleans", at: element.position)
                    return nil
                }
                values.append(Located(value, at: element.position))
            }
            return values
        }
        guard let value = text(member.value) else {
            syntax("the condition value for \(member.key) must be a string or an array of strings", at: member.value.position)
            return nil
        }
        return [Located(value, at: member.value.position)]
    }

    private mutating func syntax(_ detail: String, at position: SourcePosition) {
        diagnostics.append(.malformed(IAMMessage.syntaxErrors, detail: detail, at: position))
    }
}
