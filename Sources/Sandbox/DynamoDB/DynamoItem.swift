import AWSModel

/// A DynamoDB attribute value in its typed form (`{"S": "x"}`, `{"N": "1"}`, …).
indirect enum DynamoAttribute: Codable, Hashable, Sendable {
    case string(String)
    case number(String)
    case binary(String)
    case bool(Bool)
    case null
    case list([DynamoAttribute])
    case map([NamedAttribute])
    case stringSet([String])
    case numberSet([String])

    init?(_ value: AWSValue) {
        guard let members = value.members, members.count == 1, let member = members.first else { return nil }
        switch member.key {
        case "S": guard let text = member.value.stringValue else { return nil }; self = .string(text)
        case "N": guard let text = member.value.stringValue, Double(text) != nil else { return nil }; self = .number(text)
        case "B": guard let text = member.value.stringValue else { return nil }; self = .binary(text)
        case "BOOL": guard let flag = member.value.boolValue else { return nil }; self = .bool(flag)
        case "NULL": self = .null
        case "L":
            guard let items = member.value.listValue else { return nil }
            var values: [DynamoAttribute] = []
            for item in items { guard let value = DynamoAttribute(item) else { return nil }; values.append(value) }
            self = .list(values)
        case "M":
            guard let map = DynamoItem(member.value) else { return nil }
            self = .map(map.attributes)
        case "SS": self = .stringSet(member.value.listValue?.compactMap(\.stringValue) ?? [])
        case "NS": self = .numberSet(member.value.listValue?.compactMap(\.stringValue) ?? [])
        default: return nil
        }
    }

    var value: AWSValue {
        switch self {
        case .string(let text): return .object([.init("S", .string(text))])
        case .number(let text): return .object([.init("N", .string(text))])
        case .binary(let text): return .object([.init("B", .string(text))])
        case .bool(let flag): return .object([.init("BOOL", .bool(flag))])
        case .null: return .object([.init("NULL", true)])
        case .list(let items): return .object([.init("L", .list(items.map(\.value)))])
        case .map(let attributes): return .object([.init("M", DynamoItem(attributes: attributes).value)])
        case .stringSet(let items): return .object([.init("SS", .list(items.map(AWSValue.string)))])
        case .numberSet(let items): return .object([.init("NS", .list(items.map(AWSValue.string)))])
        }
    }

    /// The type letter DynamoDB compares with a key's declared AttributeType.
    var typeName: String {
        switch self {
        case .string: return "S"
        case .number: return "N"
        case .binary: return "B"
        case .bool: return "BOOL"
        case .null: return "NULL"
        case .list: return "L"
        case .map: return "M"
        case .stringSet: return "SS"
        case .numberSet: return "NS"
        }
    }
}

struct NamedAttribute: Codable, Hashable, Sendable {
    var name: String
    var attribute: DynamoAttribute
}

/// An item: attributes in the order they were written.
struct DynamoItem: Codable, Hashable, Sendable {
    var attributes: [NamedAttribute]

    init(attributes: [NamedAttribute]) {
        self.attributes = attributes
    }

    init?(_ value: AWSValue) {
        guard let members = value.members else { return nil }
        var attributes: [NamedAttribute] = []
        for member in members {
            guard let attribute = DynamoAttribute(member.value) else { return nil }
            attributes.append(NamedAttribute(name: member.key, attribute: attribute))
        }
        self.attributes = attributes
    }

    subscript(name: String) -> DynamoAttribute? {
        attributes.first { $0.name == name }?.attribute
    }

    var value: AWSValue {
        .object(attributes.map { AWSValue.Member($0.name, $0.attribute.value) })
    }
}
