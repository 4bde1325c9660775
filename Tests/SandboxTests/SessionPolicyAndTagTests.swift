import AWSModel
@testable import Sandbox
import Testing

/// What a caller passes to AssumeRole besides the role: managed session policies, session tags and a source
/// identity, each as the STS API reference and the IAM User Guide ("Session policies", "Passing session tags in
/// AWS STS", "Monitor and control actions taken with assumed roles") describe them.
struct SessionPolicyAndTagTests {
    static let taggingTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}"#
    static let admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    static let readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"

    static func policyARNs(_ arns: String...) -> AWSValue { .list(arns.map { .object([.init("arn", .string($0))]) }) }
    static func tags(_ pairs: (String, String)...) -> AWSValue {
        .list(pairs.map { .object([.init("Key", .string($0.0)), .init("Value", .string($0.1))]) })
    }

    /// "The resulting session's permissions are the intersection of the role's identity-based policy and the
    /// session policies."
    @Test func managedSessionPoliciesNarrowTheSession() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Admin", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Admin", "PolicyArn": .string(Self.admin)])
        let reader = try world.assumed("Admin", extra: ["PolicyArns": Self.policyARNs(Self.readOnly)])
        world.ok("iam", "ListRoles", as: reader)
        #expect(world.error("iam", "CreateUser", ["UserName": "shouldfail"], as: reader)
                == ServiceError(code: "AccessDenied", message: "User: arn:aws:sts::123456789012:assumed-role/Admin/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/shouldfail because no session policy allows the iam:CreateUser action"))

        // Inline and managed session policies together: one of them allowing is enough.
        let inline = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}]}"#
        let both = try world.assumed("Admin", session: "s2", extra: ["PolicyArns": Self.policyARNs(Self.readOnly), "Policy": .string(inline)])
        world.ok("iam", "ListRoles", as: both)
        world.ok("iam", "CreateUser", ["UserName": "allowed"], as: both)
        #expect(world.error("iam", "DeleteUser", ["UserName": "allowed"], as: both)?.code == "AccessDenied")
    }

    @Test func aSessionPolicyThatDoesNotExistAllowsNothingAndExplainSaysWhy() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Admin", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Admin", "PolicyArn": .string(Self.admin)])
        let missing = "arn:aws:iam::aws:policy/DoesNotExist"
        let response = world.ok("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "s1",
                                                      "PolicyArns": Self.policyARNs(missing)])
        #expect(response["PackedPolicySize"]?.intValue ?? 0 > 0, "AWS says how full the packed session policies are")
        let session = try world.assumed("Admin", extra: ["PolicyArns": Self.policyARNs(missing)])
        #expect(world.error("iam", "ListRoles", as: session)?.code == "AccessDenied")
        let explanation = world.sandbox.lastDenial?.explanation.joined(separator: "\n") ?? ""
        #expect(explanation.contains("no managed policy \(missing) exists"), "\(explanation)")
        // Another account's customer managed policy cannot narrow (or widen) a session either.
        world.ok("iam", "CreatePolicy", ["PolicyName": "Mine", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#])
        let own = try world.assumed("Admin", session: "own", extra: ["PolicyArns": Self.policyARNs("arn:aws:iam::123456789012:policy/Mine")])
        world.ok("iam", "ListRoles", as: own)
        let foreign = try world.assumed("Admin", session: "foreign", extra: ["PolicyArns": Self.policyARNs("arn:aws:iam::210987654321:policy/Mine")])
        #expect(world.error("iam", "ListRoles", as: foreign)?.code == "AccessDenied")
    }

    /// "To pass session tags, the trust policy of the role must allow sts:TagSession"; the tags become the
    /// session's aws:PrincipalTag keys, and "a session tag overrides a role tag with the same key".
    @Test func sessionTagsNeedTagSessionAndBecomePrincipalTags() throws {
        var world = TestWorld()
        let blueOnly = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Plain", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let untagged = world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Plain", "RoleSessionName": "s1", "Tags": Self.tags(("team", "blue"))])
        #expect(untagged?.code == "AccessDenied")
        #expect(untagged?.message.hasPrefix("User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:TagSession on resource: arn:aws:iam::123456789012:role/Plain") == true)

        world.ok("iam", "CreateRole", ["RoleName": "Team", "AssumeRolePolicyDocument": .string(Self.taggingTrust), "Tags": Self.tags(("team", "red"))])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Team", "PolicyName": "blue", "PolicyDocument": .string(blueOnly)])
        let red = try world.assumed("Team", session: "red")
        #expect(world.error("iam", "CreateUser", ["UserName": "u1"], as: red)?.code == "AccessDenied", "the role's own tag says red")
        let blue = try world.assumed("Team", session: "blue", extra: ["Tags": Self.tags(("Team", "blue")), "TransitiveTagKeys": .list(["Team"])])
        world.ok("iam", "CreateUser", ["UserName": "u1"], as: blue)

        // A transitive tag goes on to the next role in a chain, whose trust policy must allow tagging too.
        world.ok("iam", "CreateRole", ["RoleName": "Next", "AssumeRolePolicyDocument": .string(Self.taggingTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Next", "PolicyName": "blue", "PolicyDocument": .string(blueOnly)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Team", "PolicyName": "chain", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}"#])
        let next = try world.assumed("Next", session: "next", as: blue)
        world.ok("iam", "CreateUser", ["UserName": "u2"], as: next)
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Plain", "RoleSessionName": "s3"], as: blue)?.message
                .hasPrefix("User: arn:aws:sts::123456789012:assumed-role/Team/blue is not authorized to perform: sts:TagSession on resource: arn:aws:iam::123456789012:role/Plain") == true)
    }

    /// `aws:RequestedRegion` is the Region the request went to, so a policy allowing only some Regions holds.
    @Test func requestedRegionIsTheRequestsRegion() throws {
        var world = TestWorld()
        let onlyHome = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Home", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Home", "PolicyName": "home", "PolicyDocument": .string(onlyHome)])
        let home = try world.assumed("Home")
        func listBuckets(in region: String) -> String? {
            switch world.sandbox.send(ServiceRequest(service: "s3", operation: "ListBuckets", credentials: home, region: region)) {
            case .success: return nil
            case .failure(let error): return error.code
            }
        }
        #expect(listBuckets(in: "us-east-1") == nil)
        #expect(listBuckets(in: "eu-west-1") == "AccessDenied")
    }

    /// IAM has one endpoint, in us-east-1, so every IAM call is a us-east-1 request whatever `--region` says: the
    /// trap AWS's own "deny outside these Regions" example warns of (IAM must be exempted with NotAction).
    @Test func everyIAMCallIsAUSEast1Request() throws {
        var world = TestWorld()
        let onlyIreland = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Ireland", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Ireland", "PolicyName": "ireland", "PolicyDocument": .string(onlyIreland)])
        let ireland = try world.assumed("Ireland")
        func code(_ service: String, _ operation: String, in region: String) -> String? {
            switch world.sandbox.send(ServiceRequest(service: service, operation: operation, credentials: ireland, region: region)) {
            case .success: return nil
            case .failure(let error): return error.code
            }
        }
        #expect(code("iam", "ListRoles", in: "eu-west-1") == "AccessDenied")
        #expect(world.sandbox.lastDenial?.explanation.joined().contains("us-east-1") == true, "explain shows the Region the request had")
        #expect(code("dynamodb", "ListTables", in: "eu-west-1") == nil)
        #expect(AWSPartition.requestedRegion(endpointPrefix: "iam", region: "cn-northwest-1") == "cn-north-1")
        #expect(AWSPartition.requestedRegion(endpointPrefix: "sts", region: "eu-west-1") == "eu-west-1")
    }

    /// Keys AWS puts in every signed request: aws:ViaAWSService (false for the caller's own calls, true for
    /// CloudFormation's calls made with them), aws:PrincipalIsAWSService and aws:ResourceAccount. Policies built on
    /// them (AWS's "deny outside our network, unless a service acts for us") did nothing.
    @Test func signedRequestsCarryTheKeysAWSAlwaysAdds() throws {
        var world = TestWorld()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"},"StringEquals":{"aws:ResourceAccount":"123456789012"}}},"#
            + #"{"Effect":"Deny","Action":"s3:CreateBucket","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.1.0.0/16"},"Bool":{"aws:ViaAWSService":"false"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Office", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Office", "PolicyName": "office", "PolicyDocument": .string(policy)])
        let office = try world.assumed("Office")
        world.ok("iam", "ListRoles", as: office)
        #expect(world.error("s3", "CreateBucket", ["Bucket": "direct-bucket"], as: office)?.code == "AccessDenied", "a direct call from outside the network")
        // The same bucket made by a stack without a service role: CloudFormation's call is made via the service.
        let template = #"{"Resources":{"Site":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"stack-bucket"}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "site", "TemplateBody": .string(template)], as: office)
        #expect(world.ok("cloudformation", "DescribeStacks", ["StackName": "site"], as: office)["Stacks"]?[0]?["StackStatus"] == "CREATE_COMPLETE")
        // Without the aws:ViaAWSService exemption, the same deny breaks the stack: CloudFormation's calls do not
        // come from the learner's address (the trap AWS's example warns of).
        let ipOnly = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:CreateBucket","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#
        world.ok("iam", "PutRolePolicy", ["RoleName": "Office", "PolicyName": "office", "PolicyDocument": .string(ipOnly)])
        world.ok("s3", "CreateBucket", ["Bucket": "from-the-office"], as: office)
        let another = #"{"Resources":{"Site":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"stack-bucket-2"}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "site2", "TemplateBody": .string(another)], as: office)
        #expect(world.ok("cloudformation", "DescribeStacks", ["StackName": "site2"], as: office)["Stacks"]?[0]?["StackStatus"] == "ROLLBACK_COMPLETE")
        world.ok("iam", "PutRolePolicy", ["RoleName": "Office", "PolicyName": "office", "PolicyDocument": .string(policy)])
        // Another account's resource is not this account's.
        let partner = world.sandbox.state.partnerCredentials
        world.ok("s3", "CreateBucket", ["Bucket": "partner-bucket"], as: partner)
        world.ok("s3", "PutBucketPolicy", ["Bucket": "partner-bucket", "Policy": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::partner-bucket"}]}"#], as: partner)
        #expect(world.error("s3", "ListObjectsV2", ["Bucket": "partner-bucket"], as: office)?.code == "AccessDenied")
        world.ok("s3", "ListObjectsV2", ["Bucket": "partner-bucket"])
    }

    /// "After a source identity is set, it is present in requests for any AWS action taken during the role
    /// session", "persists when a role is used to assume another role", and setting it needs sts:SetSourceIdentity.
    @Test func aSourceIdentityNeedsItsPermissionAndStaysWithTheSession() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Plain", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Plain", "RoleSessionName": "s1", "SourceIdentity": "alice"])?.message
                .hasPrefix("User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::123456789012:role/Plain") == true)
        let aliceOnly = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateUser","sts:AssumeRole"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}"#
        for name in ["First", "Second"] {
            world.ok("iam", "CreateRole", ["RoleName": .string(name), "AssumeRolePolicyDocument": .string(Self.taggingTrust)])
            world.ok("iam", "PutRolePolicy", ["RoleName": .string(name), "PolicyName": "alice", "PolicyDocument": .string(aliceOnly)])
        }
        let anonymous = try world.assumed("First", session: "anonymous")
        #expect(world.error("iam", "CreateUser", ["UserName": "u1"], as: anonymous)?.code == "AccessDenied")
        let alice = try world.assumed("First", session: "alice", extra: ["SourceIdentity": "alice"])
        world.ok("iam", "CreateUser", ["UserName": "u1"], as: alice)
        let chained = try world.assumed("Second", session: "chained", as: alice)
        world.ok("iam", "CreateUser", ["UserName": "u2"], as: chained)
    }
}

extension TestWorld {
    /// The credentials of a session, or a failed test.
    mutating func assumed(_ roleName: String, session: String = "s1", as caller: AWSCredentials? = nil,
                          extra: KeyValuePairs<String, AWSValue?> = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> AWSCredentials {
        let credentials = assume(roleName, session: session, as: caller, extra: extra)
        return try #require(credentials, sourceLocation: sourceLocation)
    }
}
