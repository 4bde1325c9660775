import AWSModel
@testable import Sandbox
import Testing

/// IAM and STS in their own words, where the sandbox used to say something else: how AccessDenied names the
/// resource and the trust policy, what listings leave out, MFA, and a mis-cased condition operator.
@Suite struct IAMWordingTests {
    /// A reader without IAM rights, and what IAM says to it about each kind of resource.
    @Test func accessDeniedNamesTheResourceAsIAMDoes() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Auditor", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Auditor", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        let auditor = try world.assumed("Auditor")
        func message(_ operation: String, _ parameters: KeyValuePairs<String, AWSValue?> = [:]) -> String {
            world.error("iam", operation, parameters, as: auditor)?.message ?? "allowed"
        }
        let who = "User: arn:aws:sts::123456789012:assumed-role/Auditor/s1 is not authorized to perform: "
        #expect(message("GetRole", ["RoleName": "Auditor"]) == who + "iam:GetRole on resource: role Auditor because no identity-based policy allows the iam:GetRole action")
        #expect(message("GetUser", ["UserName": "learner"]) == who + "iam:GetUser on resource: user learner because no identity-based policy allows the iam:GetUser action")
        // A role that does not exist (yet) keeps its ARN.
        #expect(message("GetRole", ["RoleName": "Nobody"]).contains("iam:GetRole on resource: arn:aws:iam::123456789012:role/Nobody because"))
        #expect(message("CreateRole", ["RoleName": "New", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
                .contains("iam:CreateRole on resource: arn:aws:iam::123456789012:role/New because"))
        #expect(message("GetPolicy", ["PolicyArn": .string(TestWorld.s3ReadOnly)]).contains("iam:GetPolicy on resource: policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess because"))
        #expect(message("ListPolicies").contains("iam:ListPolicies on resource: policy path / because"))
        #expect(message("CreatePolicy", ["PolicyName": "reports", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#])
                .contains("iam:CreatePolicy on resource: policy reports because"))
        #expect(message("ListRoles").contains("iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because"))
        #expect(message("ListUsers").contains("iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because"))
        #expect(message("ListOpenIDConnectProviders").contains("iam:ListOpenIDConnectProviders on resource: arn:aws:iam::123456789012:oidc-provider/* because"))
        // A policy naming `…:user/` (what IAM authorizes a listing on) lets the listing through.
        world.ok("iam", "PutRolePolicy", ["RoleName": "Auditor", "PolicyName": "list", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"arn:aws:iam::123456789012:user/"}]}"#])
        world.ok("iam", "ListUsers", as: auditor)
    }

    /// A role's trust policy is named as AWS names it: "no role trust policy allows", "in the role trust policy".
    @Test func trustPolicyDenialsNameTheRoleTrustPolicy() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Ec2Only", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Ec2Only", "RoleSessionName": "s1"])?.message
                == "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Ec2Only because no role trust policy allows the sts:AssumeRole action")
        let denying = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/learner"},"Action":"sts:AssumeRole"}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "NotYou", "AssumeRolePolicyDocument": .string(denying)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/NotYou", "RoleSessionName": "s1"])?.message
                .hasSuffix("with an explicit deny in the role trust policy") == true)
        #expect(world.sandbox.lastDenial?.explanation.first?.contains("of role trust policy \"trust policy of role NotYou\"") == true)
    }

    /// The sandbox's users have no MFA devices, so an MFA code is refused as STS refuses one for a device that is
    /// not the caller's (the role was assumed without MFA, and `explain` then blamed the missing key).
    @Test func anMFACodeIsRefusedAsForADeviceThatIsNotTheCallers() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Admin", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "s1",
                                                  "SerialNumber": "arn:aws:iam::123456789012:mfa/learner", "TokenCode": "123456"])
                == ServiceError(code: "AccessDenied", message: "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user."))
    }

    /// ListRoles leaves out boundaries, tags and last use; ListUsers boundaries and tags; ListRoleTags sorts by key.
    @Test func listingsLeaveOutWhatIAMLeavesOut() {
        var world = TestWorld()
        let boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        let created = world.ok("iam", "CreateRole", ["RoleName": "Bounded", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust), "PermissionsBoundary": .string(boundary),
                                                     "Tags": .list([["Key": "team", "Value": "blue"], ["Key": "Env", "Value": "dev"], ["Key": "app", "Value": "web"]])])
        #expect(created["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"] == .string(boundary), "CreateRole answers with the boundary")
        let listed = world.ok("iam", "ListRoles")["Roles"]?.listValue?.first { $0["RoleName"] == "Bounded" }
        #expect(listed?["PermissionsBoundary"] == nil && listed?["Tags"] == nil && listed?["RoleLastUsed"] == nil && listed?["MaxSessionDuration"] == 3600)
        #expect(world.ok("iam", "GetRole", ["RoleName": "Bounded"])["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"] == .string(boundary))
        world.ok("iam", "CreateUser", ["UserName": "tagged", "PermissionsBoundary": .string(boundary), "Tags": .list([["Key": "team", "Value": "blue"]])])
        let user = world.ok("iam", "ListUsers")["Users"]?.listValue?.first { $0["UserName"] == "tagged" }
        #expect(user?["PermissionsBoundary"] == nil && user?["Tags"] == nil)
        #expect(world.ok("iam", "GetUser", ["UserName": "tagged"])["User"]?["Tags"] != nil)
        #expect(world.ok("iam", "ListRoleTags", ["RoleName": "Bounded"])["Tags"]?.listValue?.compactMap { $0["Key"]?.stringValue } == ["Env", "app", "team"])
    }

    /// An AWS managed policy's AttachmentCount is the caller's account's (it counted every account's).
    @Test func anAWSManagedPolicysCountsAreTheCallersAccounts() {
        var world = TestWorld()
        let partner = world.sandbox.state.partnerCredentials
        let policy = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Reader", "PolicyArn": .string(policy)])
        #expect(world.ok("iam", "GetPolicy", ["PolicyArn": .string(policy)])["Policy"]?["AttachmentCount"] == 1)
        #expect(world.ok("iam", "GetPolicy", ["PolicyArn": .string(policy)], as: partner)["Policy"]?["AttachmentCount"] == 0)
    }

    /// An operator IAM does not know, or in the wrong case, in IAM's words.
    @Test func aMisCasedConditionOperatorIsAnInvalidConditionType() {
        var world = TestWorld()
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"stringEquals":{"aws:username":"a"}}}]}"#
        #expect(world.error("iam", "CreatePolicy", ["PolicyName": "p", "PolicyDocument": .string(policy)])
                == ServiceError(code: "MalformedPolicyDocument", message: "Invalid Condition type : stringEquals"))
    }
}
