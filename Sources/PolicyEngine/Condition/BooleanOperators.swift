/// `Bool` compares "true"/"false" without regard to case, as keys such as aws:SecureTransport arrive.
enum BooleanOperators {
    static let all: [ConditionOperator] = [
        ConditionOperator(
            name: "Bool", family: .boolean, isNegated: false, acceptsPolicyVariables: true, acceptsWildcards: false,
            readOperand: { readBoolean($0.templateText).map(ConditionOperand.boolean) },
            compare: { requestValue, operand in
                guard case .boolean(let expected) = operand, let actual = readBoolean(requestValue) else { return false }
                return actual == expected
            }),
    ]

    static func readBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
