@testable import PolicyEngine
import Testing

/// One row: operator, the policy's values, the request's values (nil = key absent), expected result.
struct ConditionCase: Sendable, CustomTestStringConvertible {
    let op: String
    let policy: [String]
    let request: [String]?
    let holds: Bool
    var testDescription: String { "\(op) \(policy) vs \(request.map { "\($0)" } ?? "missing") → \(holds)" }

    init(_ op: String, _ policy: [String], _ request: [String]?, _ holds: Bool) {
        self.op = op
        self.policy = policy
        self.request = request
        self.holds = holds
    }

    func run(version: PolicyVersion = .current, extra: [String: [String]] = [:]) -> Bool? {
        guard let resolved = ConditionOperatorTable.resolve(op) else { return nil }
        let condition = CompiledCondition(operatorName: op, resolved: resolved, key: "test:Key", values: policy, version: version)
        var values = extra
        if let request { values["test:key"] = request }
        return condition.holds(in: FixedContext(values: values))
    }
}

@Suite struct ConditionOperatorTests {
    static let string: [ConditionCase] = [
        .init("StringEquals", ["a"], ["a"], true), .init("StringEquals", ["a"], ["A"], false),
        .init("StringEquals", ["a", "b"], ["b"], true), .init("StringEquals", ["a*"], ["abc"], false),
        .init("StringEquals", ["a"], nil, false),
        .init("StringNotEquals", ["a", "b"], ["c"], true), .init("StringNotEquals", ["a", "b"], ["b"], false),
        .init("StringNotEquals", ["a"], nil, true),
        .init("StringEqualsIgnoreCase", ["Team"], ["TEAM"], true), .init("StringNotEqualsIgnoreCase", ["Team"], ["TEAM"], false),
        .init("StringLike", ["home/*"], ["home/a/b"], true), .init("StringLike", ["home/?"], ["home/ab"], false),
        .init("StringNotLike", ["home/*"], ["work/a"], true), .init("StringNotLike", ["home/*"], ["home/a"], false),
        .init("StringEqualsIfExists", ["a"], nil, true), .init("StringEqualsIfExists", ["a"], ["b"], false),
    ]
    static let numeric: [ConditionCase] = [
        .init("NumericEquals", ["10"], ["10.0"], true), .init("NumericNotEquals", ["10"], ["11"], true),
        .init("NumericLessThan", ["10"], ["9"], true), .init("NumericLessThan", ["10"], ["10"], false),
        .init("NumericLessThanEquals", ["10"], ["10"], true), .init("NumericGreaterThan", ["10"], ["10.5"], true),
        .init("NumericGreaterThanEquals", ["10"], ["9.99"], false), .init("NumericLessThan", ["10"], ["ten"], false),
        .init("NumericLessThan", ["10"], nil, false), .init("NumericLessThanIfExists", ["10"], nil, true),
    ]
    static let date: [ConditionCase] = [
        .init("DateLessThan", ["2026-12-31T23:59:59Z"], ["2026-06-01T00:00:00Z"], true),
        .init("DateLessThan", ["2026-12-31"], ["2027-01-01T00:00:00Z"], false),
        .init("DateGreaterThan", ["2026-01-01T00:00:00Z"], ["1767225601"], true),
        .init("DateEquals", ["2026-01-01T01:00:00+01:00"], ["2026-01-01T00:00:00Z"], true),
        .init("DateNotEquals", ["2026-01-01T00:00:00Z"], ["2026-01-01T00:00:00.500Z"], true),
        .init("DateLessThanEquals", ["2026-01-01T00:00:00Z"], ["2026-01-01T00:00:00Z"], true),
        .init("DateGreaterThanEquals", ["2026-01-01T00:00:00Z"], ["2025-12-31T23:59:59Z"], false),
    ]
    static let boolean: [ConditionCase] = [
        .init("Bool", ["true"], ["true"], true), .init("Bool", ["true"], ["TRUE"], true),
        .init("Bool", ["true"], ["false"], false), .init("Bool", ["false"], nil, false),
        .init("BoolIfExists", ["false"], nil, true),
    ]
    static let binary: [ConditionCase] = [
        .init("BinaryEquals", ["QmluYXJ5"], ["QmluYXJ5"], true), .init("BinaryEquals", ["QmluYXJ5"], ["QmluYXJ6"], false),
    ]
    static let ip: [ConditionCase] = [
        .init("IpAddress", ["203.0.113.0/24"], ["203.0.113.7"], true), .init("IpAddress", ["203.0.113.0/24"], ["203.0.114.7"], false),
        .init("IpAddress", ["203.0.113.7"], ["203.0.113.7"], true), .init("IpAddress", ["0.0.0.0/0"], ["8.8.8.8"], true),
        .init("IpAddress", ["2001:db8::/32"], ["2001:db8:1::5"], true), .init("IpAddress", ["2001:db8::/32"], ["2001:db9::5"], false),
        .init("IpAddress", ["2001:db8::/32"], ["203.0.113.7"], false), .init("NotIpAddress", ["10.0.0.0/8"], ["203.0.113.7"], true),
        .init("NotIpAddress", ["10.0.0.0/8"], ["10.1.2.3"], false), .init("NotIpAddress", ["10.0.0.0/8"], nil, true),
    ]
    static let arn: [ConditionCase] = [
        .init("ArnEquals", ["arn:aws:iam::123456789012:role/*"], ["arn:aws:iam::123456789012:role/Reader"], true),
        .init("ArnLike", ["arn:aws:iam::*:role/Reader"], ["arn:aws:iam::123456789012:role/Reader"], true),
        .init("ArnLike", ["arn:aws:iam::*:role/Reader"], ["arn:aws:iam::123456789012:role/Writer"], false),
        .init("ArnNotEquals", ["arn:aws:iam::123456789012:role/Reader"], ["arn:aws:iam::123456789012:role/Writer"], true),
        .init("ArnNotLike", ["arn:aws:iam::*:role/*"], ["arn:aws:iam::123456789012:role/Writer"], false),
        .init("ArnLike", ["arn:aws:s3:::b/*"], ["not-an-arn"], false),
    ]
    static let null: [ConditionCase] = [
        .init("Null", ["true"], nil, true), .init("Null", ["true"], ["x"], false),
        .init("Null", ["false"], ["x"], true), .init("Null", ["false"], nil, false),
    ]
    /// AWS's missing-key and multivalued rules for the set operators.
    static let sets: [ConditionCase] = [
        .init("ForAllValues:StringEquals", ["env", "team"], ["env"], true),
        .init("ForAllValues:StringEquals", ["env", "team"], ["env", "cost"], false),
        .init("ForAllValues:StringEquals", ["env"], nil, true),
        .init("ForAnyValue:StringEquals", ["env", "team"], ["cost", "team"], true),
        .init("ForAnyValue:StringEquals", ["env"], ["cost"], false),
        .init("ForAnyValue:StringEquals", ["env"], nil, false),
        .init("ForAnyValue:StringNotEquals", ["env"], ["env", "cost"], true),
        .init("ForAllValues:StringNotEquals", ["env"], ["team", "cost"], true),
        .init("ForAllValues:StringNotEquals", ["env"], ["env", "cost"], false),
        .init("ForAnyValue:StringLikeIfExists", ["e*"], nil, true),
        .init("StringEquals", ["a"], ["b", "a"], true),
        .init("StringNotEquals", ["a"], ["b", "a"], false),
    ]

