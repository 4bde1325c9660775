/// ARN operators: AWS documents ArnEquals and ArnLike alike — each of the six parts is compared
/// case-sensitively and may hold `*` and `?` — so both use `ArnPattern`.
enum ArnOperators {
    static let all: [ConditionOperator] = [
        arn("ArnEquals", negated: false),
        arn("ArnLike", negated: false),
        arn("ArnNotEquals", negated: true),
        arn("ArnNotLike", negated: true),
    ]

    private static func arn(_ name: String, negated: Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .arn, isNegated: negated, acceptsPolicyVariables: true, acceptsWildcards: true,
            readOperand: { tokens in
                let text = tokens.templateText
                guard text.hasPrefix("arn:") || text == "*" else { return nil }
                return .arn(ArnPattern(tokens: tokens))
            },
            compare: { requestValue, operand in
                guard case .arn(let pattern) = operand, ARN(requestValue) != nil else { return false }
                return pattern.matches(requestValue)
            })
    }
}
