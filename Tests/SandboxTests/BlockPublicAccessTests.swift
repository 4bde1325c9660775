import AWSModel
import Foundation
import PolicyEngine
import Testing
@testable import Sandbox

/// S3 Block Public Access: on for every new bucket, as on AWS since April 2023, so a public bucket policy is refused
/// until the learner turns it off; RestrictPublicBuckets keeps a public policy from letting anyone outside the
/// owner's account in.
@Suite struct BlockPublicAccessTests {
    static func policy(_ statement: String) -> AWSValue {
        .string(#"{"Version":"2012-10-17","Statement":["# + statement + "]}")
    }
    static let everyoneReads = policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#)
    static let allOn: AWSValue = ["BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true]

    static func anonymous(_ world: inout TestWorld, _ operation: String, _ parameters: AWSValue) -> Result<AWSValue, ServiceError> {
        world.sandbox.send(ServiceRequest(service: "s3", operation: operation, parameters: parameters, credentials: nil))
    }

    @Test func aNewBucketBlocksAllFour() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        #expect(world.ok("s3", "GetPublicAccessBlock", ["Bucket": "site"]) == ["PublicAccessBlockConfiguration": Self.allOn])
    }

    /// S3's words (AccessDenied, 403), and `explain` names the setting rather than a policy.
    @Test func aPublicPolicyIsRefusedUntilBlockPublicPolicyIsOff() throws {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        #expect(world.error("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": Self.everyoneReads]) == ServiceError(code: "AccessDenied",
            message: #"User: arn:aws:iam::123456789012:user/learner is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::site" because public policies are blocked by the BlockPublicPolicy block public access setting."#))
        let denial = try #require(world.sandbox.state.lastDenial)
        #expect(denial.action == "s3:PutBucketPolicy" && denial.explanation.last?.contains("BlockPublicPolicy setting is on") == true)
        #expect(world.error("s3", "GetBucketPolicy", ["Bucket": "site"])?.code == "NoSuchBucketPolicy", "nothing was saved")
        // Settings left out of a request are off, as S3 takes them.
        world.ok("s3", "PutPublicAccessBlock", ["Bucket": "site", "PublicAccessBlockConfiguration": ["BlockPublicAcls": true]])
        #expect(world.ok("s3", "GetPublicAccessBlock", ["Bucket": "site"])["PublicAccessBlockConfiguration"]
            == ["BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false])
        world.ok("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": Self.everyoneReads])
        #expect(world.ok("s3", "GetBucketPolicyStatus", ["Bucket": "site"]) == ["PolicyStatus": ["IsPublic": true]])
    }

    /// A malformed policy is refused as malformed, before S3 asks whether it is public.
    @Test func aMalformedPublicPolicyIsMalformedFirst() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        let elsewhere = Self.policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}"#)
        #expect(world.error("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": elsewhere]) == ServiceError(code: "MalformedPolicy", message: "Policy has invalid resource"))
    }

    /// Which policies S3 calls public: a wildcard principal, unless a condition pins one of its keys to fixed values.
    @Test(arguments: [
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#, true),
        (#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#, true),
        (#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#, false),
        (#"{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::site/*"}"#, false),
        (#"{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::site/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#, false),
        (#"{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}"#, false),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::123456789012:distribution/E1"}}}"#, false),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::123456789012:distribution/*"}}}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}"#, false),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:userid":"AROAEXAMPLEID:*"}}}"#, true),
        (#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}}"#, true),
    ])
    func publicMeansWhatS3SaysItMeans(statement: String, isPublic: Bool) throws {
        let document = try #require(PolicyCache.shared.check(Self.policy(statement).stringValue!, as: .resource).document)
        #expect(BucketPolicyPublicity.isPublic(document) == isPublic)
    }

    /// RestrictPublicBuckets: while the policy is public, no one outside the owner's account gets in through it,
    /// not even an account the policy names; the owner's account still does.
    @Test func restrictPublicBucketsKeepsOutsidersOut() throws {
        var world = TestWorld()
        let partner = world.sandbox.state.partnerCredentials
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        world.ok("s3", "PutObject", ["Bucket": "site", "Key": "index.html", "Body": "hi"])
        world.ok("s3", "PutPublicAccessBlock", ["Bucket": "site", "PublicAccessBlockConfiguration": ["RestrictPublicBuckets": true]])
        let publicAndPartner = Self.policy(#"{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#)
        world.ok("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": publicAndPartner])
        let object: AWSValue = ["Bucket": "site", "Key": "index.html"]
        #expect(Self.anonymous(&world, "GetObject", object) == .failure(ServiceError(code: "AccessDenied", message: "Access Denied")))
        #expect(world.error("s3", "GetObject", ["Bucket": "site", "Key": "index.html"], as: partner)?.code == "AccessDenied")
        #expect(world.sandbox.state.lastDenial?.explanation.last?.contains("RestrictPublicBuckets") == true)
        #expect(world.ok("s3", "GetObject", ["Bucket": "site", "Key": "index.html"])["Body"] == "hi")
        world.ok("s3", "DeletePublicAccessBlock", ["Bucket": "site"])
        #expect(world.error("s3", "GetPublicAccessBlock", ["Bucket": "site"]) == ServiceError(code: "NoSuchPublicAccessBlockConfiguration", message: "The public access block configuration was not found"))
        #expect((try? Self.anonymous(&world, "GetObject", object).get())?["Body"] == "hi")
        #expect(world.ok("s3", "GetObject", ["Bucket": "site", "Key": "index.html"], as: partner)["Body"] == "hi")
    }

    /// A non-public policy naming another account is not restricted.
    @Test func aNonPublicPolicyStillLetsTheNamedAccountIn() {
        var world = TestWorld()
        let partner = world.sandbox.state.partnerCredentials
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        world.ok("s3", "PutObject", ["Bucket": "site", "Key": "k", "Body": "v"])
        world.ok("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": Self.policy(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}"#)])
        #expect(world.ok("s3", "GetObject", ["Bucket": "site", "Key": "k"], as: partner)["Body"] == "v")
        #expect(world.ok("s3", "GetBucketPolicyStatus", ["Bucket": "site"]) == ["PolicyStatus": ["IsPublic": false]])
    }

    /// A bucket saved before the sandbox knew the settings is like a bucket AWS made before April 2023: none set.
    @Test func aBucketSavedBeforeHasNoSettings() throws {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        var state = world.sandbox.state
        state.buckets["site"]?.publicAccessBlock = nil
        let json = try JSONEncoder().encode(state)
        #expect(!String(decoding: json, as: UTF8.self).contains("publicAccessBlock"))
        world.sandbox = Sandbox(state: try JSONDecoder().decode(SandboxState.self, from: json))
        world.ok("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": Self.everyoneReads])
    }

    /// A stack's bucket starts blocked too, and takes the template's PublicAccessBlockConfiguration.
    @Test func aStackBucketTakesItsTemplatesSettings() {
        var world = TestWorld()
        let template = #"{"Resources":{"Site":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"stack-site","PublicAccessBlockConfiguration":{"BlockPublicPolicy":false,"RestrictPublicBuckets":"true"}}},"#
            + #""Plain":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"stack-plain"}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "site", "TemplateBody": .string(template)])
        #expect(world.ok("s3", "GetPublicAccessBlock", ["Bucket": "stack-site"])["PublicAccessBlockConfiguration"]
            == ["BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": true])
        #expect(world.ok("s3", "GetPublicAccessBlock", ["Bucket": "stack-plain"]) == ["PublicAccessBlockConfiguration": Self.allOn])
    }
}
