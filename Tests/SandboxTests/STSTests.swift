import Foundation
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
        #expect(denied?.message == "User: arn:aws:sts::123456789012:assumed-role/Reader/s2 is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action")
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

    /// "If you delete the role or user, then the relationship is broken … if you recreate the user or role, the new
    /// principal doesn't match the ID stored in the trust policy" (IAM User Guide, "AWS JSON policy elements:
    /// Principal"). IAM then shows the old unique id where the ARN was.
    @Test func aDeletedAndRecreatedRoleIsNoLongerTrusted() throws {
        var world = TestWorld()
        let victimTrust = TestWorld.accountTrust
        let mayAssume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Victim", "AssumeRolePolicyDocument": .string(victimTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Victim", "PolicyName": "sts", "PolicyDocument": .string(mayAssume)])
        let oldID = try #require(world.ok("iam", "GetRole", ["RoleName": "Victim"])["Role"]?["RoleId"]?.stringValue)
        // Written across lines, the ARN beside another principal, and in a second statement too.
        let trust = [
            #"{"#, #"  "Version": "2012-10-17","#, #"  "Statement": ["#,
            #"    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/Victim", "arn:aws:iam::123456789012:user/learner"]}, "Action": "sts:AssumeRole"},"#,
            #"    {"Sid": "Again", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/Victim"}, "Action": "sts:AssumeRole","#,
            #"     "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/Victim"}}}"#,
            #"  ]"#, #"}"#,
        ].joined(separator: "\n")
        world.ok("iam", "CreateRole", ["RoleName": "TrustsVictim", "AssumeRolePolicyDocument": .string(trust)])
        let victim = try world.assumed("Victim")
        #expect(world.assume("TrustsVictim", session: "before", as: victim) != nil)

        world.ok("iam", "DeleteRolePolicy", ["RoleName": "Victim", "PolicyName": "sts"])
        world.ok("iam", "DeleteRole", ["RoleName": "Victim"])
        let shown = world.ok("iam", "GetRole", ["RoleName": "TrustsVictim"])["Role"]?["AssumeRolePolicyDocument"]
        #expect(shown?["Statement"]?[0]?["Principal"]?["AWS"] == .list([.string(oldID), "arn:aws:iam::123456789012:user/learner"]))
        #expect(shown?["Statement"]?[1]?["Principal"]?["AWS"] == .string(oldID))
        #expect(shown?["Statement"]?[1]?["Condition"]?["StringEquals"]?["aws:PrincipalArn"] == "arn:aws:iam::123456789012:role/Victim",
                "a condition's value is not a principal, and stays as written")

        world.ok("iam", "CreateRole", ["RoleName": "Victim", "AssumeRolePolicyDocument": .string(victimTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Victim", "PolicyName": "sts", "PolicyDocument": .string(mayAssume)])
        let newVictim = try world.assumed("Victim", session: "new")
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/TrustsVictim", "RoleSessionName": "after"], as: newVictim)?.code == "AccessDenied")
        #expect(world.assume("TrustsVictim", session: "learner") != nil, "the other principal is still trusted")
        // A stored id is only ever IAM's to write: a learner cannot submit one.
        let submitted = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(oldID)"},"Action":"sts:AssumeRole"}]}"#
        #expect(world.error("iam", "CreateRole", ["RoleName": "Copy", "AssumeRolePolicyDocument": .string(submitted)])?.code == "MalformedPolicyDocument")
    }

    @Test func aDeletedUserInABucketPolicyBecomesItsID() throws {
        var world = TestWorld()
        world.ok("iam", "CreateUser", ["UserName": "reader"])
        let id = try #require(world.ok("iam", "GetUser", ["UserName": "reader"])["User"]?["UserId"]?.stringValue)
        world.ok("s3", "CreateBucket", ["Bucket": "shared"])
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}"#
        world.ok("s3", "PutBucketPolicy", ["Bucket": "shared", "Policy": .string(policy)])
        world.ok("iam", "DeleteUser", ["UserName": "reader"])
        let stored = try #require(world.ok("s3", "GetBucketPolicy", ["Bucket": "shared"])["Policy"]?.stringValue)
        #expect(stored == policy.replacingOccurrences(of: "arn:aws:iam::123456789012:user/reader", with: id))
    }

    /// The ARN found where JSON escapes its slash, and after text that is not ASCII on the same line (columns count
    /// characters, offsets bytes).
    @Test func aPrincipalIsFoundHoweverItsJSONIsWritten() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Sid":"caf\#u{E9}\#u{1F600}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role\/Gone"},"Action":"sts:AssumeRole"}]}"#
        let rewritten = Sandbox.replacingPrincipal("arn:aws:iam::123456789012:role/Gone", with: "AROAEXAMPLEID0000000", in: text, as: .trust)
        #expect(rewritten == text.replacingOccurrences(of: #""arn:aws:iam::123456789012:role\/Gone""#, with: #""AROAEXAMPLEID0000000""#))
    }

    @Test func validatesSessionNames() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        #expect(world.error("sts", "AssumeRole", ["RoleArn": "arn:aws:iam::123456789012:role/Reader", "RoleSessionName": "my session"])?.message
                == #"1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#)
    }
}
