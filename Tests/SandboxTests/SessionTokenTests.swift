import AWSModel
import Testing
@testable import Sandbox

/// GetSessionToken (STS API Reference): an IAM user's own permissions in temporary credentials, which cannot call
/// IAM without MFA nor STS apart from AssumeRole and GetCallerIdentity, and which count as temporary credentials.
struct SessionTokenTests {
    static let readS3AndAssume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListAllMyBuckets","sts:AssumeRole"],"Resource":"*"}]}"#

    /// A user `dev` who may list buckets and assume roles, and dev's long-term keys.
    static func world() throws -> (TestWorld, AWSCredentials) {
        var world = TestWorld()
        world.ok("iam", "CreateUser", ["UserName": "dev"])
        world.ok("iam", "PutUserPolicy", ["UserName": "dev", "PolicyName": "work", "PolicyDocument": .string(readS3AndAssume)])
        let key = try #require(world.ok("iam", "CreateAccessKey", ["UserName": "dev"])["AccessKey"])
        return (world, AWSCredentials(accessKeyID: key["AccessKeyId"]!.stringValue!, secretAccessKey: key["SecretAccessKey"]!.stringValue!))
    }

    static func sessionCredentials(_ answer: AWSValue) throws -> AWSCredentials {
        let keys = try #require(answer["Credentials"])
        return AWSCredentials(accessKeyID: keys["AccessKeyId"]!.stringValue!, secretAccessKey: keys["SecretAccessKey"]!.stringValue!,
                              sessionToken: keys["SessionToken"]?.stringValue)
    }

    @Test func theSessionActsAsTheUserWithTheUsersPermissions() throws {
        var (world, dev) = try Self.world()
        let answer = world.ok("sts", "GetSessionToken", as: dev)
        let keys = try #require(answer["Credentials"])
        #expect(keys["AccessKeyId"]?.stringValue?.hasPrefix("ASIA") == true)
        #expect(keys["Expiration"] == .string(SandboxClock.iso8601(world.sandbox.state.clock.now + 43_200)), "twelve hours unless told")
        let session = try Self.sessionCredentials(answer)
        #expect(world.ok("sts", "GetCallerIdentity", as: session)["Arn"] == "arn:aws:iam::123456789012:user/dev")
        world.ok("s3", "ListBuckets", as: session)
        #expect(world.error("dynamodb", "ListTables", as: session)?.code == "AccessDeniedException", "the user's permissions, no more")
    }

    @Test func itCannotReachIAMNorMostOfSTS() throws {
        var (world, dev) = try Self.world()
        let session = try Self.sessionCredentials(world.ok("sts", "GetSessionToken", as: dev))
        #expect(world.error("iam", "ListRoles", as: session)
                == ServiceError(code: "InvalidClientTokenId", message: "The security token included in the request is invalid."))
        #expect(world.error("sts", "GetSessionToken", as: session)
                == ServiceError(code: "AccessDenied", message: "Cannot call GetSessionToken with session credentials"))
        world.ok("iam", "CreateRole", ["RoleName": "Helper", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let assumed = world.assume("Helper", as: session)
        #expect(assumed != nil, "AssumeRole is one of the two STS operations it may call")
        let roleSession = try #require(assumed)
        #expect(world.error("sts", "GetSessionToken", as: roleSession)?.message == "Cannot call GetSessionToken with session credentials")
    }

    @Test func itCountsAsTemporaryCredentialsForMFAConditions() throws {
        var (world, dev) = try Self.world()
        // AWS's "deny unless MFA" written with Bool (not BoolIfExists): it matches temporary credentials without
        // MFA (the key is false) and not long-term keys (the key is absent).
        world.ok("iam", "PutUserPolicy", ["UserName": "dev", "PolicyName": "mfa",
                                          "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}"#])
        world.ok("s3", "ListBuckets", as: dev)
        let session = try Self.sessionCredentials(world.ok("sts", "GetSessionToken", as: dev))
        #expect(world.error("s3", "ListBuckets", as: session)?.code == "AccessDenied")
    }

    /// The credentials belong to the user, not to the name: deleted and made again, "dev" is someone else.
    @Test func aUserMadeAgainUnderTheSameNameIsNotReached() throws {
        var (world, dev) = try Self.world()
        let session = try Self.sessionCredentials(world.ok("sts", "GetSessionToken", as: dev))
        world.ok("iam", "DeleteAccessKey", ["UserName": "dev", "AccessKeyId": .string(dev.accessKeyID)])
        world.ok("iam", "DeleteUserPolicy", ["UserName": "dev", "PolicyName": "work"])
        world.ok("iam", "DeleteUser", ["UserName": "dev"])
        world.ok("iam", "CreateUser", ["UserName": "dev"])
        world.ok("iam", "PutUserPolicy", ["UserName": "dev", "PolicyName": "work", "PolicyDocument": .string(Self.readS3AndAssume)])
        #expect(world.error("s3", "ListBuckets", as: session)?.code == "InvalidAccessKeyId")
    }

    @Test func durationsAndMFAAreCheckedAndTheSessionEnds() throws {
        var (world, dev) = try Self.world()
        #expect(world.error("sts", "GetSessionToken", ["DurationSeconds": 899], as: dev)?.message
                == "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")
        #expect(world.error("sts", "GetSessionToken", ["DurationSeconds": 129_601], as: dev)?.code == "ValidationError")
        #expect(world.error("sts", "GetSessionToken", ["SerialNumber": "arn:aws:iam::123456789012:mfa/dev", "TokenCode": "123456"], as: dev)?.code == "AccessDenied")
        let session = try Self.sessionCredentials(world.ok("sts", "GetSessionToken", ["DurationSeconds": 900], as: dev))
        world.sandbox.state.clock.advance(by: 901)
        #expect(world.error("s3", "ListBuckets", as: session)?.code == "ExpiredToken")
    }
}
