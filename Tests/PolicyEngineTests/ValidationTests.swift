@testable import PolicyEngine
import Testing

@Suite struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let type: PolicyType
        let json: String
        let message: String
        let line: Int
        let column: Int
        var testDescription: String { name }
    }

    static let errorCases: [Case] = [
        Case(name: "invalid JSON", type: .identity, json: "{\"Version\": \"2012-10-17\",\n \"Statement\": [}", message: "This policy contains invalid Json", line: 2, column: 16),
        Case(name: "identity policy with a Principal", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"*"}]}
            """, message: "Policy document should not specify a principal.", line: 2, column: 3),
        Case(name: "trust policy with a Resource", type: .trust, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
             "Action":"sts:AssumeRole","Resource":"*"}]}
            """, message: "Has prohibited field Resource", line: 2, column: 28),
        Case(name: "trust policy with a non-STS action", type: .trust, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
             "Action":["sts:AssumeRole","s3:GetObject"]}]}
            """, message: "AssumeRole policy may only specify STS AssumeRole actions.", line: 2, column: 2),
        Case(name: "bad Effect", type: .identity, json: """
            {"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}
            """, message: "Syntax errors in policy.", line: 1, column: 47),
        Case(name: "missing Action", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}
            """, message: "Policy statement must contain actions.", line: 1, column: 38),
        Case(name: "missing Resource", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}
            """, message: "Policy statement must contain resources.", line: 1, column: 38),
        Case(name: "resource that is not an ARN", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"my-bucket"}]}
            """, message: "Resource my-bucket must be in ARN format or \"*\".", line: 1, column: 91),
        Case(name: "unknown condition operator", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
             "Condition":{"StringEqual":{"aws:username":"a"}}}]}
            """, message: "Invalid Condition type : StringEqual", line: 2, column: 15),
        Case(name: "action without a vendor", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}
            """, message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", line: 1, column: 65),
        Case(name: "unknown element", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Resources":"*"}]}
            """, message: "Syntax errors in policy.", line: 1, column: 87),
        Case(name: "resource policy without a Principal", type: .resource, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """, message: "Missing required field Principal", line: 1, column: 38),
        Case(name: "invalid principal", type: .resource, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"learner"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """, message: "Invalid principal in policy: \"AWS\":\"learner\"", line: 1, column: 75),
        Case(name: "duplicate Sids in an identity policy", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},
            {"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}
            """, message: "Statement IDs (SID) in a single policy must be unique.", line: 2, column: 8),
        Case(name: "numeric condition with a word", type: .identity, json: """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",
            "Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}
            """, message: "Syntax errors in policy.", line: 2, column: 47),
    ]

    @Test(arguments: errorCases)
    func reportsIAMErrorWithPosition(_ testCase: Case) {
        let result = PolicyEngine.check(testCase.json, as: testCase.type)
        #expect(!result.isValid)
        let error = result.errors.first { $0.message == testCase.message }
        #expect(error != nil, "expected \(testCase.message), got \(result.errors.map(\.message))")
        #expect(error?.position == SourcePosition(line: testCase.line, column: testCase.column))
    }

    @Test func managedPolicySizeQuotaCountsCharactersWithoutWhitespace() {
        let actions = (0..<400).map { "\"s3:GetObjectVersion\($0)\"" }.joined(separator: ",\n      ")
        let json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\(actions)],\"Resource\":\"*\"}]}"
        let result = PolicyEngine.check(json, as: .identity)
        #expect(result.errors.contains { $0.code == "LimitExceeded" && $0.message == "Cannot exceed quota for PolicySize: 6144" })
        let trust = PolicyEngine.check(allowPolicy(action: "s3:GetObject"), as: .identity)
        #expect(!trust.errors.contains { $0.code == "LimitExceeded" })
    }

    @Test func trustPolicyQuotaIs2048() {
        let principals = (0..<80).map { "\"arn:aws:iam::123456789012:user/u\($0)\"" }.joined(separator: ",")
        let json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\(principals)]},\"Action\":\"sts:AssumeRole\"}]}"
        let result = PolicyEngine.check(json, as: .trust)
        #expect(result.errors.map(\.message) == ["Cannot exceed quota for ACLSizePerRole: 2048"])
    }

    @Test(arguments: [
        ("""
         {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}
         """, "iam:PassRole on Resource \"*\""),
        ("""
         {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}
         """, "NotAction with Allow"),
        ("""
         {"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
         {"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}]}
         """, "Sid \"A\" is used by more than one statement"),
        ("""
         {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:username":"a"}}}]}
         """, "ForAllValues on the single-valued key aws:username"),
        ("""
         {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/*"}}}]}
         """, "StringEquals compares \"home/*\" literally"),
        ("""
         {"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}
         """, "only replaced under \"Version\": \"2012-10-17\""),
    ])
    func warnsTheLearner(json: String, fragment: String) {
        let type: PolicyType = json.contains("Principal") ? .resource : .identity
        let result = PolicyEngine.check(json, as: type)
        #expect(result.isValid, "\(result.errors.map(\.message))")
        #expect(result.warnings.contains { $0.message.contains(fragment) }, "\(result.warnings.map(\.message))")
    }

    /// A misspelt service principal is refused as IAM refuses it (`lamda.amazonaws.com` was accepted, and the
    /// learner met the typo only when Lambda could not assume the role); real ones, regional ones and a
    /// service's parts are taken. The names are botocore's services and a few documented extras (generated).
    @Test(arguments: [
        ("lambda.amazonaws.com", true), ("ecs-tasks.amazonaws.com", true), ("edgelambda.amazonaws.com", true),
        ("logs.eu-west-1.amazonaws.com", true), ("replication.dynamodb.amazonaws.com", true), ("states.amazonaws.com", true),
        ("eks-fargate-pods.amazonaws.com", true),
        ("lamda.amazonaws.com", false), ("codepipeiine.amazonaws.com", false), ("nope.amazonaws.com", false), ("ec2", false),
        ("lambda.nope.amazonaws.com", false),
    ])
    func servicePrincipalsAreServicesIAMKnows(_ principal: String, _ known: Bool) {
        let result = PolicyEngine.check(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(principal)"},"Action":"sts:AssumeRole"}]}"#, as: .trust)
        #expect(result.isValid == known, "\(result.errors.map(\.message))")
        if !known { #expect(result.errors.first?.message == "Invalid principal in policy: \"SERVICE\":\"\(principal)\"") }
    }

    /// A stored document keeps the service principals it was accepted with: a name missing from the list must not
    /// stop a saved role's whole trust policy from working.
    @Test func aStoredTrustPolicyKeepsItsServicePrincipals() {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["some-new-service.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#
        #expect(!PolicyEngine.check(trust, as: .trust).isValid)
        #expect(PolicyEngine.check(trust, as: .trust, origin: .stored).isValid)
    }

    @Test func acceptsAWellFormedPolicyWithoutWarnings() {
        let result = PolicyEngine.check("""
            {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
            "Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}
            """, as: .identity)
        #expect(result.isValid)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func formatsLikeACompiler() {
        let result = PolicyEngine.check("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}", as: .identity)
        #expect(result.errors.first?.formatted(file: "p.json") == "p.json:1:38: error: MalformedPolicyDocument: Policy statement must contain resources.")
    }

    /// Warnings name actions in AWS's casing ("iam:PassRole", not "iam:passrole"), and every sensitive action a
    /// wildcard covers, not only the first.
    @Test func wildcardWarningsNameActionsInAWSCasing() {
        let passOnly = PolicyEngine.check(allowPolicy(action: "iam:Pass*"), as: .identity).warnings.map(\.message)
        #expect(passOnly.contains { $0.hasPrefix("iam:Pass* on Resource \"*\" covers iam:PassRole for every resource") })
        let everything = PolicyEngine.check(allowPolicy(action: "iam:*"), as: .identity).warnings.map(\.message)
        #expect(everything.contains { $0.contains("covers iam:PassRole, iam:CreateAccessKey, iam:AttachRolePolicy and 7 more") })
        #expect(!everything.joined().contains("iam:passrole"))
        #expect(PolicyEngine.check(allowPolicy(action: "s3:GetObject"), as: .identity).warnings.isEmpty)
    }
}
