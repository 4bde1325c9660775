/// A policy condition value as its operator reads it, prepared once when the policy is compiled.
enum ConditionOperand: Sendable, Equatable {
    case text(String)
    case pattern(WildcardPattern)
    case number(Double)
    /// Seconds since 1970-01-01T00:00:00Z.
    case instant(Double)
    case boolean(Bool)
    case bytes([UInt8])
    case network(IPNetwork)
    case arn(ArnPattern)
}

/// One row of the condition operator table: how a family reads policy values and compares a request
/// value with one of them. Negation, `…IfExists` and the set operators are applied uniformly on top
/// (see `CompiledCondition`), so each row states only its positive comparison.
struct ConditionOperator: Sendable {
    let name: String
    let family: ConditionFamily
    /// `StringNotEquals` and friends: true when the request value matches *none* of the policy values.
    let isNegated: Bool
    let acceptsPolicyVariables: Bool
    let acceptsWildcards: Bool
    /// Nil when the policy value cannot be read by this operator (IAM rejects numbers like "ten").
    let readOperand: @Sendable (_ policyValue: [UInt16]) -> ConditionOperand?
    let compare: @Sendable (_ requestValue: String, _ operand: ConditionOperand) -> Bool
}

enum ConditionFamily: String, Sendable {
    case string = "String"
    case numeric = "Numeric"
    case date = "Date"
    case boolean = "Bool"
    case binary = "Binary"
    case ipAddress = "IpAddress"
    case arn = "Arn"
    case null = "Null"

    /// Whether an invalid policy value makes IAM reject the document (rather than silently never match).
    var rejectsUnreadableValues: Bool {
        switch self {
        case .numeric, .date, .ipAddress, .null: return true
        case .string, .boolean, .binary, .arn: return false
        }
    }

    var expectedValue: String {
        switch self {
        case .string: return "a string"
        case .numeric: return "a number"
        case .date: return "a date such as 2026-01-31T12:00:00Z or epoch seconds"
        case .boolean: return "true or false"
        case .binary: return "base64-encoded bytes"
        case .ipAddress: return "an IPv4 or IPv6 address or CIDR block"
        case .arn: return "an ARN"
        case .null: return "true or false"
        }
    }
}
