/// An ordered JSON-like value: the parameters of a request and the body of a response, with members in the order
/// the service model gives them, because the aws CLI prints them in that order.
public indirect enum AWSValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case null
    case list([AWSValue])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: AWSValue

        public init(_ key: String, _ value: AWSValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from key–value pairs, dropping nil values so optional members are simply absent, as in AWS.
    public static func object(_ pairs: KeyValuePairs<String, AWSValue?>) -> AWSValue {
        .object(pairs.compactMap { key, value in value.map { Member(key, $0) } })
    }

    public subscript(key: String) -> AWSValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public subscript(index: Int) -> AWSValue? {
        guard case .list(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The text of a `.string`, and nothing else: output formatting depends on telling strings from numbers.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Any scalar as text, for a service reading a parameter whatever type the caller gave it in.
    public var textValue: String? {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .double(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .integer(let number): return number
        case .double(let number) where number == number.rounded(): return Int(exactly: number)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let number): return number
        case .integer(let number): return Double(number)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var listValue: [AWSValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The members as (key, value) pairs.
    public var objectMembers: [(String, AWSValue)]? {
        members?.map { ($0.key, $0.value) }
    }

    /// An object from (key, value) pairs.
    public static func object(pairs: [(String, AWSValue)]) -> AWSValue {
        .object(pairs.map { Member($0.0, $0.1) })
    }

    public var isNull: Bool { self == .null }

    public var isContainer: Bool {
        switch self {
        case .list, .object: return true
        default: return false
        }
    }

    /// A copy with `key` set, replacing an existing member in place or appending a new one.
    public func setting(_ key: String, to value: AWSValue) -> AWSValue {
        var members = members ?? []
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(Member(key, value))
        }
        return .object(members)
    }

    /// A copy without the member `key`.
    public func removing(_ key: String) -> AWSValue {
        guard let members else { return self }
        return .object(members.filter { $0.key != key })
    }
}

extension AWSValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: AWSValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, AWSValue)...) { self = .object(elements.map { Member($0.0, $0.1) }) }
    public init(nilLiteral: ()) { self = .null }
}
