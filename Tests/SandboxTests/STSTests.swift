import AWSModel
import Testing
@testable import Sandbox

@Suite struct STSTests {
    @Test func callerIdentityNeedsNoPermissions() {
        var world = TestWorld()
        let identity = world.ok("sts", "GetCallerIdentity")
        #expect(identity["Account"] == "123456789012")
        #expect(identity["Arn"] == "arn:aws:iam::123456789012:user/learner")
        #expect(identity["UserId"]?.stringValue?.hasPrefix("AIDA") == true)
    }

    @Test func callerIdentityWorksEvenWhenAPolicyDeniesIt() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Denied", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Denied", "PolicyName": "deny",
                                          "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:GetCallerIdentity","Resource":"*"}]}"#])
        let assumed = world.assume("Denied")
        let session = try #require(assumed)
        #expect(world.ok("sts", "GetCallerIdentity", as: session)["Arn"] == "arn:aws:sts::123456789012:assumed-role/Denied/s1")
    }

    @Test func assumingARoleGivesTemporaryCredentialsThatActAsTheRole() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let response = world.ok("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Reader", "RoleSessionName": "s1"])
        let keys = try #require(response["Credentials"])
        #expect(keys["AccessKeyId"]?.stringValue?.hasPrefix("ASIA") == true)
        #expect(keys["Expiration"] == .string(SandboxClock.iso8601(SandboxClock.start + 2 + 3600)))
        #expect(response["AssumedRoleUser"]?["Arn"] == "arn:aws:sts::123456789012:assumed-role/Reader/s1")
        #expect(response["AssumedRoleUser"]?["AssumedRoleId"]?.stringValue?.hasSuffix(":s1") == true)
        let assumedSession = world.assume("Reader", session: "s2")
        let session = try #require(assumedSession)
        let identity = world.ok("sts", "GetCallerIdentity", as: session)
        #expect(identity["Arn"] == "arn:aws:sts::123456789012:assumed-role/Reader/s2")
        // The role has no permissions policy yet, so everything else is denied.
        let denied = world.error("iam", "ListRoles", as: session)
        #expect(denied?.message == "User: arn:aws:sts::123456789012:assumed-role/Reader/s2 is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* because no identity-based policy allows the iam:ListRoles action")
    }

    @Test func aTrustPolicyMustLetTheCallerIn() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Ec2Only", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let error = world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Ec2Only", "RoleSessionName": "s1"])
        #expect(error?.code == "AccessDenied")
        #expect(error?.message.hasPrefix("User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Ec2Only") == true)
        #expect(world.sandbox.lastDenial?.action == "sts:AssumeRole")
    }

    @Test func aMissingRoleIsADenialNotANotFound() {
        var world = TestWorld()
        let error = world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Nope", "RoleSessionName": "s1"])
        #expect(error == ServiceError(code: "AccessDenied", message: "User: arn:aws:iam::123456789012:user/learner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Nope"))
    }

    @Test func sessionDurationsFollowTheRoleAndTheChainingLimit() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "First", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust), "MaxSessionDuration": 14400])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "First", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"])
        world.ok("iam", "CreateRole", ["RoleName": "Second", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust), "MaxSessionDuration": 14400])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/First", "RoleSessionName": "s1", "DurationSeconds": 600])
                == ServiceError(code: "ValidationError", message: "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"))
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/First", "RoleSessionName": "s1", "DurationSeconds": 21600])
                == ServiceError(code: "ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."))
        let assumedFirst = world.assume("First", extra: ["DurationSeconds": 7200])
        let first = try #require(assumedFirst)
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Second", "RoleSessionName": "s1", "DurationSeconds": 7200], as: first)
                == ServiceError(code: "ValidationError", message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."))
        let chained = world.assume("Second", as: first, extra: ["DurationSeconds": 3600])
        #expect(chained != nil)
    }

    @Test func credentialsExpireBySandboxTime() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let assumedSession = world.assume("Reader", extra: ["DurationSeconds": 900])
        let session = try #require(assumedSession)
        world.ok("sts", "GetCallerIdentity", as: session)
        world.sandbox.state.clock.advance(by: 900)
        #expect(world.error("sts", "GetCallerIdentity", as: session)
                == ServiceError(code: "ExpiredToken", message: "The security token included in the request is expired"))
        #expect(world.error("s3", "ListBuckets", as: session)?.code == "ExpiredToken")
    }

    @Test func longExpiredCredentialsStillReadAsExpiredAfterTheirSessionIsDropped() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let assumedSession = world.assume("Reader", extra: ["DurationSeconds": 900])
        let session = try #require(assumedSession)
        world.sandbox.state.clock.advance(by: 3 * 86_400)
        // A later assume-role drops sessions that expired more than a day ago.
        let later = world.assume("Reader")
        #expect(later != nil)
        #expect(world.sandbox.state.sessions[session.accessKeyID] == nil)
        #expect(world.error("sts", "GetCallerIdentity", as: session)
                == ServiceError(code: "ExpiredToken", message: "The security token included in the request is expired"))
        #expect(world.error("s3", "ListBuckets", as: session)?.code == "ExpiredToken")
    }

    @Test func crossAccountAssumeRoleNeedsBothSidesAndTheExternalID() throws {
        var world = TestWorld()
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-7431"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "VendorAudit", "AssumeRolePolicyDocument": .string(trust)])
        let partner = world.sandbox.state.partnerCredentials
        let arn: AWSValue = "arn:aws:iam::123456789012:role/VendorAudit"
        #expect(world.error("sts", "AssumeRole", ["RoleArn": arn, "RoleSessionName": "audit"], as: partner)?.code == "AccessDenied")
        #expect(world.error("sts", "AssumeRole", ["RoleArn": arn, "RoleSessionName": "audit", "ExternalId": "wrong-id"], as: partner)?.code == "AccessDenied")
        let assumedSession = world.assume("VendorAudit", session: "audit", as: partner, extra: ["ExternalId": "vendor-7431"])
        let session = try #require(assumedSession)
        #expect(world.ok("sts", "GetCallerIdentity", as: session)["Account"] == "123456789012")
        // The learner's own account is not trusted by this role, even with the right external id.
        #expect(world.error("sts", "AssumeRole", ["RoleArn": arn, "RoleSessionName": "x1", "ExternalId": "vendor-7431"])?.code == "AccessDenied")
    }

    @Test func aDeletedRoleLeavesItsSessionsPowerless() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Temp", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Temp", "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"])
        let assumedSession = world.assume("Temp")
        let session = try #require(assumedSession)
        world.ok("iam", "ListRoles", as: session)
        world.ok("iam", "DetachRolePolicy", ["RoleName": "Temp", "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"])
        world.ok("iam", "DeleteRole", ["RoleName": "Temp"])
        #expect(world.error("iam", "ListRoles", as: session)?.code == "AccessDenied")
    }

    @Test func validatesSessionNames() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Reader", "RoleSessionName": "my session"])?.message
                == #"1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#)
    }
}
