import AWSModel
/// Evaluates a parsed JMESPath expression against a response (python-jmespath's TreeInterpreter semantics).
/// Functions: length, contains, starts_with, ends_with, keys, values, join, to_string, type, not_null,
/// sort, max, min, sort_by, max_by, min_by, map, abs, ceil, floor, sum, avg, reverse, to_array, to_number,
/// merge; any other name fails like an unknown function does in the CLI.
enum JMESPathInterpreter {
    static func evaluate(_ node: JMESPathNode, _ value: AWSValue) throws(JMESPathError) -> AWSValue {
        switch node {
        case .field(let name):
            return value[name] ?? .null
        case .subexpression(let children):
            var result = value
            for child in children { result = try evaluate(child, result) }
            return result
        case .index(let position):
            guard case .list(let elements) = value else { return .null }
            let resolved = position < 0 ? elements.count + position : position
            return elements.indices.contains(resolved) ? elements[resolved] : .null
        case let .slice(start, stop, step):
            guard case .list(let elements) = value else { return .null }
            return .list(slice(elements, start: start, stop: stop, step: step ?? 1))
        case .indexExpression(let children):
            var result = value
            for child in children { result = try evaluate(child, result) }
            return result
        case let .projection(left, right):
            guard case .list(let base) = try evaluate(left, value) else { return .null }
            var collected: [AWSValue] = []
            for element in base {
                let projected = try evaluate(right, element)
                if projected != .null { collected.append(projected) }
            }
            return .list(collected)
        case let .valueProjection(left, right):
            guard case .object(let members) = try evaluate(left, value) else { return .null }
            var collected: [AWSValue] = []
            for member in members.map(\.value) {
                let projected = try evaluate(right, member)
                if projected != .null { collected.append(projected) }
            }
            return .list(collected)
        case let .filterProjection(left, right, condition):
            guard case .list(let base) = try evaluate(left, value) else { return .null }
            var collected: [AWSValue] = []
            for element in base where isTruthy(try evaluate(condition, element)) {
                let projected = try evaluate(right, element)
                if projected != .null { collected.append(projected) }
            }
            return .list(collected)
        case .flatten(let inner):
            guard case .list(let base) = try evaluate(inner, value) else { return .null }
            var merged: [AWSValue] = []
            for element in base {
                if case .list(let nested) = element { merged.append(contentsOf: nested) } else { merged.append(element) }
            }
            return .list(merged)
        case .identity, .current:
            return value
        case .literal(let literal):
            return literal
        case let .comparator(type, left, right):
            return try compare(type, try evaluate(left, value), try evaluate(right, value))
        case let .or(left, right):
            let first = try evaluate(left, value)
            return isTruthy(first) ? first : try evaluate(right, value)
        case let .and(left, right):
            let first = try evaluate(left, value)
            return isTruthy(first) ? try evaluate(right, value) : first
        case .not(let inner):
            return .bool(!isTruthy(try evaluate(inner, value)))
        case let .pipe(left, right):
            return try evaluate(right, try evaluate(left, value))
        case .multiSelectList(let expressions):
            if value == .null { return .null }
            var results: [AWSValue] = []
            for expression in expressions { results.append(try evaluate(expression, value)) }
            return .list(results)
        case .multiSelectHash(let pairs):
            if value == .null { return .null }
            var members: [(String, AWSValue)] = []
            for (key, expression) in pairs { members.append((key, try evaluate(expression, value))) }
            return .object(pairs: members)
        case let .function(name, arguments) where ["sort_by", "max_by", "min_by", "map"].contains(name):
            return try JMESPathFunctions.callByExpression(name, arguments, on: value, evaluate: evaluate)
        case let .function(name, arguments):
            var resolved: [AWSValue] = []
            for argument in arguments {
                if case .expressionReference = argument { resolved.append(.null) } else {
                    resolved.append(try evaluate(argument, value))
                }
            }
            return try JMESPathFunctions.call(name, resolved)
        case .expressionReference:
            return .null
        }
    }

    static func isTruthy(_ value: AWSValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .string(let text): return !text.isEmpty
        case .list(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        case .integer, .double: return true
        }
    }

    /// Ordering, as the jmespath library the CLI runs orders: numbers by value and, beyond the specification,
    /// strings by code point (so `CreateDate>='2026-01-15'` works, as AWS's guides use it); a string against a
    /// number is Python's TypeError; anything else is null.
    private static func compare(_ type: String, _ left: AWSValue, _ right: AWSValue) throws(JMESPathError) -> AWSValue {
        switch type {
        case "eq": return .bool(jmesEquals(left, right))
        case "ne": return .bool(!jmesEquals(left, right))
        default:
            let order: (Bool, Bool, Bool)  // less, equal, greater
            if let lhs = left.doubleValue, let rhs = right.doubleValue {
                order = (lhs < rhs, lhs == rhs, lhs > rhs)
            } else if case .string(let lhs) = left, case .string(let rhs) = right {
                let less = lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
                let equal = lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
                order = (less, equal, !less && !equal)
            } else if let leftType = Self.pythonOrderedType(left), let rightType = Self.pythonOrderedType(right) {
                let symbol = ["lt": "<", "lte": "<=", "gt": ">"][type] ?? ">="
                throw .evaluation("'\(symbol)' not supported between instances of '\(leftType)' and '\(rightType)'")
            } else {
                return .null
            }
            switch type {
            case "lt": return .bool(order.0)
            case "lte": return .bool(order.0 || order.1)
            case "gt": return .bool(order.2)
            default: return .bool(order.2 || order.1)
            }
        }
    }

    /// The Python type name of a value jmespath will try to order: a string or a number (not a boolean).
    private static func pythonOrderedType(_ value: AWSValue) -> String? {
        switch value {
        case .string: "str"
        case .integer: "int"
        case .double: "float"
        default: nil
        }
    }

    private static func jmesEquals(_ left: AWSValue, _ right: AWSValue) -> Bool {
        if let lhs = left.doubleValue, let rhs = right.doubleValue { return lhs == rhs }
        if case .object(let a) = left, case .object(let b) = right {
            return a.count == b.count && a.allSatisfy { member in b.contains { $0.key == member.key && jmesEquals($0.value, member.value) } }
        }
        return left == right
    }

    private static func slice(_ elements: [AWSValue], start: Int?, stop: Int?, step: Int) -> [AWSValue] {
        let count = elements.count
        guard step != 0 else { return [] }
        func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
            guard let value else { return defaultValue }
            if value < 0 { return Swift.max(value + count, step < 0 ? -1 : 0) }
            return Swift.min(value, step < 0 ? count - 1 : count)
        }
        var result: [AWSValue] = []
        if step > 0 {
            var position = clamp(start, 0)
            let end = clamp(stop, count)
            while position < end { result.append(elements[position]); position += step }
        } else {
            var position = clamp(start, count - 1)
            let end = clamp(stop, -1)
            while position > end { result.append(elements[position]); position += step }
        }
        return result
    }
}
