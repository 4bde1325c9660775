import AWSModel
/// The JMESPath built-in functions this subset implements, with python-jmespath's error texts.
enum JMESPathFunctions {
    static func call(_ name: String, _ arguments: [AWSValue]) throws(JMESPathError) -> AWSValue {
        func arity(_ expected: Int) throws(JMESPathError) {
            guard arguments.count == expected else {
                throw .evaluation("Expected \(expected) argument\(expected == 1 ? "" : "s") for function \(name)(), received \(arguments.count)")
            }
        }
        func invalidType(_ value: AWSValue, expected: [String]) -> JMESPathError {
            let list = "[" + expected.map { "'\($0)'" }.joined(separator: ", ") + "]"
            return .evaluation("In function \(name)(), invalid type for value: \(PythonText.str(value)), expected one of: \(list), received: \"\(typeName(value))\"")
        }
        switch name {
        case "length":
            try arity(1)
            switch arguments[0] {
            case .string(let text): return .integer(text.unicodeScalars.count)
            case .list(let elements): return .integer(elements.count)
            case .object(let members): return .integer(members.count)
            default: throw invalidType(arguments[0], expected: ["string", "array", "object"])
            }
        case "contains":
            try arity(2)
            switch arguments[0] {
            case .string(let text):
                guard case .string(let needle) = arguments[1] else { return .bool(false) }
                return .bool(text.contains(needle))
            case .list(let elements): return .bool(elements.contains(arguments[1]))
            default: throw invalidType(arguments[0], expected: ["array", "string"])
            }
        case "starts_with", "ends_with":
            try arity(2)
            guard case .string(let text) = arguments[0] else { throw invalidType(arguments[0], expected: ["string"]) }
            guard case .string(let affix) = arguments[1] else { throw invalidType(arguments[1], expected: ["string"]) }
            return .bool(name == "starts_with" ? text.hasPrefix(affix) : text.hasSuffix(affix))
        case "keys", "values":
            try arity(1)
            guard case .object(let members) = arguments[0] else { throw invalidType(arguments[0], expected: ["object"]) }
            return .list(name == "keys" ? members.map { .string($0.key) } : members.map(\.value))
        case "join":
            try arity(2)
            guard case .string(let glue) = arguments[0] else { throw invalidType(arguments[0], expected: ["string"]) }
            guard case .list(let elements) = arguments[1] else { throw invalidType(arguments[1], expected: ["array-string"]) }
            return .string(elements.compactMap(\.stringValue).joined(separator: glue))
        case "to_string":
            try arity(1)
            if case .string = arguments[0] { return arguments[0] }
            return .string(CompactJSON.render(arguments[0]))
        case "type":
            try arity(1)
            return .string(typeName(arguments[0]))
        case "not_null":
            return arguments.first { $0 != .null } ?? .null
        case "sort":
            try arity(1)
            guard case .list(let elements) = arguments[0] else { throw invalidType(arguments[0], expected: ["array-number", "array-string"]) }
            if elements.allSatisfy({ $0.stringValue != nil }) {
                return .list(elements.sorted { PythonOrder.less($0.stringValue!, $1.stringValue!) })
            }
            return .list(elements.sorted { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) })
        case "max", "min":
            try arity(1)
            guard case .list(let elements) = arguments[0] else { throw invalidType(arguments[0], expected: ["array-number", "array-string"]) }
            guard !elements.isEmpty else { return .null }
            if elements.allSatisfy({ $0.stringValue != nil }) {
                let sorted = elements.sorted { PythonOrder.less($0.stringValue!, $1.stringValue!) }
                return name == "max" ? sorted.last! : sorted.first!
            }
            let sorted = elements.sorted { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }
            return name == "max" ? sorted.last! : sorted.first!
        default:
            throw .evaluation("Unknown function: \(name)()")
        }
    }

    static func typeName(_ value: AWSValue) -> String {
        switch value {
        case .string: return "string"
        case .integer, .double: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        case .list: return "array"
        case .object: return "object"
        }
    }
}
