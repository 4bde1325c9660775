@testable import PolicyEngine
import Testing

@Suite struct TrustPolicyTests {
    static let role = "arn:aws:iam::123456789012:role/Deployer"

    static func trust(_ principal: String) -> CompiledPolicy {
        compiled("""
            {"Version":"2012-10-17","Statement":[{"Sid":"Trust","Effect":"Allow","Principal":\(principal),"Action":"sts:AssumeRole"}]}
            """, .trust, name: "Deployer trust policy")
    }

    static let assumeRoleAllowed = compiled(allowPolicy(action: "sts:AssumeRole", resource: role), name: "may-assume")

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let principalElement: String
        let caller: String
        let callerHasIdentityAllow: Bool
        let outcome: Decision.Outcome
        let layer: PolicyLayer?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "same account, trust names the user", principalElement: #"{"AWS":"arn:aws:iam::123456789012:user/learner"}"#,
             caller: learner, callerHasIdentityAllow: false, outcome: .allowed, layer: nil),
        Case(name: "same account, trust names the account root, no identity allow", principalElement: #"{"AWS":"arn:aws:iam::123456789012:root"}"#,
             caller: learner, callerHasIdentityAllow: false, outcome: .implicitDeny, layer: .identityBased),
        Case(name: "same account, trust names the account root, identity allows", principalElement: #"{"AWS":"arn:aws:iam::123456789012:root"}"#,
             caller: learner, callerHasIdentityAllow: true, outcome: .allowed, layer: nil),
        Case(name: "same account, trust names someone else", principalElement: #"{"AWS":"arn:aws:iam::123456789012:user/other"}"#,
             caller: learner, callerHasIdentityAllow: true, outcome: .implicitDeny, layer: .resourceBased),
        Case(name: "cross account, trust names the other account, identity allows", principalElement: #"{"AWS":"111122223333"}"#,
             caller: "arn:aws:iam::111122223333:user/dana", callerHasIdentityAllow: true, outcome: .allowed, layer: nil),
        Case(name: "cross account, trust names the other account, no identity allow", principalElement: #"{"AWS":"111122223333"}"#,
             caller: "arn:aws:iam::111122223333:user/dana", callerHasIdentityAllow: false, outcome: .implicitDeny, layer: .identityBased),
        Case(name: "cross account, trust names only this account", principalElement: #"{"AWS":"123456789012"}"#,
             caller: "arn:aws:iam::111122223333:user/dana", callerHasIdentityAllow: true, outcome: .implicitDeny, layer: .resourceBased),
        Case(name: "service principal trusted", principalElement: #"{"Service":"lambda.amazonaws.com"}"#,
             caller: "lambda.amazonaws.com", callerHasIdentityAllow: false, outcome: .allowed, layer: nil),
        Case(name: "other service not trusted", principalElement: #"{"Service":"lambda.amazonaws.com"}"#,
             caller: "ec2.amazonaws.com", callerHasIdentityAllow: false, outcome: .implicitDeny, layer: .resourceBased),
    ]

    @Test(arguments: cases)
    func assumeRole(_ testCase: Case) {
        let set = PolicySet(identityPolicies: testCase.callerHasIdentityAllow ? [Self.assumeRoleAllowed] : [],
                            resourcePolicy: Self.trust(testCase.principalElement))
        let decision = set.evaluate(AccessRequest(principal: testCase.caller, action: "sts:AssumeRole", resource: Self.role))
        #expect(decision.outcome == testCase.outcome)
        #expect(decision.layerWithoutAllow == testCase.layer)
    }

    @Test func identityPolicyAloneCannotAssumeARole() {
        let set = PolicySet(identityPolicies: [Self.assumeRoleAllowed], resourcePolicy: Self.trust(#"{"Service":"ec2.amazonaws.com"}"#))
        let evaluation = set.explain(AccessRequest(principal: learner, action: "sts:AssumeRole", resource: Self.role))
        #expect(evaluation.accessDeniedMessage == "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Deployer because no role trust policy allows the sts:AssumeRole action")
        #expect(evaluation.explanation.contains { $0.hasPrefix("A role's trust policy must allow the caller itself") })
    }

    @Test func externalIdConditionInTrust() {
        let trust = compiled("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
            "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-42"}}}]}
            """, .trust)
        let set = PolicySet(identityPolicies: [compiled(allowPolicy(action: "sts:AssumeRole"))], resourcePolicy: trust)
        let caller = "arn:aws:iam::111122223333:user/vendor"
        #expect(set.evaluate(AccessRequest(principal: caller, action: "sts:AssumeRole", resource: Self.role, context: ["sts:ExternalId": ["Unique-42"]])).isAllowed)
        #expect(!set.evaluate(AccessRequest(principal: caller, action: "sts:AssumeRole", resource: Self.role)).isAllowed)
    }
}
