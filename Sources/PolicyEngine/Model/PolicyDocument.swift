import PositionedJSON
/// A policy as written: every element keeps its source position for diagnostics.
public struct PolicyDocument: Sendable {
    /// Nil when the document has no Version element; IAM then applies 2008-10-17 rules.
    public let version: Located<PolicyVersion>?
    public let id: Located<String>?
    public let statements: [PolicyStatement]
    /// Characters without whitespace, the measure IAM's size quotas use.
    public let size: Int

    public init(version: Located<PolicyVersion>?, id: Located<String>?, statements: [PolicyStatement], size: Int) {
        self.version = version
        self.id = id
        self.statements = statements
        self.size = size
    }

    public var effectiveVersion: PolicyVersion { version?.value ?? .legacy }
}

public struct PolicyStatement: Sendable {
    /// 0-based position in the Statement array, used when a statement has no Sid.
    public let index: Int
    public let position: SourcePosition
    /// Just past the statement's closing brace, when it was read from text.
    public let end: SourcePosition?
    public let sid: Located<String>?
    public let effect: Located<Effect>
    public let principal: PrincipalElement?
    public let action: ActionElement?
    public let resource: ResourceElement?
    public let conditions: [ConditionBlock]

    public init(
        index: Int, position: SourcePosition, end: SourcePosition? = nil, sid: Located<String>?, effect: Located<Effect>,
        principal: PrincipalElement?, action: ActionElement?, resource: ResourceElement?, conditions: [ConditionBlock]
    ) {
        self.index = index
        self.position = position
        self.end = end
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }

    /// How explanations name the statement: its Sid when it has one, its place otherwise.
    public var label: String {
        if let sid = sid?.value, !sid.isEmpty { return "statement \"\(sid)\"" }
        return "statement #\(index + 1)"
    }
}

/// Action or NotAction: the listed patterns, and whether the statement is about everything *but* them.
public struct ActionElement: Sendable {
    public let isNegated: Bool
    public let patterns: [Located<String>]
    public let position: SourcePosition

    public init(isNegated: Bool, patterns: [Located<String>], position: SourcePosition) {
        self.isNegated = isNegated
        self.patterns = patterns
        self.position = position
    }

    public var elementName: String { isNegated ? "NotAction" : "Action" }
}

/// Resource or NotResource.
public struct ResourceElement: Sendable {
    public let isNegated: Bool
    public let patterns: [Located<String>]
    public let position: SourcePosition

    public init(isNegated: Bool, patterns: [Located<String>], position: SourcePosition) {
        self.isNegated = isNegated
        self.patterns = patterns
        self.position = position
    }

    public var elementName: String { isNegated ? "NotResource" : "Resource" }
}

/// Principal or NotPrincipal.
public struct PrincipalElement: Sendable {
    public let isNegated: Bool
    /// `"Principal": "*"` — everyone, including anonymous callers.
    public let isEveryone: Bool
    public let entries: [PrincipalEntry]
    public let position: SourcePosition

    public init(isNegated: Bool, isEveryone: Bool, entries: [PrincipalEntry], position: SourcePosition) {
        self.isNegated = isNegated
        self.isEveryone = isEveryone
        self.entries = entries
        self.position = position
    }

    public var elementName: String { isNegated ? "NotPrincipal" : "Principal" }
}

public struct PrincipalEntry: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    public let kind: Kind
    public let value: Located<String>

    public init(kind: Kind, value: Located<String>) {
        self.kind = kind
        self.value = value
    }
}

/// One operator of a Condition element and the keys it tests, e.g. `"StringEquals": {"aws:username": "a"}`.
public struct ConditionBlock: Sendable {
    public let operatorName: Located<String>
    public let entries: [ConditionEntry]

    public init(operatorName: Located<String>, entries: [ConditionEntry]) {
        self.operatorName = operatorName
        self.entries = entries
    }
}

public struct ConditionEntry: Sendable {
    public let key: Located<String>
    public let values: [Located<String>]

    public init(key: Located<String>, values: [Located<String>]) {
        self.key = key
        self.values = values
    }
}
