/// A place in a source text, 1-based, as editors and compilers print it.
public struct SourcePosition: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourcePosition(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}

/// A JSON value that remembers where it was written, so a policy error can point at the offending element.
public struct JSONNode: Equatable, Sendable {
    /// Not `indirect`: arrays already hold nested nodes out of line, and boxing every value cost an allocation
    /// per node, which was most of the cost of reading a transcript record.
    public enum Value: Equatable, Sendable {
        case string(String)
        /// Kept as written: IAM policies compare numbers as text in some places and as numbers in others.
        case number(String)
        case bool(Bool)
        case null
        case array([JSONNode])
        /// Members in document order; duplicates are kept because IAM reports them.
        case object([JSONMember])
    }

    public let value: Value
    public let position: SourcePosition
    /// For an object: just past its closing brace, where IAM's policy simulator ends a statement.
    public let end: SourcePosition?

    public init(_ value: Value, at position: SourcePosition, end: SourcePosition? = nil) {
        self.value = value
        self.position = position
        self.end = end
    }

    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The first member with this exact key.
    public func member(_ key: String) -> JSONMember? {
        members?.first { $0.key == key }
    }

    /// A short name for the JSON type, used in error messages ("expected a string, found an array").
    public var kindName: String {
        switch value {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

public struct JSONMember: Equatable, Sendable {
    public let key: String
    public let keyPosition: SourcePosition
    public let value: JSONNode

    public init(key: String, keyPosition: SourcePosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// Why a text is not JSON, and where the scanner gave up.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let reason: String
    public let position: SourcePosition
}
