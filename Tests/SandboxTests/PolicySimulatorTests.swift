import AWSModel
import Testing
@testable import Sandbox

/// simulate-principal-policy answers as IAM's simulator does: which statements decided and where they are written,
/// the condition keys it was not given, the boundary's part, and per-resource results when resources are named.
struct PolicySimulatorTests {
    static let inline = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"}]}"#

    static func world() -> TestWorld {
        var world = TestWorld()
        world.ok("iam", "CreateUser", ["UserName": "dev"])
        world.ok("iam", "PutUserPolicy", ["UserName": "dev", "PolicyName": "p", "PolicyDocument": .string(inline)])
        return world
    }

    static func simulate(_ world: inout TestWorld, _ source: String = "arn:aws:iam::123456789012:user/dev", actions: [String],
                         resources: [String] = [], context: [(String, String)] = []) -> [AWSValue] {
        var parameters: [AWSValue.Member] = [.init("PolicySourceArn", .string(source)), .init("ActionNames", .list(actions.map { .string($0) }))]
        if !resources.isEmpty { parameters.append(.init("ResourceArns", .list(resources.map { .string($0) }))) }
        if !context.isEmpty {
            parameters.append(.init("ContextEntries", .list(context.map { key, value in
                .object([.init("ContextKeyName", .string(key)), .init("ContextKeyValues", .list([.string(value)])), .init("ContextKeyType", "string")])
            })))
        }
        guard case .success(let answer) = world.sandbox.send(ServiceRequest(service: "iam", operation: "SimulatePrincipalPolicy", parameters: .object(parameters), credentials: world.credentials)) else {
            Issue.record("SimulatePrincipalPolicy failed")
            return []
        }
        return answer["EvaluationResults"]?.listValue ?? []
    }

    /// A condition key the simulation was not given is named, and given, it lets the statement apply.
    @Test func namesTheConditionKeysItWasNotGiven() {
        var world = Self.world()
        let bare = Self.simulate(&world, actions: ["s3:GetObject"])
        #expect(bare.first?["EvalDecision"] == "implicitDeny")
        #expect(bare.first?["MissingContextValues"] == .list(["aws:RequestedRegion"]))
        #expect(bare.first?["MatchedStatements"] == .list([]))
        #expect(bare.first?["PermissionsBoundaryDecisionDetail"] == nil, "no boundary, no boundary detail")
        let given = Self.simulate(&world, actions: ["s3:GetObject"], context: [("aws:requestedregion", "eu-west-1")])
        #expect(given.first?["EvalDecision"] == "allowed")
        #expect(given.first?["MissingContextValues"] == .list([]), "keys compare without regard to case")
        #expect(Self.simulate(&world, actions: ["s3:PutObject"]).first?["MissingContextValues"] == .list([]), "only statements for the action count")
    }

    /// Matched statements are named as IAM names them (`user_dev_p` for an inline policy, a managed policy's name)
    /// and placed from the statement's `{` to just past its `}`.
    @Test func matchedStatementsSayWhichPolicyAndWhere() throws {
        var world = Self.world()
        world.ok("iam", "AttachUserPolicy", ["UserName": "dev", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        let denied = try #require(Self.simulate(&world, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::secret/k"], context: [("aws:RequestedRegion", "eu-west-1")]).first)
        #expect(denied["EvalDecision"] == "explicitDeny")
        let start = try #require(Self.inline.range(of: #"{"Effect":"Deny""#)).lowerBound
        let column = Self.inline.distance(from: Self.inline.startIndex, to: start) + 1
        let length = #"{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"}"#.count
        let startPosition = AWSValue.object([.init("Line", 1), .init("Column", .integer(column))])
        let endPosition = AWSValue.object([.init("Line", 1), .init("Column", .integer(column + length))])
        let expected: [AWSValue.Member] = [
            .init("SourcePolicyId", "user_dev_p"), .init("SourcePolicyType", "IAM Policy"),
            .init("StartPosition", startPosition), .init("EndPosition", endPosition),
        ]
        #expect(denied["MatchedStatements"] == .list([.object(expected)]))
        let allowed = Self.simulate(&world, actions: ["s3:ListBucket"]).first?["MatchedStatements"]?.listValue ?? []
        #expect(allowed.compactMap { $0["SourcePolicyId"]?.stringValue } == ["AmazonS3ReadOnlyAccess"])
    }

    /// With resources named, each result carries ResourceSpecificResults, and the missing keys move there.
    @Test func namedResourcesGetResultsOfTheirOwn() throws {
        var world = Self.world()
        let result = try #require(Self.simulate(&world, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::public/k"]).first)
        #expect(result["MissingContextValues"] == .list([]))
        let specific = try #require(result["ResourceSpecificResults"]?.listValue?.first)
        #expect(specific["EvalResourceName"] == "arn:aws:s3:::public/k")
        #expect(specific["EvalResourceDecision"] == "implicitDeny")
        #expect(specific["MissingContextValues"] == .list(["aws:RequestedRegion"]))
        #expect(Self.simulate(&world, actions: ["s3:GetObject"]).first?["ResourceSpecificResults"] == nil)
    }

    /// A role with a permissions boundary: the result says whether the boundary allowed the action, and a role's
    /// inline policy is `role_NAME_POLICY`.
    @Test func theBoundarysPartIsReported() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Builder", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Builder", "PolicyName": "all", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#])
        world.ok("iam", "PutRolePermissionsBoundary", ["RoleName": "Builder", "PermissionsBoundary": .string(TestWorld.s3ReadOnly)])
        let results = Self.simulate(&world, "arn:aws:iam::123456789012:role/Builder", actions: ["s3:GetObject", "iam:CreateUser"])
        #expect(results.map { $0["EvalDecision"] } == ["allowed", "implicitDeny"])
        #expect(results.map { $0["PermissionsBoundaryDecisionDetail"] } == [.object([.init("AllowedByPermissionsBoundary", true)]),
                                                                           .object([.init("AllowedByPermissionsBoundary", false)])])
        #expect(results.first?["MatchedStatements"]?.listValue?.first?["SourcePolicyId"] == "role_Builder_all")
    }
}
