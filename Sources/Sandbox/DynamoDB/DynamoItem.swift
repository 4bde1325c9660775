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

    /// DynamoDB allows 32 levels of nested lists and maps.
    static let maximumNesting = 32

    static func parse(_ value: AWSValue, depth: Int) throws(DynamoValidation) -> DynamoAttribute {
        guard let members = value.members, let member = members.first else { throw .notAnAttribute }
        guard members.count == 1 else {
            throw .invalid("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        switch member.key {
        case "S": guard let text = member.value.stringValue else { throw .notAnAttribute }; return .string(text)
        case "N": guard let text = member.value.stringValue else { throw .notAnAttribute }; return .number(try DynamoNumber.validated(text))
        case "B": guard let text = member.value.stringValue else { throw .notAnAttribute }; return .binary(text)
        case "BOOL": guard let flag = member.value.boolValue else { throw .notAnAttribute }; return .bool(flag)
        case "NULL": return .null
        case "L", "M":
            guard depth < maximumNesting else { throw .invalid("Nesting Levels have exceeded supported limits") }
            if member.key == "M" {
                guard let map = member.value.members else { throw .notAnAttribute }
                var attributes: [NamedAttribute] = []
                for entry in map { attributes.append(NamedAttribute(name: entry.key, attribute: try parse(entry.value, depth: depth + 1))) }
                return .map(attributes)
            }
            guard let items = member.value.listValue else { throw .notAnAttribute }
            var values: [DynamoAttribute] = []
            for item in items { values.append(try parse(item, depth: depth + 1)) }
            return .list(values)
        case "SS", "NS":
            let items = member.value.listValue?.compactMap(\.stringValue) ?? []
            let kind = member.key == "SS" ? "string" : "number"
            guard !items.isEmpty else { throw .invalid("One or more parameter values were invalid: An \(kind) set  may not be empty") }
            guard Set(items).count == items.count else {
                // DynamoDB writes the collection as Java does: `[a, a]`.
                throw .invalid("One or more parameter values were invalid: Input collection [\(items.joined(separator: ", "))] contains duplicates.")
            }
            if member.key == "SS" { return .stringSet(items) }
            var numbers: [String] = []
            for item in items { numbers.append(try DynamoNumber.validated(item)) }
            return .numberSet(numbers)
        default: throw .notAnAttribute
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

    static func parse(_ value: AWSValue) throws(DynamoValidation) -> DynamoItem {
        guard let members = value.members else { throw .notAnAttribute }
        var attributes: [NamedAttribute] = []
        for member in members {
            attributes.append(NamedAttribute(name: member.key, attribute: try DynamoAttribute.parse(member.value, depth: 1)))
        }
        let item = DynamoItem(attributes: attributes)
        guard item.size <= Self.maximumSize else { throw .invalid("Item size has exceeded the maximum allowed size") }
        return item
    }

    /// DynamoDB's item size limit: 400 KB, counting names and values.
    static let maximumSize = 400 * 1024

    /// The item's size as DynamoDB counts it, closely enough for the limit: UTF-8 lengths of names and values,
    /// about one byte per number digit pair, and the overhead of lists and maps.
    var size: Int { attributes.reduce(0) { $0 + $1.name.utf8.count + $1.attribute.size } }

    subscript(name: String) -> DynamoAttribute? {
        attributes.first { $0.name == name }?.attribute
    }

    var value: AWSValue {
        .object(attributes.map { AWSValue.Member($0.name, $0.attribute.value) })
    }
}

extension DynamoAttribute {
    var size: Int {
        switch self {
        case .string(let text), .binary(let text): return text.utf8.count
        case .number(let text): return (text.count + 1) / 2 + 1
        case .bool, .null: return 1
        case .list(let items): return 3 + items.reduce(0) { $0 + 1 + $1.size }
        case .map(let attributes): return 3 + attributes.reduce(0) { $0 + 1 + $1.name.utf8.count + $1.attribute.size }
        case .stringSet(let items): return items.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let items): return items.reduce(0) { $0 + ($1.count + 1) / 2 + 1 }
        }
    }
}

/// Why DynamoDB refuses a value in a request.
enum DynamoValidation: Error, Equatable {
    /// Not a single typed attribute value: the caller reports it in its own words.
    case notAnAttribute
    /// A ValidationException with DynamoDB's message.
    case invalid(String)
}

/// DynamoDB's number rules: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126.
enum DynamoNumber {
    static func validated(_ text: String) throws(DynamoValidation) -> String {
        let trimmed = text.trimmingWhitespace
        guard let parsed = Decimalish(trimmed) else { throw .invalid("A value provided cannot be converted into a number") }
        guard parsed.significantDigits <= 38 else { throw .invalid("Attempting to store more than 38 significant digits in a Number") }
        guard !parsed.isZero else { return trimmed }
        if parsed.exponent > 125 { throw .invalid("Number overflow. Attempting to store a number with magnitude larger than supported range") }
        if parsed.exponent < -130 { throw .invalid("Number underflow. Attempting to store a number with magnitude smaller than supported range") }
        return trimmed
    }

    /// A decimal number read digit by digit: no Double, so neither precision nor range is lost before checking.
    struct Decimalish {
        var digits: [UInt8] = []
        /// The power of ten of the first significant digit.
        var exponent = 0
        var isZero: Bool { digits.isEmpty }
        var significantDigits: Int { digits.count }

        init?(_ text: String) {
            var bytes = Array(text.utf8)[...]
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            var mantissa: [UInt8] = []
            var pointOffset: Int?
            var sawDigit = false
            while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
                bytes = bytes.dropFirst()
                if byte == UInt8(ascii: ".") {
                    guard pointOffset == nil else { return nil }
                    pointOffset = mantissa.count
                } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    mantissa.append(byte - UInt8(ascii: "0"))
                    sawDigit = true
                } else {
                    return nil
                }
            }
            guard sawDigit else { return nil }
            var exponentValue = 0
            if !bytes.isEmpty {
                bytes = bytes.dropFirst()
                var negative = false
                if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                    negative = bytes.first == UInt8(ascii: "-")
                    bytes = bytes.dropFirst()
                }
                guard !bytes.isEmpty else { return nil }
                for byte in bytes {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    // Saturate: anything this far out is out of range either way.
                    exponentValue = min(exponentValue * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
                }
                if negative { exponentValue = -exponentValue }
            }
            let integerDigits = pointOffset ?? mantissa.count
            guard let firstSignificant = mantissa.firstIndex(where: { $0 != 0 }) else { return }
            let lastSignificant = mantissa.lastIndex(where: { $0 != 0 })!
            digits = Array(mantissa[firstSignificant...lastSignificant])
            exponent = integerDigits - firstSignificant - 1 + exponentValue
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars = scalars.dropFirst() }
        while scalars.last?.isWhitespace == true { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
