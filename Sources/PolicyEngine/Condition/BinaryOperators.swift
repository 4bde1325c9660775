import Foundation

/// `BinaryEquals` compares the bytes that the base64 text of the policy and of the request decode to.
enum BinaryOperators {
    static let all: [ConditionOperator] = [
        ConditionOperator(
            name: "BinaryEquals", family: .binary, isNegated: false, acceptsPolicyVariables: false, acceptsWildcards: false,
            readOperand: { decode($0.templateText).map(ConditionOperand.bytes) },
            compare: { requestValue, operand in
                guard case .bytes(let expected) = operand, let actual = decode(requestValue) else { return false }
                return actual == expected
            }),
    ]

    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }
}
