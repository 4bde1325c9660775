/// String operators: exact (case-sensitive or not) and `Like` with `*` and `?`.
enum StringOperators {
    static let all: [ConditionOperator] = [
        exact("StringEquals", negated: false),
        exact("StringNotEquals", negated: true),
        ignoringCase("StringEqualsIgnoreCase", negated: false),
        ignoringCase("StringNotEqualsIgnoreCase", negated: true),
        like("StringLike", negated: false),
        like("StringNotLike", negated: true),
    ]

    private static func exact(_ name: String, negated: Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .string, isNegated: negated, acceptsPolicyVariables: true, acceptsWildcards: false,
            readOperand: { .text($0.templateText) },
            compare: { requestValue, operand in
                if case .text(let expected) = operand { return requestValue == expected }
                return false
            })
    }

    private static func ignoringCase(_ name: String, negated: Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .string, isNegated: negated, acceptsPolicyVariables: true, acceptsWildcards: false,
            readOperand: { .text($0.templateText.lowercased()) },
            compare: { requestValue, operand in
                if case .text(let expected) = operand { return requestValue.lowercased() == expected }
                return false
            })
    }

    private static func like(_ name: String, negated: Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .string, isNegated: negated, acceptsPolicyVariables: true, acceptsWildcards: true,
            readOperand: { .pattern(WildcardPattern(tokens: $0, caseInsensitive: false)) },
            compare: { requestValue, operand in
                if case .pattern(let pattern) = operand { return pattern.matches(requestValue) }
                return false
            })
    }
}
