/// Numeric operators compare integers and decimals as numbers, so "10" equals "10.0".
enum NumericOperators {
    static let all: [ConditionOperator] = [
        numeric("NumericEquals", negated: false, { $0 == $1 }),
        numeric("NumericNotEquals", negated: true, { $0 == $1 }),
        numeric("NumericLessThan", negated: false, { $0 < $1 }),
        numeric("NumericLessThanEquals", negated: false, { $0 <= $1 }),
        numeric("NumericGreaterThan", negated: false, { $0 > $1 }),
        numeric("NumericGreaterThanEquals", negated: false, { $0 >= $1 }),
    ]

    static func readNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) else { return nil }
        return Double(trimmed)
    }

    private static func numeric(_ name: String, negated: Bool, _ relation: @escaping @Sendable (Double, Double) -> Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .numeric, isNegated: negated, acceptsPolicyVariables: false, acceptsWildcards: false,
            readOperand: { readNumber($0.templateText).map(ConditionOperand.number) },
            compare: { requestValue, operand in
                guard case .number(let expected) = operand, let actual = readNumber(requestValue) else { return false }
                return relation(actual, expected)
            })
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
