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

    public var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .integer(let number): return number
        case .double(let number) where number == number.rounded(): return Int(number)
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text): return text == "true" ? true : text == "false" ? false : nil
        default: return nil
        }
    }

    public var listValue: [AWSValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

extension AWSValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: AWSValue...) { self = .list(elements) }
}
