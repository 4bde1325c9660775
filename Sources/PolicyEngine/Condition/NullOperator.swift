/// `Null` tests presence, not value: `"Null": {"aws:TokenIssueTime": "true"}` holds when the key is absent.
/// It has no `…IfExists` form and is evaluated by `CompiledCondition` before any value comparison.
enum NullOperator {
    static let all: [ConditionOperator] = [
        ConditionOperator(
            name: "Null", family: .null, isNegated: false, acceptsPolicyVariables: false, acceptsWildcards: false,
            readOperand: { BooleanOperators.readBoolean($0.templateText).map(ConditionOperand.boolean) },
            compare: { _, _ in false }),
    ]
}
