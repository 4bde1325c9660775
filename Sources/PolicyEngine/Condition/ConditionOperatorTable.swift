/// Every condition operator IAM knows, looked up by name, plus the parsing of the
/// `ForAnyValue:` / `ForAllValues:` prefixes and the `IfExists` suffix.
enum ConditionOperatorTable {
    static let operators: [String: ConditionOperator] = {
        let families: [[ConditionOperator]] = [
            StringOperators.all, NumericOperators.all, DateOperators.all, BooleanOperators.all,
            BinaryOperators.all, IPAddressOperators.all, ArnOperators.all, NullOperator.all,
        ]
        return Dictionary(uniqueKeysWithValues: families.joined().map { ($0.name, $0) })
    }()

    enum SetOperator: String, Sendable {
        case none = ""
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    struct Resolved: Sendable {
        let base: ConditionOperator
        let setOperator: SetOperator
        let ifExists: Bool
    }

    /// Nil for a name IAM does not accept, such as `StringEqual` or `NullIfExists`.
    static func resolve(_ name: String) -> Resolved? {
        var rest = Substring(name)
        var setOperator = SetOperator.none
        for candidate in [SetOperator.forAnyValue, .forAllValues] where rest.hasPrefix(candidate.rawValue + ":") {
            setOperator = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = operators[String(rest)] else { return nil }
        if base.family == .null && (ifExists || setOperator != .none) { return nil }
        return Resolved(base: base, setOperator: setOperator, ifExists: ifExists)
    }
}
