@testable import PolicyEngine
import Testing

@Suite struct EvaluationTests {
    static let benchmarkPolicy = """
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::course-data","arn:aws:s3:::course-data/*"]},
         {"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Scores"},
         {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
         {"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"},
         {"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}
        """

    @Test(arguments: [
        ("s3:GetObject", "arn:aws:s3:::course-data/a.txt", Decision.Outcome.allowed),
        ("s3:PutObject", "arn:aws:s3:::course-data/a.txt", .implicitDeny),
        ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Scores", .allowed),
        ("s3:DeleteObject", "arn:aws:s3:::x/y", .explicitDeny),
        ("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*", .allowed),
        ("ec2:DescribeInstances", "*", .allowed),
    ])
    func benchmarkWorkloadDecisions(action: String, resource: String, outcome: Decision.Outcome) {
        let set = PolicySet(identityPolicies: [compiled(Self.benchmarkPolicy, name: "course")])
        #expect(set.evaluate(AccessRequest(principal: learner, action: action, resource: resource)).outcome == outcome)
    }

    @Test func accessDeniedMessagesUseAWSWording() {
        let set = PolicySet(identityPolicies: [compiled(Self.benchmarkPolicy, name: "course")])
        let implicit = set.explain(AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k"))
        #expect(implicit.accessDeniedMessage == "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action")
        let explicit = set.explain(AccessRequest(principal: learner, action: "s3:DeleteObject", resource: "arn:aws:s3:::x/y"))
        #expect(explicit.accessDeniedMessage == "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::x/y with an explicit deny in an identity-based policy")
        #expect(explicit.decidingStatement == "statement #3")
        #expect(explicit.explanation.first == "Explicitly denied: statement #3 of identity-based policy \"course\" denies s3:DeleteObject on arn:aws:s3:::x/y.")
        let allowed = set.explain(AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::course-data/a"))
        #expect(allowed.accessDeniedMessage == nil)
        #expect(allowed.explanation.first == "Allowed: statement #1 of identity-based policy \"course\" allows s3:GetObject on arn:aws:s3:::course-data/a.")
    }

    /// A long list is quoted in part in a reason: ReadOnlyAccess lists 2,744 actions, which no sentence should hold
    /// (and every denial weighs each statement's reasons).
    @Test func longListsAreQuotedInPart() {
        let actions = (1...20).map { "s3:Action\($0)" }
        #expect(list(actions) == #"["s3:Action1", "s3:Action2", "s3:Action3", "s3:Action4", "s3:Action5", "s3:Action6", "s3:Action7", "s3:Action8", … and 12 more]"#)
        #expect(list(Array(actions.prefix(8))).hasSuffix(#""s3:Action8"]"#))
        #expect(list(["a", "b"]) == #"["a", "b"]"#)
        #expect(list(["only"]) == #""only""#)
    }

    @Test func implicitDenyPointsAtTheNearMiss() {
        let policy = compiled("""
            {"Version":"2012-10-17","Statement":[{"Sid":"OfficeOnly","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}
            """, name: "office")
        let evaluation = PolicySet(identityPolicies: [policy]).explain(
            AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: ["aws:SourceIp": ["198.51.100.1"]]))
        #expect(evaluation.decision.outcome == .implicitDeny)
        #expect(evaluation.explanation.contains { $0.hasPrefix("statement \"OfficeOnly\" of \"office\" covers the action but not this request: IpAddress aws:SourceIp") })
    }

    // IAM User Guide, "Policy evaluation for requests within a single account": Carlos's user policy allows
    // listing and reading, the bucket policy allows him to write to his log bucket; both apply in the same account.
    static let carlosUser = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowS3ListRead","Effect":"Allow",
        "Action":["s3:GetBucketLocation","s3:GetObject","s3:ListAllMyBuckets"],"Resource":"*"}]}
        """
    static let carlosBucket = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowCarlosWrite","Effect":"Allow",
        "Principal":{"AWS":"arn:aws:iam::123456789012:user/carlossalazar"},
        "Action":"s3:PutObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/*"}]}
        """

    @Test func workedExampleSameAccountIdentityAndResourcePolicies() {
        let set = PolicySet(identityPolicies: [compiled(Self.carlosUser, name: "carlos")],
                            resourcePolicy: compiled(Self.carlosBucket, .resource, name: "logs-bucket"))
        let carlos = "arn:aws:iam::123456789012:user/carlossalazar"
        let put = AccessRequest(principal: carlos, action: "s3:PutObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log.txt")
        let decision = set.evaluate(put)
        #expect(decision.outcome == .allowed)
        #expect(decision.route == .resourcePolicyAlone)
        let get = AccessRequest(principal: carlos, action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log.txt")
        #expect(set.evaluate(get).route == .identityPolicies)
        let delete = AccessRequest(principal: carlos, action: "s3:DeleteObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log.txt")
        #expect(set.evaluate(delete).outcome == .implicitDeny)
    }

    @Test func explicitDenyInAnyPolicyWins() {
        let deny = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*",
            "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
            """
        let set = PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:*"))], resourcePolicy: compiled(deny, .resource, name: "tls-only"))
        let insecure = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: ["aws:SecureTransport": ["false"]])
        let evaluation = set.explain(insecure)
        #expect(evaluation.decision.outcome == .explicitDeny)
        #expect(evaluation.accessDeniedMessage?.hasSuffix("with an explicit deny in a resource-based policy") == true)
        let secure = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: ["aws:SecureTransport": ["true"]])
        #expect(set.evaluate(secure).isAllowed)
    }

    @Test func permissionsBoundaryLimitsIdentityPolicies() {
        let boundary = compiled(allowPolicy(action: "s3:*"), .boundary, name: "s3-only")
        let set = PolicySet(identityPolicies: [compiled(allowPolicy(action: "*"))], permissionsBoundaries: [boundary])
        #expect(set.evaluate(AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")).isAllowed)
        let ec2 = set.explain(AccessRequest(principal: learner, action: "ec2:RunInstances", resource: "*"))
        #expect(ec2.decision.layerWithoutAllow == .permissionsBoundary)
        #expect(ec2.accessDeniedMessage == "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ec2:RunInstances because no permissions boundary allows the ec2:RunInstances action")
        let denyingBoundary = compiled(allowPolicy(action: "s3:DeleteBucket", effect: "Deny"), .boundary, name: "no-delete")
        let denied = PolicySet(identityPolicies: [compiled(allowPolicy(action: "*"))], permissionsBoundaries: [boundary, denyingBoundary])
            .explain(AccessRequest(principal: learner, action: "s3:DeleteBucket", resource: "arn:aws:s3:::b"))
        #expect(denied.accessDeniedMessage?.hasSuffix("with an explicit deny in a permissions boundary") == true)
        #expect(denied.decidingPolicy == "no-delete")
    }

    @Test func sessionPolicyLimitsTheSession() {
        let session = "arn:aws:sts::123456789012:assumed-role/Dev/alice"
        let set = PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:*"))],
                            sessionPolicies: [compiled(allowPolicy(action: "s3:GetObject"), name: "session")])
        #expect(set.evaluate(AccessRequest(principal: session, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")).isAllowed)
        let put = set.explain(AccessRequest(principal: session, action: "s3:PutObject", resource: "arn:aws:s3:::b/k"))
        #expect(put.accessDeniedMessage == "User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no session policy allows the s3:PutObject action")
    }

    @Test func everyServiceControlPolicyLevelMustAllow() {
        let full = compiled(allowPolicy(action: "*"), .scp, name: "FullAWSAccess")
        let s3Only = compiled(allowPolicy(action: "s3:*"), .scp, name: "s3-only")
        let set = PolicySet(identityPolicies: [compiled(allowPolicy(action: "*"))], serviceControlPolicies: [[full], [s3Only]])
        #expect(set.evaluate(AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")).isAllowed)
        let ec2 = set.explain(AccessRequest(principal: learner, action: "ec2:RunInstances", resource: "*"))
        #expect(ec2.accessDeniedMessage?.hasSuffix("because no service control policy allows the ec2:RunInstances action") == true)
        #expect(ec2.explanation.contains { $0.hasPrefix("Service control policy level 2 has no statement") })
        let denyRegion = compiled(allowPolicy(action: "*", condition: #"{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}"#, effect: "Deny"), .scp, name: "region-lock")
        let locked = PolicySet(identityPolicies: [compiled(allowPolicy(action: "*"))], serviceControlPolicies: [[full, denyRegion]])
        let outside = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: ["aws:RequestedRegion": ["us-east-1"]])
        #expect(locked.explain(outside).accessDeniedMessage?.hasSuffix("with an explicit deny in a service control policy") == true)
        // The root user is bound by SCPs too, but by no identity policy.
        let root = AccessRequest(principal: "arn:aws:iam::123456789012:root", action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(PolicySet(serviceControlPolicies: [[full]]).evaluate(root).route == .rootUser)
        #expect(PolicySet(serviceControlPolicies: [[s3Only]]).evaluate(
            AccessRequest(principal: "arn:aws:iam::123456789012:root", action: "ec2:RunInstances", resource: "*")).outcome == .implicitDeny)
    }

    @Test func crossAccountNeedsBothSides() {
        let bucket = compiled("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}
            """, .resource, name: "shared-bucket")
        let outsider = "arn:aws:iam::111122223333:user/dana"
        let get = AccessRequest(principal: outsider, action: "s3:GetObject", resource: "arn:aws:s3:::shared/k", resourceAccount: "123456789012")
        #expect(PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:GetObject"))], resourcePolicy: bucket).evaluate(get).route == .identityAndResourcePolicies)
        let noIdentity = PolicySet(resourcePolicy: bucket).explain(get)
        #expect(noIdentity.decision.layerWithoutAllow == .identityBased)
        let noResource = PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:GetObject"))]).explain(get)
        #expect(noResource.accessDeniedMessage?.hasSuffix("because no resource-based policy allows the s3:GetObject action") == true)
    }

    @Test func sameAccountAccountPrincipalDelegatesToIdentityPolicies() {
        let bucket = compiled("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """, .resource)
        let get = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(PolicySet(resourcePolicy: bucket).evaluate(get).layerWithoutAllow == .identityBased)
        #expect(PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:GetObject"))], resourcePolicy: bucket).evaluate(get).isAllowed)
    }

    @Test func resourcePolicyNamingTheRoleStillHonoursTheBoundary() {
        let bucket = compiled("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/Dev"},
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """, .resource)
        let session = AccessRequest(principal: "arn:aws:sts::123456789012:assumed-role/Dev/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(PolicySet(resourcePolicy: bucket).evaluate(session).route == .resourcePolicyForRole)
        let boundary = compiled(allowPolicy(action: "ec2:*"), .boundary)
        #expect(PolicySet(resourcePolicy: bucket, permissionsBoundaries: [boundary]).evaluate(session).layerWithoutAllow == .permissionsBoundary)
        let sessionBucket = compiled("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:assumed-role/Dev/alice"},
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """, .resource)
        #expect(PolicySet(resourcePolicy: sessionBucket, permissionsBoundaries: [boundary]).evaluate(session).route == .resourcePolicyAlone)
    }

    /// STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation. If an
    /// administrator attaches a policy to your identity that explicitly denies access to the
    /// sts:GetCallerIdentity action, you can still perform this operation."
    @Test func getCallerIdentityNeedsNoPermissionEvenUnderAnExplicitDeny() {
        let request = AccessRequest(principal: learner, action: "sts:GetCallerIdentity", resource: "*")
        #expect(PolicySet().evaluate(request).route == .needsNoPermission)
        let denyAll = PolicySet(identityPolicies: [compiled(allowPolicy(action: "*", effect: "Deny"))],
                                permissionsBoundaries: [compiled(allowPolicy(action: "s3:*"), .boundary)],
                                serviceControlPolicies: [[compiled(allowPolicy(action: "sts:*", effect: "Deny"), .scp)]])
        let evaluation = denyAll.explain(request)
        #expect(evaluation.decision.isAllowed)
        #expect(evaluation.explanation.first?.contains("needs no permission") == true)
        // Only that action: its neighbours are evaluated as usual.
        #expect(!denyAll.evaluate(AccessRequest(principal: learner, action: "sts:GetSessionToken", resource: "*")).isAllowed)
    }

    /// A boundary or session policy that could not be read must not widen what the caller may do.
    @Test func anUnusableBoundaryOrSessionPolicyAllowsNothing() {
        let request = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let identity = [compiled(allowPolicy(action: "s3:*"))]
        #expect(PolicySet(identityPolicies: identity).evaluate(request).isAllowed)
        let boundary = PolicySet(identityPolicies: identity,
                                 unusablePolicies: [UnusablePolicy(name: "b", layer: .permissionsBoundary, reason: "not JSON")])
        #expect(boundary.evaluate(request).layerWithoutAllow == .permissionsBoundary)
        let session = PolicySet(identityPolicies: identity,
                                unusablePolicies: [UnusablePolicy(name: "s", layer: .sessionPolicy, reason: "not JSON")])
        #expect(session.evaluate(request).layerWithoutAllow == .sessionPolicy)
    }

    /// IAM's size quotas apply when a document is submitted, not to documents IAM already holds.
    @Test func storedDocumentsAreNotHeldToCreationQuotas() {
        let actions = (0..<700).map { "\"s3:Get\($0)Thing\"" }.joined(separator: ",")
        let large = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["#+actions+#"],"Resource":"*"}]}"#
        #expect(PolicyEngine.check(large, as: .identity).errors.first?.code == "LimitExceeded")
        #expect(PolicyEngine.check(large, as: .identity, origin: .stored).isValid)
    }

    /// IAM User Guide, "Policy evaluation for requests within a single account" and "Permissions boundaries for
    /// IAM entities": within an account, a resource-based policy that names the IAM user (or the role session) is
    /// not limited by an implicit deny in the boundary or the session policy; one that names the role is.
    @Test func resourcePoliciesAndBoundariesWithinAnAccountFollowWhomThePolicyNames() {
        func bucket(naming principal: String) -> CompiledPolicy {
            compiled(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":""# + principal
                     + #""},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#, .resource)
        }
        let ec2Only = compiled(allowPolicy(action: "ec2:*"), .boundary, name: "ec2-only")
        let userRequest = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let naming = PolicySet(resourcePolicy: bucket(naming: learner), permissionsBoundaries: [ec2Only]).evaluate(userRequest)
        #expect(naming.isAllowed && naming.route == .resourcePolicyAlone, "a bucket policy naming the user is not limited by the user's boundary")

        let session = "arn:aws:sts::123456789012:assumed-role/Dev/alice"
        let sessionRequest = AccessRequest(principal: session, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        let narrowSession = compiled(allowPolicy(action: "ec2:*"), name: "session")
        let byRole = PolicySet(resourcePolicy: bucket(naming: "arn:aws:iam::123456789012:role/Dev"), sessionPolicies: [narrowSession])
        #expect(byRole.evaluate(sessionRequest).layerWithoutAllow == .sessionPolicy, "naming the role: the session policy limits it")
        let bySession = PolicySet(resourcePolicy: bucket(naming: session), sessionPolicies: [narrowSession])
        #expect(bySession.evaluate(sessionRequest).route == .resourcePolicyAlone, "naming the session: the session policy does not")
        // An explicit deny in the boundary still wins over any resource-based allow.
        let denyingBoundary = compiled(allowPolicy(action: "s3:*", effect: "Deny"), .boundary)
        #expect(PolicySet(resourcePolicy: bucket(naming: learner), permissionsBoundaries: [denyingBoundary]).evaluate(userRequest).outcome == .explicitDeny)
    }

    /// IAM User Guide, "Permissions boundaries for IAM entities": "The NotPrincipal element with a Deny effect will
    /// always deny any IAM principal that has a permissions boundary policy attached, regardless of the values
    /// specified in the NotPrincipal element."
    @Test func aNotPrincipalDenyAlwaysDeniesPrincipalsWithABoundary() {
        let bucket = compiled(#"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/learner"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
              {"Sid":"OnlyLearner","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/learner"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}
            """#, .resource, name: "bucket")
        let request = AccessRequest(principal: learner, action: "s3:GetObject", resource: "arn:aws:s3:::b/k")
        #expect(PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:*"))], resourcePolicy: bucket).evaluate(request).isAllowed,
                "without a boundary the learner is listed in NotPrincipal and allowed")
        let bounded = PolicySet(identityPolicies: [compiled(allowPolicy(action: "s3:*"))], resourcePolicy: bucket,
                                permissionsBoundaries: [compiled(allowPolicy(action: "s3:*"), .boundary)])
        let evaluation = bounded.explain(request)
        #expect(evaluation.decision.outcome == .explicitDeny)
        #expect(evaluation.decidingStatement == "statement \"OnlyLearner\"")
        #expect(evaluation.explanation.contains { $0.contains("denies every principal with a boundary, whatever NotPrincipal lists") })
        // Outside the statement's actions the quirk does not reach.
        #expect(bounded.evaluate(AccessRequest(principal: learner, action: "ec2:RunInstances", resource: "*")).outcome != .explicitDeny)
    }
}