    @Test(arguments: string) func stringOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: numeric) func numericOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: date) func dateOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: boolean) func boolOperator(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: binary) func binaryOperator(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: ip) func ipAddressOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: arn) func arnOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: null) func nullOperator(_ c: ConditionCase) { #expect(c.run() == c.holds) }
    @Test(arguments: sets) func setOperators(_ c: ConditionCase) { #expect(c.run() == c.holds) }

    @Test(arguments: ["StringEqual", "NullIfExists", "ForAnyValues:StringEquals", "stringequals", "ForAllValues:Null"])
    func unknownOperatorsAreRejected(name: String) {
        #expect(ConditionOperatorTable.resolve(name) == nil)
    }

    @Test func conditionKeysAreCaseInsensitive() {
        let policy = compiled(allowPolicy(action: "s3:GetObject", condition: #"{"StringEquals":{"AWS:SourceVpc":"vpc-1"}}"#))
        let set = PolicySet(identityPolicies: [policy])
        let request = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: ["aws:sourcevpc": ["vpc-1"]])
        #expect(set.evaluate(request).isAllowed)
    }

    @Test func policyVariablesWithDefaultsAndEscapes() {
        let withDefault = ConditionCase("StringEquals", ["${aws:PrincipalTag/team, 'none'}"], ["none"], true)
        #expect(withDefault.run() == true)
        #expect(withDefault.run(extra: ["aws:principaltag/team": ["blue"]]) == false)
        let quoted = ConditionCase("StringEquals", ["${test:Missing, 'it''s'}"], ["it's"], true)
        #expect(quoted.run() == true)
        let escaped = ConditionCase("StringLike", ["a${*}b"], ["a*b"], true)
        #expect(escaped.run() == true)
        #expect(ConditionCase("StringLike", ["a${*}b"], ["axyb"], true).run() == false)
        #expect(ConditionCase("StringEquals", ["${$}x${?}"], ["$x?"], true).run() == true)
        let unresolved = ConditionCase("StringEquals", ["${aws:username}"], ["learner"], false)
        #expect(unresolved.run() == false)
        #expect(unresolved.run(extra: ["aws:username": ["learner"]]) == true)
        // Version 2008-10-17 does not replace variables.
        #expect(unresolved.run(version: .legacy, extra: ["aws:username": ["learner"]]) == false)
    }

    @Test func explainsWhyAConditionFailed() {
        let resolved = ConditionOperatorTable.resolve("IpAddress")!
        let condition = CompiledCondition(operatorName: "IpAddress", resolved: resolved, key: "aws:SourceIp", values: ["10.0.0.0/8"], version: .current)
        let verdict = condition.verdict(in: FixedContext(values: ["aws:sourceip": ["203.0.113.7"]]))
        #expect(!verdict.holds)
        #expect(verdict.reason == "IpAddress aws:SourceIp \"10.0.0.0/8\": the request has \"203.0.113.7\", so the condition does not hold")
        let missing = condition.verdict(in: FixedContext(values: [:]))
        #expect(missing.reason.contains("aws:SourceIp is not in the request"))
    }
}
