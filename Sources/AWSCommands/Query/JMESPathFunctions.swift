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
            typeError(in: name, value: value, expected: expected)
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
            // Every element must be a string, as python-jmespath checks, naming the first that is not by its Python type.
            if let stray = elements.first(where: { $0.stringValue == nil }) {
                throw typeError(in: name, value: stray, expected: ["array-string"], received: PythonText.typeName(stray))
            }
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
        case "abs":
            try arity(1)
            switch arguments[0] {
            case .integer(let number) where number != .min: return .integer(abs(number))
            case .integer(let number): return .double(abs(Double(number)))
            case .double(let number): return .double(abs(number))
            default: throw invalidType(arguments[0], expected: ["number"])
            }
        case "ceil", "floor":
            try arity(1)
            guard let number = arguments[0].doubleValue else { throw invalidType(arguments[0], expected: ["number"]) }
            if case .integer = arguments[0] { return arguments[0] }
            let rounded = name == "ceil" ? number.rounded(.up) : number.rounded(.down)
            // Python's math.ceil and floor give integers; outside Int's range, keep the float rather than trap.
            return abs(rounded) < 9.0e18 ? .integer(Int(rounded)) : .double(rounded)
        case "sum", "avg":
            try arity(1)
            guard case .list(let elements) = arguments[0] else { throw invalidType(arguments[0], expected: ["array-number"]) }
            if let stray = elements.first(where: { $0.doubleValue == nil }) {
                // python-jmespath names the offending element with its Python type name here, not a JMESPath one.
                throw typeError(in: name, value: stray, expected: ["array-number"], received: PythonText.typeName(stray))
            }
            if name == "avg" {
                guard !elements.isEmpty else { return .null }
                return .double(elements.reduce(0) { $0 + $1.doubleValue! } / Double(elements.count))
            }
            var integerSum = 0
            var allIntegers = true
            for element in elements {
                guard case .integer(let number) = element else { allIntegers = false; break }
                let (total, overflow) = integerSum.addingReportingOverflow(number)
                if overflow { allIntegers = false; break }
                integerSum = total
            }
            return allIntegers ? .integer(integerSum) : .double(elements.reduce(0) { $0 + $1.doubleValue! })
        case "reverse":
            try arity(1)
            switch arguments[0] {
            case .list(let elements): return .list(elements.reversed())
            case .string(let text): return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
            default: throw invalidType(arguments[0], expected: ["string", "array"])
            }
        case "to_array":
            try arity(1)
            if case .list = arguments[0] { return arguments[0] }
            return .list([arguments[0]])
        case "to_number":
            try arity(1)
            switch arguments[0] {
            case .integer, .double: return arguments[0]
            case .string(let text):
                if let number = Int(text) { return .integer(number) }
                if let number = Double(text), number.isFinite { return .double(number) }
                return .null
            default: return .null
            }
        case "merge":
            guard !arguments.isEmpty else {
                throw .evaluation("Expected at least 1 argument for function merge(), received 0")
            }
            var merged: [(String, AWSValue)] = []
            for argument in arguments {
                guard case .object(let members) = argument else { throw invalidType(argument, expected: ["object"]) }
                for member in members {
                    if let index = merged.firstIndex(where: { $0.0 == member.key }) { merged[index].1 = member.value } else { merged.append((member.key, member.value)) }
                }
            }
            return .object(pairs: merged)
        default:
            throw .evaluation("Unknown function: \(name)()")
        }
    }

    static func typeError(in name: String, value: AWSValue, expected: [String], received: String? = nil) -> JMESPathError {
        let list = "[" + expected.map { "'\($0)'" }.joined(separator: ", ") + "]"
        return .evaluation("In function \(name)(), invalid type for value: \(PythonText.str(value)), expected one of: \(list), received: \"\(received ?? typeName(value))\"")
    }

    /// map, sort_by, max_by and min_by: the functions that take an expression (`&Key`) to apply to each element.
    /// For sort_by, max_by and min_by the expression is the second argument is an expression (`&Key`) applied to each
    /// element. Keys must all be numbers or all strings, as python-jmespath requires.
    static func callByExpression(_ name: String, _ arguments: [JMESPathNode], on value: AWSValue,
                                 evaluate: (JMESPathNode, AWSValue) throws(JMESPathError) -> AWSValue) throws(JMESPathError) -> AWSValue {
        guard arguments.count == 2 else {
            throw .evaluation("Expected 2 arguments for function \(name)(), received \(arguments.count)")
        }
        if name == "map" {
            guard case .expressionReference(let expression) = arguments[0] else {
                throw typeError(in: name, value: try evaluate(arguments[0], value), expected: ["expref"])
            }
            let subject = try evaluate(arguments[1], value)
            guard case .list(let elements) = subject else { throw typeError(in: name, value: subject, expected: ["array"]) }
            var results: [AWSValue] = []
            for element in elements { results.append(try evaluate(expression, element)) }
            return .list(results)
        }
        let subject = try evaluate(arguments[0], value)
        guard case .list(let elements) = subject else { throw typeError(in: name, value: subject, expected: ["array"]) }
        guard case .expressionReference(let expression) = arguments[1] else {
            throw typeError(in: name, value: try evaluate(arguments[1], value), expected: ["expref"])
        }
        guard !elements.isEmpty else { return name == "sort_by" ? subject : .null }
        var keys: [AWSValue] = []
        for element in elements { keys.append(try evaluate(expression, element)) }
        // sort_by takes the type of the first key as the one all must have; max_by and min_by accept either.
        let firstType = typeName(keys[0])
        guard firstType == "number" || firstType == "string" else {
            // python-jmespath names the first element (not its key) for sort_by, and the key for the others.
            if name == "sort_by" { throw typeError(in: name, value: elements[0], expected: ["string", "number"], received: firstType) }
            throw typeError(in: name, value: keys[0], expected: ["number", "string"])
        }
        for key in keys where typeName(key) != firstType {
            let isComparable = typeName(key) == "number" || typeName(key) == "string"
            throw typeError(in: name, value: key, expected: name == "sort_by" || isComparable ? [firstType] : ["number", "string"])
        }
        let less: (AWSValue, AWSValue) -> Bool = firstType == "string"
            ? { PythonOrder.less($0.stringValue!, $1.stringValue!) }
            : { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }
        let order = elements.indices.sorted { less(keys[$0], keys[$1]) || (!less(keys[$1], keys[$0]) && $0 < $1) }
        switch name {
        case "sort_by": return .list(order.map { elements[$0] })
        case "max_by":
            // Python's max keeps the first of equal maxima.
            let best = order.last!
            return elements[order.first { !less(keys[$0], keys[best]) }!]
        default: return elements[order.first!]
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
