import Foundation
import AWSModel
import Testing
@testable import Sandbox

@Suite struct S3Tests {
    @Test func bucketsAndObjectsRoundTrip() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        world.ok("s3", "PutObject", ["Bucket": "course-data", "Key": "notes/a.txt", "Body": "hello"])
        #expect(world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "notes/a.txt"])["Body"] == "hello")
        let listing = world.ok("s3", "ListObjectsV2", ["Bucket": "course-data", "Prefix": "notes/"])
        #expect(listing["Contents"]?.listValue?.first?["Key"] == "notes/a.txt")
        #expect(listing["KeyCount"] == 1)
        #expect(world.error("s3", "DeleteBucket", ["Bucket": "course-data"])?.code == "BucketNotEmpty")
        // In us-east-1, S3 answers 200 to re-creating a bucket you own (for legacy compatibility), and the bucket
        // keeps its objects; another region's constraint gets the error every other region gives.
        #expect(world.ok("s3", "CreateBucket", ["Bucket": "course-data"])["Location"] == "/course-data")
        #expect(world.ok("s3", "ListObjectsV2", ["Bucket": "course-data"])["KeyCount"] == 1)
        #expect(world.error("s3", "CreateBucket", ["Bucket": "course-data", "CreateBucketConfiguration": ["LocationConstraint": "eu-west-1"]])?.code
                == "BucketAlreadyOwnedByYou")
        #expect(world.error("s3", "CreateBucket", ["Bucket": "Bad_Name"]) == ServiceError(code: "InvalidBucketName", message: "The specified bucket is not valid."))
        // us-east-1 takes no location constraint: naming it is refused, as S3 refuses it.
        #expect(world.error("s3", "CreateBucket", ["Bucket": "east", "CreateBucketConfiguration": ["LocationConstraint": "us-east-1"]])
                == ServiceError(code: "InvalidLocationConstraint", message: "The specified location-constraint is not valid"))
        // Another Region's endpoint needs that Region as the constraint (us-east-1's takes any other one).
        func createBucket(_ name: String, in region: String, constraint: String?) -> Result<AWSValue, ServiceError> {
            let configuration: AWSValue? = constraint.map { ["LocationConstraint": .string($0)] }
            let parameters: AWSValue = .object([.init("Bucket", .string(name))] + (configuration.map { [.init("CreateBucketConfiguration", $0)] } ?? []))
            return world.sandbox.send(ServiceRequest(service: "s3", operation: "CreateBucket", parameters: parameters, credentials: world.credentials, region: region))
        }
        #expect(createBucket("west", in: "eu-west-1", constraint: nil) == .failure(ServiceError(code: "IllegalLocationConstraintException",
                message: "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")))
        #expect(createBucket("west", in: "eu-west-1", constraint: "us-west-2") == .failure(ServiceError(code: "IllegalLocationConstraintException",
                message: "The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.")))
        #expect((try? createBucket("west", in: "eu-west-1", constraint: "eu-west-1").get()) != nil)
        #expect((try? createBucket("west-2", in: "us-east-1", constraint: "us-west-2").get()) != nil)
        #expect(world.error("s3", "GetObject", ["Bucket": "nope-bucket", "Key": "k"]) == ServiceError(code: "NoSuchBucket", message: "The specified bucket does not exist"))
        #expect(world.error("s3", "GetObject", ["Bucket": "course-data", "Key": "missing"]) == ServiceError(code: "NoSuchKey", message: "The specified key does not exist."))
    }

    @Test func anObjectKeepsTheChecksumItWasUploadedWith() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        let put = world.ok("s3", "PutObject", ["Bucket": "course-data", "Key": "a.txt", "Body": "hello", "ChecksumCRC32": "NhCmhg=="])
        #expect(put["ChecksumCRC32"] == "NhCmhg==" && put["ChecksumType"] == "FULL_OBJECT" && put["ServerSideEncryption"] == "AES256")
        // Given only when asked for, as S3 does.
        #expect(world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "a.txt"])["ChecksumCRC32"] == nil)
        let asked = world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "a.txt", "ChecksumMode": "ENABLED"])
        #expect(asked["ChecksumCRC32"] == "NhCmhg==" && asked["ChecksumType"] == "FULL_OBJECT")
        let listed = world.ok("s3", "ListObjectsV2", ["Bucket": "course-data"])["Contents"]?.listValue?.first
        #expect(listed?["ChecksumAlgorithm"] == .list(["CRC32"]))
        // Without a checksum, none is made up.
        world.ok("s3", "PutObject", ["Bucket": "course-data", "Key": "b.txt", "Body": "x"])
        #expect(world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "b.txt", "ChecksumMode": "ENABLED"])["ChecksumCRC32"] == nil)
    }

    @Test func aRoleWithReadOnlyAccessCanReadButNotWrite() throws {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        world.ok("s3", "PutObject", ["Bucket": "course-data", "Key": "a.txt", "Body": "x"])
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Reader", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        let assumed = world.assume("Reader")
        let reader = try #require(assumed)
        #expect(world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "a.txt"], as: reader)["Body"] == "x")
        let denied = world.error("s3", "PutObject", ["Bucket": "course-data", "Key": "b.txt", "Body": "y"], as: reader)
        #expect(denied == ServiceError(code: "AccessDenied", message: #"User: arn:aws:sts::123456789012:assumed-role/Reader/s1 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::course-data/b.txt" because no identity-based policy allows the s3:PutObject action"#))
    }

    @Test func withoutListBucketAMissingKeyIsAccessDenied() throws {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        world.ok("iam", "CreateRole", ["RoleName": "GetOnly", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "GetOnly", "PolicyName": "get", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::course-data/*"}]}"#])
        let assumed = world.assume("GetOnly")
        let session = try #require(assumed)
        #expect(world.error("s3", "GetObject", ["Bucket": "course-data", "Key": "missing"], as: session)?.code == "AccessDenied")
    }

    @Test func aBucketPolicyGrantsAnotherAccount() {
        var world = TestWorld()
        let partner = world.sandbox.state.partnerCredentials
        world.ok("s3", "CreateBucket", ["Bucket": "shared-reports"])
        world.ok("s3", "PutObject", ["Bucket": "shared-reports", "Key": "q1.csv", "Body": "1,2"])
        #expect(world.error("s3", "GetObject", ["Bucket": "shared-reports", "Key": "q1.csv"], as: partner) == ServiceError(code: "AccessDenied", message: "Access Denied"))
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-reports/*"}]}"#
        world.ok("s3", "PutBucketPolicy", ["Bucket": "shared-reports", "Policy": .string(policy)])
        #expect(world.ok("s3", "GetObject", ["Bucket": "shared-reports", "Key": "q1.csv"], as: partner)["Body"] == "1,2")
        let wrongResource = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"}]}"#
        #expect(world.error("s3", "PutBucketPolicy", ["Bucket": "shared-reports", "Policy": .string(wrongResource)]) == ServiceError(code: "MalformedPolicy", message: "Policy has invalid resource"))
    }

    /// An unsigned request (`--no-sign-request`) is anonymous to S3: only a bucket policy that allows everyone lets
    /// it in; other services want a signature.
    @Test func anUnsignedRequestIsAnonymousToS3() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "site"])
        world.ok("s3", "PutObject", ["Bucket": "site", "Key": "index.html", "Body": "hi"])
        func anonymous(_ service: String, _ operation: String, _ parameters: AWSValue) -> Result<AWSValue, ServiceError> {
            world.sandbox.send(ServiceRequest(service: service, operation: operation, parameters: parameters, credentials: nil))
        }
        let object: AWSValue = ["Bucket": "site", "Key": "index.html"]
        #expect(anonymous("s3", "GetObject", object) == .failure(ServiceError(code: "AccessDenied", message: "Access Denied")))
        #expect(anonymous("s3", "ListBuckets", .object([])) == .failure(ServiceError(code: "AccessDenied", message: "Access Denied")))
        #expect(anonymous("iam", "ListRoles", .object([])) == .failure(ServiceError(code: "MissingAuthenticationToken", message: "Request is missing Authentication Token")))
        let everyone = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}"#
        // A new bucket blocks public policies until its Block Public Access settings are turned off.
        world.ok("s3", "DeletePublicAccessBlock", ["Bucket": "site"])
        world.ok("s3", "PutBucketPolicy", ["Bucket": "site", "Policy": .string(everyone)])
        #expect((try? anonymous("s3", "GetObject", object).get())?["Body"] == "hi")
        #expect(anonymous("s3", "ListObjectsV2", ["Bucket": "site"]) == .failure(ServiceError(code: "AccessDenied", message: "Access Denied")),
                "the policy allows reading objects, not listing")
    }

    /// What S3 refuses in a bucket policy, in its words: a principal that does not exist (S3 keeps users and roles
    /// by their unique ids), an action of another service, and an action none of the statement's resources is
    /// the kind of (`s3:ListBucket` on `bucket/*`).
    @Test func aBucketPolicyIsCheckedAsS3ChecksIt() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "reports"])
        func statement(principal: String = #"{"AWS":"arn:aws:iam::123456789012:root"}"#, action: String, resource: String) -> AWSValue {
            .string(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":\#(principal),"Action":\#(action),"Resource":\#(resource)}]}"#)
        }
        let refused: [(AWSValue, String)] = [
            (statement(principal: #"{"AWS":"arn:aws:iam::123456789012:user/ghost"}"#, action: #""s3:GetObject""#, resource: #""arn:aws:s3:::reports/*""#), "Invalid principal in policy"),
            (statement(principal: #"{"AWS":"learner"}"#, action: #""s3:GetObject""#, resource: #""arn:aws:s3:::reports/*""#), "Invalid principal in policy"),
            (statement(action: #""iam:GetRole""#, resource: #""arn:aws:s3:::reports/*""#), "Policy has invalid action"),
            (statement(action: #""s3:ListBucket""#, resource: #""arn:aws:s3:::reports/*""#), "Action does not apply to any resource(s) in statement"),
            (statement(action: #"["s3:GetObject","s3:ListBucket"]"#, resource: #""arn:aws:s3:::reports/*""#), "Action does not apply to any resource(s) in statement"),
            (statement(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::reports""#), "Action does not apply to any resource(s) in statement"),
            (statement(action: #""s3:ListAllMyBuckets""#, resource: #""arn:aws:s3:::reports""#), "Action does not apply to any resource(s) in statement"),
        ]
        for (policy, message) in refused {
            #expect(world.error("s3", "PutBucketPolicy", ["Bucket": "reports", "Policy": policy]) == ServiceError(code: "MalformedPolicy", message: message), "\(policy)")
        }
        let accepted: [AWSValue] = [
            statement(action: #"["s3:GetObject","s3:ListBucket"]"#, resource: #"["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]"#),
            statement(action: #""s3:Get*""#, resource: #""arn:aws:s3:::reports/*""#),
            statement(action: #""s3:*""#, resource: #""arn:aws:s3:::reports""#),
            statement(principal: #"{"AWS":"arn:aws:sts::123456789012:assumed-role/Reader/alice"}"#, action: #""s3:GetObject""#, resource: #""arn:aws:s3:::reports/*""#),
            statement(principal: #""*""#, action: #""s3:ListBucket""#, resource: #""arn:aws:s3:::reports""#),
        ]
        // The last is public: it needs the bucket's Block Public Access off (BlockPublicAccessTests).
        world.ok("s3", "DeletePublicAccessBlock", ["Bucket": "reports"])
        for policy in accepted { world.ok("s3", "PutBucketPolicy", ["Bucket": "reports", "Policy": policy]) }
    }
}

@Suite struct EC2Tests {
    /// The EC2-reads-S3 setup: a role EC2 may assume, with S3 read access, in an instance profile.
    static func prepareReaderProfile(_ world: inout TestWorld) {
        world.ok("iam", "CreateRole", ["RoleName": "S3Reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "S3Reader", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        world.ok("iam", "CreateInstanceProfile", ["InstanceProfileName": "S3ReaderProfile"])
        world.ok("iam", "AddRoleToInstanceProfile", ["InstanceProfileName": "S3ReaderProfile", "RoleName": "S3Reader"])
    }

    /// `--dry-run` answers whether the caller could, and changes nothing: DryRunOperation when the call would have
    /// succeeded, UnauthorizedOperation when the caller may not (the usual way to test EC2 permissions).
    @Test func aDryRunChecksPermissionsAndChangesNothing() throws {
        var world = TestWorld()
        let launch: KeyValuePairs<String, AWSValue?> = ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1, "DryRun": true]
        #expect(world.error("ec2", "RunInstances", launch)
                == ServiceError(code: "DryRunOperation", message: "Request would have succeeded, but DryRun flag is set."))
        #expect(world.ok("ec2", "DescribeInstances")["Reservations"] == .list([]), "nothing was launched")
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Reader", "PolicyArn": "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"])
        let reader = try world.assumed("Reader")
        #expect(world.error("ec2", "RunInstances", launch, as: reader)?.code == "UnauthorizedOperation")
        #expect(world.sandbox.lastDenial?.action == "ec2:RunInstances", "explain has the dry run's denial")
        #expect(world.error("ec2", "DescribeInstances", ["DryRun": true], as: reader)?.code == "DryRunOperation")

        let launched = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1])
        let id = try #require(launched["Instances"]?[0]?["InstanceId"]?.stringValue)
        #expect(world.error("ec2", "TerminateInstances", ["InstanceIds": .list([.string(id)]), "DryRun": true])?.code == "DryRunOperation")
        #expect(world.ok("ec2", "DescribeInstances")["Reservations"]?[0]?["Instances"]?[0]?["State"]?["Name"] == "running")
    }

    /// `--tag-specifications` tags the instance (they were dropped, so tag filters matched nothing). Tagging at launch
    /// is also a CreateTags, authorized apart with ec2:CreateAction, and the tags are the request's aws:RequestTag.
    @Test func tagsGivenAtLaunchAreKeptAuthorizedAndFiltered() throws {
        var world = TestWorld()
        let tagged: AWSValue = .list([
            ["ResourceType": "instance", "Tags": .list([["Key": "team", "Value": "blue"], ["Key": "Team", "Value": "red"]])],
            ["ResourceType": "volume", "Tags": .list([["Key": "disk", "Value": "root"]])],
        ])
        let launch: KeyValuePairs<String, AWSValue?> = ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "TagSpecifications": tagged]
        let launched = world.ok("ec2", "RunInstances", launch)
        // EC2's keys are case-sensitive: `team` and `Team` are two tags. A volume's tags have no volume to go on.
        #expect(launched["Instances"]?[0]?["Tags"] == .list([["Key": "team", "Value": "blue"], ["Key": "Team", "Value": "red"]]))
        world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1])
        func count(_ filter: AWSValue) -> Int { world.ok("ec2", "DescribeInstances", ["Filters": .list([filter])])["Reservations"]?.listValue?.count ?? -1 }
        #expect(count(["Name": "tag:team", "Values": ["blue"]]) == 1)
        #expect(count(["Name": "tag:team", "Values": ["red"]]) == 0)
        #expect(count(["Name": "tag-key", "Values": ["Team"]]) == 1)
        #expect(count(["Name": "tag:team", "Values": ["b*"]]) == 1)

        // A role that may launch only instances tagged team=blue, and may tag only at launch.
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"}}},"#
            + #"{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"StringEquals":{"ec2:CreateAction":"RunInstances"}}}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "Launcher", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Launcher", "PolicyName": "launch", "PolicyDocument": .string(policy)])
        let launcher = try world.assumed("Launcher")
        world.ok("ec2", "RunInstances", launch, as: launcher)
        #expect(world.error("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1], as: launcher)?.code == "UnauthorizedOperation")
        #expect(world.sandbox.lastDenial?.action == "ec2:RunInstances")
        // Allowed to launch with any tags, but not to tag: the CreateTags half is refused.
        let untagging = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}"#
        world.ok("iam", "PutRolePolicy", ["RoleName": "Launcher", "PolicyName": "launch", "PolicyDocument": .string(untagging)])
        #expect(world.error("ec2", "RunInstances", launch, as: launcher)?.code == "UnauthorizedOperation")
        #expect(world.sandbox.lastDenial?.action == "ec2:CreateTags")
        world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1], as: launcher)

        let reserved: AWSValue = .list([["ResourceType": "instance", "Tags": .list([["Key": "aws:team", "Value": "x"]])]])
        #expect(world.error("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "TagSpecifications": reserved])
                == ServiceError(code: "InvalidParameterValue", message: "Tag keys starting with 'aws:' are reserved for internal use"))
    }

    /// Every path the metadata service lists answers (hostname and placement/ were listed and then not found), and
    /// the Region is where code on an instance looks for it.
    @Test func everyListedMetadataPathAnswers() throws {
        var world = TestWorld()
        Self.prepareReaderProfile(&world)
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
                                                       "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])])
        let id = try #require(launch["Instances"]?[0]?["InstanceId"]?.stringValue)
        #expect(world.sandbox.instanceMetadata(id, path: "/latest/") == .success("dynamic\nmeta-data"))
        var pending = ["/latest/meta-data/", "/latest/dynamic/"]
        var visited = 0
        while let path = pending.popLast() {
            visited += 1
            guard case .success(let body) = world.sandbox.instanceMetadata(id, path: path) else {
                Issue.record("\(path) is listed but does not answer"); continue
            }
            if path.hasSuffix("/") { pending += body.split(separator: "\n").map { path + $0 } }
        }
        #expect(visited > 14)
        #expect(world.sandbox.instanceMetadata(id, path: "/latest/meta-data/placement/region") == .success("us-east-1"))
        guard case .success(let document) = world.sandbox.instanceMetadata(id, path: "/latest/dynamic/instance-identity/document") else {
            Issue.record("no identity document"); return
        }
        #expect(document.contains("\"region\" : \"us-east-1\"") && document.contains("\"instanceId\" : \"\(id)\""))
    }

    /// `--filters` pick the items EC2 would return (they were ignored), and a filter name EC2 does not know is refused.
    @Test func filtersPickWhatEC2Returns() throws {
        var world = TestWorld()
        Self.prepareReaderProfile(&world)
        let first = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
                                                      "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])])
        let kept = try #require(first["Instances"]?[0]?["InstanceId"]?.stringValue)
        let second = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.small", "MinCount": 1, "MaxCount": 1])
        let gone = try #require(second["Instances"]?[0]?["InstanceId"]?.stringValue)
        world.ok("ec2", "TerminateInstances", ["InstanceIds": .list([.string(gone)])])
        func ids(_ filters: [(String, [String])]) -> [String] {
            let value: AWSValue = .list(filters.map { .object([.init("Name", .string($0.0)), .init("Values", .list($0.1.map(AWSValue.string)))]) })
            return world.ok("ec2", "DescribeInstances", ["Filters": value])["Reservations"]?.listValue?.compactMap { $0["Instances"]?[0]?["InstanceId"]?.stringValue } ?? []
        }
        #expect(ids([("instance-state-name", ["terminated"])]) == [gone])
        #expect(ids([("instance-state-name", ["running", "terminated"]), ("instance-type", ["t3.mi*"])]) == [kept])
        #expect(ids([("iam-instance-profile.arn", ["arn:aws:iam::123456789012:instance-profile/S3Reader?rofile"])]) == [kept])
        #expect(world.error("ec2", "DescribeInstances", ["Filters": [.object([.init("Name", "bogus-filter"), .init("Values", ["x"])])]])
                == ServiceError(code: "InvalidParameterValue", message: "The filter 'bogus-filter' is invalid"))
        // Real names: those with an answer in the sandbox filter; the others say they are not simulated.
        #expect(ids([("availability-zone", ["us-east-1a"]), ("instance-state-code", ["16"])]) == [kept])
        #expect(world.error("ec2", "DescribeInstances", ["Filters": [.object([.init("Name", "vpc-id"), .init("Values", ["vpc-1"])])]])?.code == "InvalidAction")
        #expect(ids([("tag:Name", ["web"])]).isEmpty, "the sandbox's instances carry no tags")
        #expect(EC2Filters.matches("*ab", "*b") && EC2Filters.matches("abc", "a*") && EC2Filters.matches("abc", "*") && !EC2Filters.matches("abc", "a?"))
        let associations = world.ok("ec2", "DescribeIamInstanceProfileAssociations", ["Filters": [.object([.init("Name", "state"), .init("Values", ["disassociated"])])]])
        #expect(associations["IamInstanceProfileAssociations"] == .list([]))
        #expect(world.ok("ec2", "DescribeIamInstanceProfileAssociations", ["AssociationIds": ["iip-assoc-0000000000000000"]])["IamInstanceProfileAssociations"] == .list([]))
    }

    @Test func anInstanceReadsS3WithItsRolesCredentials() throws {
        var world = TestWorld()
        Self.prepareReaderProfile(&world)
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        world.ok("s3", "PutObject", ["Bucket": "course-data", "Key": "a.txt", "Body": "from s3"])
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro", "MinCount": 1, "MaxCount": 1,
                                                       "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])])
        let id = try #require(launch["Instances"]?.listValue?.first?["InstanceId"]?.stringValue)
        #expect(launch["Instances"]?.listValue?.first?["IamInstanceProfile"]?["Arn"] == "arn:aws:iam::123456789012:instance-profile/S3ReaderProfile")
        #expect(world.sandbox.instanceMetadata(id, path: "/latest/meta-data/iam/security-credentials/") == .success("S3Reader"))
        guard case .success(let document) = world.sandbox.instanceMetadata(id, path: "/latest/meta-data/iam/security-credentials/S3Reader") else {
            Issue.record("no credential document"); return
        }
        #expect(document.contains("\"Type\" : \"AWS-HMAC\""))
        let fetched = world.sandbox.instanceCredentials(id)
        let credentials = try #require(try fetched.get())
        #expect(world.ok("sts", "GetCallerIdentity", as: credentials)["Arn"] == .string("arn:aws:sts::123456789012:assumed-role/S3Reader/\(id)"))
        #expect(world.ok("s3", "GetObject", ["Bucket": "course-data", "Key": "a.txt"], as: credentials)["Body"] == "from s3")
        #expect(world.error("s3", "PutObject", ["Bucket": "course-data", "Key": "b.txt"], as: credentials)?.code == "AccessDenied")
    }

    @Test func instanceCredentialsAreRenewedBeforeTheyExpire() throws {
        var world = TestWorld()
        Self.prepareReaderProfile(&world)
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])])
        let id = try #require(launch["Instances"]?.listValue?.first?["InstanceId"]?.stringValue)
        let firstResult = world.sandbox.instanceCredentials(id)
        let first = try #require(try firstResult.get())
        let againResult = world.sandbox.instanceCredentials(id)
        let again = try #require(try againResult.get())
        #expect(first == again)
        world.sandbox.state.clock.advance(by: 6 * 3600 - 60)
        let renewedResult = world.sandbox.instanceCredentials(id)
        let renewed = try #require(try renewedResult.get())
        #expect(renewed.accessKeyID != first.accessKeyID)
        world.ok("sts", "GetCallerIdentity", as: renewed)
    }

    @Test func metadataTokensAreCappedSoRequestsCannotGrowTheState() throws {
        var world = TestWorld()
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1])
        let id = try #require(launch["Instances"]?.listValue?.first?["InstanceId"]?.stringValue)
        var tokens: [String] = []
        for _ in 1...200 {
            tokens.append(try world.sandbox.issueMetadataToken(id, ttl: 21_600).get())
            world.sandbox.state.clock.advance(by: 1)
        }
        let kept = try #require(world.sandbox.state[account: SandboxState.learnerAccount].instances[id]?.metadataTokens)
        #expect(kept.count == Sandbox.metadataTokenLimit)
        // The newest still open the service; the oldest were let go.
        #expect((try? world.sandbox.instanceMetadata(id, path: "/latest/meta-data/instance-id", token: tokens.last).get()) == id)
        #expect(kept[tokens[0]] == nil)
    }

    @Test func launchingWithAProfileNeedsPassRole() throws {
        var world = TestWorld()
        Self.prepareReaderProfile(&world)
        world.ok("iam", "CreateRole", ["RoleName": "Launcher", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Launcher", "PolicyName": "run", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:RunInstances","ec2:Describe*"],"Resource":"*"}]}"#])
        let assumed = world.assume("Launcher")
        let launcher = try #require(assumed)
        let error = world.error("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])], as: launcher)
        #expect(error?.code == "UnauthorizedOperation")
        #expect(error?.message == "You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/Launcher/s1 is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/S3Reader because no identity-based policy allows the iam:PassRole action")
        world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1], as: launcher)
    }

    @Test func aRoleEC2CannotAssumeGivesTheInstanceNoCredentials() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Wrong", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "CreateInstanceProfile", ["InstanceProfileName": "WrongProfile"])
        world.ok("iam", "AddRoleToInstanceProfile", ["InstanceProfileName": "WrongProfile", "RoleName": "Wrong"])
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": .object([.init("Name", "WrongProfile")])])
        let id = try #require(launch["Instances"]?.listValue?.first?["InstanceId"]?.stringValue)
        #expect(world.sandbox.instanceCredentials(id) == .failure(.roleNotAssumable(role: "Wrong")))
        #expect(world.error("ec2", "RunInstances", ["ImageId": "ami-1", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": .object([.init("Name", "Nope")])])
                == ServiceError(code: "InvalidParameterValue", message: "Value (Nope) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"))
    }
}

@Suite struct LambdaTests {
    static let lambdaTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    @Test func aFunctionNeedsARoleLambdaCanAssume() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "NotForLambda", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let error = world.error("lambda", "CreateFunction", ["FunctionName": "report", "Runtime": "python3.12", "Handler": "app.handler",
                                                             "Role": "arn:aws:iam::123456789012:role/NotForLambda", "Code": .object([.init("ZipFile", "aws sts get-caller-identity")])])
        #expect(error == ServiceError(code: "InvalidParameterValueException", message: "The role defined for the function cannot be assumed by Lambda."))
    }

    /// A runtime for tests: it records what it was asked to run, and acts as the function by asking STS who it is.
    struct RecordingRuntime: FunctionRuntime {
        final class Log: @unchecked Sendable { var executions: [LambdaExecution] = []; var callers: [String] = [] }
        let log = Log()
        func run(_ execution: LambdaExecution, in sandbox: inout Sandbox) -> (output: [String], failure: ServiceError?) {
            log.executions.append(execution)
            let identity = sandbox.send(ServiceRequest(service: "sts", operation: "GetCallerIdentity", parameters: .object([]), credentials: execution.credentials))
            if case .success(let value) = identity, let arn = value["Arn"]?.stringValue { log.callers.append(arn) }
            return (["hello"], nil)
        }
    }

    /// Lambda needs a runtime and a handler for a package (they were filled in for the learner), and runs a function
    /// for at most 900 seconds.
    @Test func createFunctionChecksWhatLambdaChecks() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "ReportRole", "AssumeRolePolicyDocument": .string(Self.lambdaTrust)])
        let code: AWSValue = .object([.init("ZipFile", "aws sts get-caller-identity\n")])
        #expect(world.error("lambda", "CreateFunction", ["FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/ReportRole", "Code": code, "Runtime": "python3.12"])
                == ServiceError(code: "InvalidParameterValueException", message: "Runtime and Handler are mandatory parameters for functions created with deployment packages."))
        #expect(world.error("lambda", "CreateFunction", ["FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/ReportRole", "Code": code,
                                                         "Runtime": "python3.12", "Handler": "app.handler", "Timeout": 901])?.message
                == "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900")
        let created = world.ok("lambda", "CreateFunction", ["FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/ReportRole", "Code": code,
                                                            "Runtime": "python3.12", "Handler": "app.handler", "Timeout": 900])
        // The package's SHA-256 in base64, as `openssl dgst -sha256 -binary FILE | base64` prints it.
        #expect(created["CodeSha256"] == "4PkxDHqGc91LISZgN3FKvcpS1c7aMd6pCVrsRSbYLmQ=")
        #expect(world.error("lambda", "UpdateFunctionConfiguration", ["FunctionName": "f", "Timeout": 1000])?.code == "ValidationException")
    }

    /// update-function-configuration changes what it is given (memory, handler, runtime and environment were
    /// ignored while the call succeeded), within Lambda's limits, and the configuration shows each update.
    @Test func aFunctionsConfigurationIsUpdatedAsAsked() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "ReportRole", "AssumeRolePolicyDocument": .string(Self.lambdaTrust)])
        let code: AWSValue = .object([.init("ZipFile", "aws sts get-caller-identity\n")])
        let created = world.ok("lambda", "CreateFunction", ["FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/ReportRole", "Code": code,
                                                            "Runtime": "python3.12", "Handler": "app.handler", "Environment": ["Variables": ["STAGE": "dev"]]])
        #expect(created["Environment"] == ["Variables": ["STAGE": "dev"]])
        #expect(created["State"] == "Pending" && created["LastUpdateStatus"] == nil)
        let revision = try #require(created["RevisionId"]?.stringValue)
        #expect(revision.count == 36 && revision.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        let updated = world.ok("lambda", "UpdateFunctionConfiguration", ["FunctionName": "f", "MemorySize": 512, "Handler": "app.main",
                                                                         "Runtime": "python3.13", "Environment": ["Variables": ["STAGE": "prod", "TEAM": "blue"]]])
        #expect(updated["LastUpdateStatus"] == "InProgress")
        #expect(updated["RevisionId"]?.stringValue != revision)
        let shown = world.ok("lambda", "GetFunctionConfiguration", ["FunctionName": "f"])
        #expect(shown["MemorySize"] == 512 && shown["Handler"] == "app.main" && shown["Runtime"] == "python3.13")
        #expect(shown["Environment"] == ["Variables": ["STAGE": "prod", "TEAM": "blue"]])
        #expect(shown["State"] == "Active" && shown["LastUpdateStatus"] == "Successful")
        #expect(shown.members?.map(\.key).prefix(15) == ["FunctionName", "FunctionArn", "Runtime", "Role", "Handler", "CodeSize", "Description", "Timeout",
                                                         "MemorySize", "LastModified", "CodeSha256", "Version", "Environment", "TracingConfig", "RevisionId"])
        #expect(world.error("lambda", "UpdateFunctionConfiguration", ["FunctionName": "f", "MemorySize": 20000])
                == ServiceError(code: "InvalidParameterValueException", message: "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240"))
        world.ok("lambda", "UpdateFunctionConfiguration", ["FunctionName": "f", "Environment": ["Variables": .object([])]])
        #expect(world.ok("lambda", "GetFunctionConfiguration", ["FunctionName": "f"])["Environment"] == nil, "an empty set removes the variables")
    }

    /// Small answers as AWS gives them: terminating a terminated instance changes nothing, a bucket made outside
    /// us-east-1 is answered with its address, and listings are denied on what AWS authorizes them on.
    @Test func smallAnswersAsAWSGivesThem() throws {
        var world = TestWorld()
        let id = try #require(world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1])["Instances"]?[0]?["InstanceId"])
        world.ok("ec2", "TerminateInstances", ["InstanceIds": .list([id])])
        let again = world.ok("ec2", "TerminateInstances", ["InstanceIds": .list([id])])["TerminatingInstances"]?[0]
        #expect(again?["CurrentState"]?["Name"] == "terminated" && again?["PreviousState"]?["Name"] == "terminated" && again?["CurrentState"]?["Code"] == 48)
        let irish = world.sandbox.send(ServiceRequest(service: "s3", operation: "CreateBucket", parameters: ["Bucket": "irish-bucket", "CreateBucketConfiguration": ["LocationConstraint": "eu-west-1"]],
                                                      credentials: world.credentials, region: "eu-west-1"))
        #expect((try? irish.get())?["Location"] == "http://irish-bucket.s3.amazonaws.com/")
        world.ok("iam", "CreateRole", ["RoleName": "Nothing", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let nothing = try world.assumed("Nothing")
        #expect(world.error("dynamodb", "ListTables", as: nothing)?.message.contains("dynamodb:ListTables on resource: arn:aws:dynamodb:us-east-1:123456789012:table/* because") == true)
        #expect(world.error("logs", "DescribeLogGroups", as: nothing)?.message.contains("logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:123456789012:log-group::log-stream: because") == true)
    }

    /// An object's ETag is the MD5 of its body, as S3 gives it for a single-part upload: what `md5sum` prints.
    @Test func anObjectsETagIsTheMD5OfItsBody() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "digests"])
        #expect(world.ok("s3", "PutObject", ["Bucket": "digests", "Key": "h.txt", "Body": "hello\n"])["ETag"] == "\"b1946ac92492d2347c6235b4d2611184\"")
        #expect(world.ok("s3", "HeadObject", ["Bucket": "digests", "Key": "h.txt"])["ETag"] == "\"b1946ac92492d2347c6235b4d2611184\"")
    }

    /// Checks each service makes of what it is given, in its words: a stack name's pattern, a well-formed instance
    /// id (malformed is not "not found"), and log events in order and within CloudWatch Logs' window.
    @Test func servicesCheckTheirInputsAsAWSDoes() {
        var world = TestWorld()
        #expect(world.error("cloudformation", "CreateStack", ["StackName": "bad_name", "TemplateBody": "{}"])?.message
                == "1 validation error detected: Value 'bad_name' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")
        #expect(world.error("ec2", "DescribeInstances", ["InstanceIds": ["i-nope"]]) == ServiceError(code: "InvalidInstanceID.Malformed", message: "Invalid id: \"i-nope\""))
        #expect(world.error("ec2", "DescribeInstances", ["InstanceIds": ["i-0123456789abcdef0"]])?.code == "InvalidInstanceID.NotFound")
        world.ok("logs", "CreateLogGroup", ["logGroupName": "/app"])
        world.ok("logs", "CreateLogStream", ["logGroupName": "/app", "logStreamName": "s"])
        let now = world.sandbox.state.clock.now * 1000
        func events(_ times: [Int]) -> AWSValue { .list(times.map { .object([.init("timestamp", .integer($0)), .init("message", .string("at \($0)"))]) }) }
        #expect(world.error("logs", "PutLogEvents", ["logGroupName": "/app", "logStreamName": "s", "logEvents": events([now, now - 1000])])
                == ServiceError(code: "InvalidParameterException", message: "Log events in a single PutLogEvents request must be in chronological order."))
        let answer = world.ok("logs", "PutLogEvents", ["logGroupName": "/app", "logStreamName": "s", "logEvents": events([0, now, now + 3 * 3_600_000])])
        // The start index is inclusive, the end index exclusive (RejectedLogEventsInfo).
        #expect(answer["rejectedLogEventsInfo"] == .object([.init("tooNewLogEventStartIndex", 2), .init("tooOldLogEventEndIndex", 1)]))
        let stored = world.ok("logs", "GetLogEvents", ["logGroupName": "/app", "logStreamName": "s"])["events"]?.listValue
        #expect(stored?.count == 1, "only the event inside the window is kept")
    }

    /// The sandbox runs an invoked function through the runtime plugged into it (the shell's runs aws commands),
    /// as the execution role, and writes its logs only when that role may.
    @Test func invocationsRunThroughTheRuntimeAndLogOnlyWhenTheRoleMay() throws {
        var world = TestWorld()
        let runtime = RecordingRuntime()
        world.sandbox.functionRuntime = runtime
        world.ok("iam", "CreateRole", ["RoleName": "ReportRole", "AssumeRolePolicyDocument": .string(Self.lambdaTrust)])
        world.ok("lambda", "CreateFunction", ["FunctionName": "report", "Runtime": "python3.12", "Handler": "app.handler",
                                              "Role": "arn:aws:iam::123456789012:role/ReportRole", "Code": .object([.init("ZipFile", "# comment\naws sts get-caller-identity\n")])])
        let response = world.ok("lambda", "Invoke", ["FunctionName": "report"])
        #expect(response["Payload"]?.stringValue?.contains("hello") == true)
        #expect(runtime.log.executions.first?.commands == ["aws sts get-caller-identity"])
        #expect(runtime.log.callers == ["arn:aws:sts::123456789012:assumed-role/ReportRole/report"])
        #expect(world.ok("logs", "DescribeLogGroups")["logGroups"]?.listValue?.isEmpty == true, "no logs permission, no logs")

        world.ok("iam", "AttachRolePolicy", ["RoleName": "ReportRole", "PolicyArn": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])
        world.ok("lambda", "Invoke", ["FunctionName": "report"])
        let streams = world.ok("logs", "DescribeLogStreams", ["logGroupName": "/aws/lambda/report"])["logStreams"]?.listValue
        let stream = try #require(streams?.first?["logStreamName"])
        let events = world.ok("logs", "GetLogEvents", ["logGroupName": "/aws/lambda/report", "logStreamName": stream])["events"]?.listValue
        #expect(events?.compactMap { $0["message"]?.stringValue }.contains("hello") == true)
        #expect(events?.first?["message"]?.stringValue?.hasPrefix("START RequestId: ") == true)
        // DryRun checks and runs nothing (204); Event runs and answers 202 without a result; Tail returns the log.
        let runs = runtime.log.executions.count
        #expect(world.ok("lambda", "Invoke", ["FunctionName": "report", "InvocationType": "DryRun"]) == .object([.init("StatusCode", 204)]))
        #expect(runtime.log.executions.count == runs)
        #expect(world.ok("lambda", "Invoke", ["FunctionName": "report", "InvocationType": "Event"]) == .object([.init("StatusCode", 202)]))
        #expect(runtime.log.executions.count == runs + 1)
        let tail = world.ok("lambda", "Invoke", ["FunctionName": "report", "LogType": "Tail"])["LogResult"]?.stringValue
        let log = try #require(tail.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) })
        #expect(log.hasPrefix("START RequestId: ") && log.contains("hello\nEND RequestId: "))
        // Without a runtime the function is invoked and runs nothing.
        world.sandbox.functionRuntime = nil
        #expect(world.ok("lambda", "Invoke", ["FunctionName": "report"])["Payload"] == nil)
    }
}

@Suite struct CloudFormationTests {
    /// CloudFormation's own words: a named resource that exists already, a YAML template it cannot read (with the
    /// place, not the parser's report), and a deletion that fails (the stack names what it could not delete).
    @Test func failuresAreReportedInCloudFormationsWords() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "named-role", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let clash = #"{"Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"RoleName":"named-role","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "clash", "TemplateBody": .string(clash), "Capabilities": ["CAPABILITY_NAMED_IAM"]])
        let events = world.ok("cloudformation", "DescribeStackEvents", ["StackName": "clash"])["StackEvents"]?.listValue ?? []
        #expect(events.contains { $0["ResourceStatus"] == "CREATE_FAILED" && $0["ResourceStatusReason"] == "Resource of type 'AWS::IAM::Role' with identifier 'named-role' already exists." })

        let yaml = world.error("cloudformation", "ValidateTemplate", ["TemplateBody": "Resources:\n  B: [unclosed\n"])
        #expect(yaml?.code == "ValidationError")
        #expect(yaml?.message.hasPrefix("Template format error: YAML not well-formed. (line ") == true && yaml?.message.contains("\n") == false, "\(yaml?.message ?? "")")

        let bucket = #"{"Resources":{"Site":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"stack-site-bucket"}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "site", "TemplateBody": .string(bucket)])
        world.ok("s3", "PutObject", ["Bucket": "stack-site-bucket", "Key": "index.html", "Body": "hi"])
        world.ok("cloudformation", "DeleteStack", ["StackName": "site"])
        let stack = world.ok("cloudformation", "DescribeStacks", ["StackName": "site"])["Stacks"]?[0]
        #expect(stack?["StackStatus"] == "DELETE_FAILED")
        #expect(stack?["StackStatusReason"] == "The following resource(s) failed to delete: [Site]. ")
        let failed = (world.ok("cloudformation", "DescribeStackEvents", ["StackName": "site"])["StackEvents"]?.listValue ?? [])
            .first { $0["LogicalResourceId"] == "Site" && $0["ResourceStatus"] == "DELETE_FAILED" }
        let reason = try #require(failed?["ResourceStatusReason"]?.stringValue)
        #expect(reason.hasPrefix("Resource handler returned message: \"The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Request ID: "))
        #expect(reason.hasSuffix("HandlerErrorCode: GeneralServiceException)"))
        // The way out: delete the stack again, keeping the bucket (it stays, with its object).
        world.ok("cloudformation", "DeleteStack", ["StackName": "site", "RetainResources": ["Site"]])
        #expect((world.ok("cloudformation", "DescribeStackEvents", ["StackName": stack?["StackId"]?.stringValue.map(AWSValue.string) ?? "site"])["StackEvents"]?.listValue ?? [])
            .contains { $0["LogicalResourceId"] == "Site" && $0["ResourceStatus"] == "DELETE_SKIPPED" })
        #expect(world.ok("s3", "GetObject", ["Bucket": "stack-site-bucket", "Key": "index.html"])["Body"] == "hi")
        #expect(world.error("cloudformation", "DescribeStacks", ["StackName": "site"])?.code == "ValidationError", "the stack is gone")
    }

    /// What describe-stacks, describe-stack-resources and validate-template show besides the status: the
    /// template's description, the capabilities granted, when each resource was made, and when the stack went.
    @Test func stacksShowWhatCloudFormationShows() throws {
        var world = TestWorld()
        let template = #"{"Description":"Reports for the team","Resources":{"Reader":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}}}"#
        #expect(world.ok("cloudformation", "ValidateTemplate", ["TemplateBody": .string(template)])["Description"] == "Reports for the team")
        let id = try #require(world.ok("cloudformation", "CreateStack", ["StackName": "reports", "TemplateBody": .string(template), "Capabilities": ["CAPABILITY_IAM"]])["StackId"])
        let stack = try #require(world.ok("cloudformation", "DescribeStacks", ["StackName": "reports"])["Stacks"]?[0])
        #expect(stack["Description"] == "Reports for the team" && stack["Capabilities"] == ["CAPABILITY_IAM"])
        #expect(stack.members?.map(\.key).prefix(3) == ["StackId", "StackName", "Description"])
        let resource = try #require(world.ok("cloudformation", "DescribeStackResources", ["StackName": "reports"])["StackResources"]?[0])
        #expect(resource["Timestamp"] != nil && resource["DriftInformation"]?["StackResourceDriftStatus"] == "NOT_CHECKED")
        world.ok("cloudformation", "DeleteStack", ["StackName": "reports"])
        let gone = try #require(world.ok("cloudformation", "DescribeStacks", ["StackName": id])["Stacks"]?[0])
        #expect(gone["StackStatus"] == "DELETE_COMPLETE" && gone["DeletionTime"] != nil)
    }

    static let cfnTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let template = """
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      ReportsBucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: stack-reports-bucket
      ReaderRole:
        Type: AWS::IAM::Role
        Properties:
          RoleName: StackReader
          AssumeRolePolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Principal: {Service: ec2.amazonaws.com}
                Action: sts:AssumeRole
          Policies:
            - PolicyName: read-reports
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: !Sub "${ReportsBucket.Arn}/*"
    """

    /// A stack never takes over a bucket that already exists, though S3 itself answers 200 to re-creating your own
    /// bucket in us-east-1: deleting the stack would otherwise delete the learner's bucket (found by a review).
    @Test func aStackDoesNotTakeOverAnExistingBucket() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "mine"])
        world.ok("s3", "PutObject", ["Bucket": "mine", "Key": "k", "Body": "keep"])
        let template = #"{"Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"mine"}}}}"#
        world.ok("cloudformation", "CreateStack", ["StackName": "takeover", "TemplateBody": .string(template)])
        let stack = world.ok("cloudformation", "DescribeStacks", ["StackName": "takeover"])["Stacks"]?.listValue?.first
        #expect(stack?["StackStatus"]?.stringValue?.hasPrefix("ROLLBACK") == true, "\(String(describing: stack))")
        world.ok("cloudformation", "DeleteStack", ["StackName": "takeover"])
        #expect(world.ok("s3", "GetObject", ["Bucket": "mine", "Key": "k"])["Body"] == "keep")
    }

    @Test func aServiceRoleBuildsTheStackWithItsOwnPermissions() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "CFNDeployer", "AssumeRolePolicyDocument": .string(Self.cfnTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "CFNDeployer", "PolicyArn": "arn:aws:iam::aws:policy/IAMFullAccess"])
        let parameters: KeyValuePairs<String, AWSValue?> = ["StackName": "reports", "TemplateBody": .string(Self.template),
                                                             "RoleARN": "arn:aws:iam::123456789012:role/CFNDeployer", "Capabilities": ["CAPABILITY_NAMED_IAM"]]
        #expect(world.error("cloudformation", "CreateStack", ["StackName": "reports", "TemplateBody": .string(Self.template)])
                == ServiceError(code: "InsufficientCapabilitiesException", message: "Requires capabilities : [CAPABILITY_NAMED_IAM]"))
        world.ok("cloudformation", "CreateStack", parameters)
        let stack = world.ok("cloudformation", "DescribeStacks", ["StackName": "reports"])["Stacks"]?.listValue?.first
        #expect(stack?["StackStatus"] == "ROLLBACK_COMPLETE")
        let events = world.ok("cloudformation", "DescribeStackEvents", ["StackName": "reports"])["StackEvents"]?.listValue ?? []
        let failure = events.first { $0["ResourceStatus"] == "CREATE_FAILED" }
        #expect(failure?["LogicalResourceId"] == "ReportsBucket")
        #expect(failure?["ResourceStatusReason"]?.stringValue?.contains("assumed-role/CFNDeployer/AWSCloudFormation is not authorized to perform: s3:CreateBucket") == true)

        world.ok("iam", "AttachRolePolicy", ["RoleName": "CFNDeployer", "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3FullAccess"])
        world.ok("cloudformation", "DeleteStack", ["StackName": "reports"])
        world.ok("cloudformation", "CreateStack", parameters)
        #expect(world.ok("cloudformation", "DescribeStacks", ["StackName": "reports"])["Stacks"]?.listValue?.first?["StackStatus"] == "CREATE_COMPLETE")
        let inline = world.ok("iam", "GetRolePolicy", ["RoleName": "StackReader", "PolicyName": "read-reports"])
        #expect(inline["PolicyDocument"]?["Statement"]?.listValue?.first?["Resource"] == "arn:aws:s3:::stack-reports-bucket/*")
    }

    @Test func passingTheServiceRoleNeedsPassRole() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "CFNDeployer", "AssumeRolePolicyDocument": .string(Self.cfnTrust)])
        world.ok("iam", "CreateRole", ["RoleName": "Deployer", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Deployer", "PolicyName": "cfn", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:*","Resource":"*"}]}"#])
        let assumed = world.assume("Deployer")
        let deployer = try #require(assumed)
        let error = world.error("cloudformation", "CreateStack", ["StackName": "reports", "TemplateBody": .string(Self.template),
                                                                  "RoleARN": "arn:aws:iam::123456789012:role/CFNDeployer", "Capabilities": ["CAPABILITY_NAMED_IAM"]], as: deployer)
        #expect(error?.code == "AccessDenied")
        #expect(error?.message.contains("iam:PassRole on resource: arn:aws:iam::123456789012:role/CFNDeployer") == true)
        #expect(world.error("cloudformation", "CreateStack", ["StackName": "x", "TemplateBody": .string(Self.template), "RoleARN": "arn:aws:iam::123456789012:role/Deployer", "Capabilities": ["CAPABILITY_NAMED_IAM"]])
                == ServiceError(code: "ValidationError", message: "Role arn:aws:iam::123456789012:role/Deployer is invalid or cannot be assumed"))
    }
}

@Suite struct DynamoDBTests {
    @Test func itemsRoundTripAndKeysAreChecked() {
        var world = TestWorld()
        world.ok("dynamodb", "CreateTable", ["TableName": "Scores", "KeySchema": [.object([.init("AttributeName", "id"), .init("KeyType", "HASH")])],
                                             "AttributeDefinitions": [.object([.init("AttributeName", "id"), .init("AttributeType", "S")])], "BillingMode": "PAY_PER_REQUEST"])
        let item: AWSValue = .object([.init("id", .object([.init("S", "u1")])), .init("score", .object([.init("N", "42")]))])
        world.ok("dynamodb", "PutItem", ["TableName": "Scores", "Item": item])
        #expect(world.ok("dynamodb", "GetItem", ["TableName": "Scores", "Key": .object([.init("id", .object([.init("S", "u1")]))])])["Item"] == item)
        #expect(world.ok("dynamodb", "Scan", ["TableName": "Scores"])["Count"] == 1)
        #expect(world.error("dynamodb", "GetItem", ["TableName": "Scores", "Key": .object([.init("id", .object([.init("N", "1")]))])])?.message
                == "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N")
        #expect(world.error("dynamodb", "DescribeTable", ["TableName": "Nope"]) == ServiceError(code: "ResourceNotFoundException", message: "Requested resource not found: Table: Nope not found"))
    }

    /// CreateTable's own rules, in DynamoDB's words: PROVISIONED (the default) needs both capacities and keeps them,
    /// PAY_PER_REQUEST takes neither, and every attribute defined must be a key. Each table has an id of its own.
    @Test func tablesAreCreatedOnDynamoDBsTerms() {
        var world = TestWorld()
        let key: AWSValue = [.object([.init("AttributeName", "id"), .init("KeyType", "HASH")])]
        let definitions: AWSValue = [.object([.init("AttributeName", "id"), .init("AttributeType", "S")])]
        let throughput: AWSValue = .object([.init("ReadCapacityUnits", 5), .init("WriteCapacityUnits", 2)])
        #expect(world.error("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": key, "AttributeDefinitions": definitions])?.message
                == "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
        #expect(world.error("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": key, "AttributeDefinitions": definitions,
                                                        "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": throughput])?.message
                == "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        let extra: AWSValue = [.object([.init("AttributeName", "id"), .init("AttributeType", "S")]), .object([.init("AttributeName", "v"), .init("AttributeType", "N")])]
        #expect(world.error("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": key, "AttributeDefinitions": extra, "BillingMode": "PAY_PER_REQUEST"])?.message
                == "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        let created = world.ok("dynamodb", "CreateTable", ["TableName": "T2", "KeySchema": key, "AttributeDefinitions": definitions, "ProvisionedThroughput": throughput])
        #expect(created["TableDescription"]?["ProvisionedThroughput"]?["ReadCapacityUnits"] == 5)
        #expect(created["TableDescription"]?["ProvisionedThroughput"]?["WriteCapacityUnits"] == 2)
        world.ok("dynamodb", "CreateTable", ["TableName": "T3", "KeySchema": key, "AttributeDefinitions": definitions, "BillingMode": "PAY_PER_REQUEST"])
        let first = world.ok("dynamodb", "DescribeTable", ["TableName": "T2"])["Table"]?["TableId"]?.stringValue
        let second = world.ok("dynamodb", "DescribeTable", ["TableName": "T3"])["Table"]?["TableId"]?.stringValue
        #expect(first != nil && first != second, "T2 and T3 once had the same TableId")
        #expect(first?.count == 36)
        #expect(world.error("dynamodb", "CreateTable", ["TableName": "T4", "KeySchema": key, "AttributeDefinitions": definitions, "BillingMode": "PAY_PER_REQUEST",
                                                        "GlobalSecondaryIndexes": .list([])])?.code == "InvalidAction", "indexes are not simulated, and say so")
        let emptyKey: AWSValue = .object([.init("id", .object([.init("S", "")]))])
        #expect(world.error("dynamodb", "PutItem", ["TableName": "T3", "Item": emptyKey])?.message
                == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id")
    }

    /// What the sandbox does not simulate is refused, not ignored: a condition that should stop a write once let it
    /// through. `--return-values ALL_OLD` gives back the item a call replaced or deleted.
    @Test func expressionsAreRefusedAndOldValuesReturned() {
        var world = TestWorld()
        world.ok("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": [.object([.init("AttributeName", "id"), .init("KeyType", "HASH")])],
                                             "AttributeDefinitions": [.object([.init("AttributeName", "id"), .init("AttributeType", "S")])], "BillingMode": "PAY_PER_REQUEST"])
        let first: AWSValue = .object([.init("id", .object([.init("S", "a")])), .init("v", .object([.init("N", "1")]))])
        let second: AWSValue = .object([.init("id", .object([.init("S", "a")])), .init("v", .object([.init("N", "2")]))])
        #expect(world.ok("dynamodb", "PutItem", ["TableName": "T", "Item": first, "ReturnValues": "ALL_OLD"]) == .object([]))
        let conditional = world.error("dynamodb", "PutItem", ["TableName": "T", "Item": second, "ConditionExpression": "attribute_not_exists(id)"])
        #expect(conditional?.code == "InvalidAction")
        #expect(conditional?.message.contains("--condition-expression") == true)
        #expect(world.error("dynamodb", "Scan", ["TableName": "T", "FilterExpression": "v = :v"])?.code == "InvalidAction")
        #expect(world.ok("dynamodb", "PutItem", ["TableName": "T", "Item": second, "ReturnValues": "ALL_OLD"])["Attributes"] == first)
        #expect(world.ok("dynamodb", "DeleteItem", ["TableName": "T", "Key": .object([.init("id", .object([.init("S", "a")]))]), "ReturnValues": "ALL_OLD"])["Attributes"] == second)
        // UpdateItem's return values are refused (ALL_NEW returned the new item; the others were ignored).
        for asked in ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"] {
            #expect(world.error("dynamodb", "PutItem", ["TableName": "T", "Item": first, "ReturnValues": .string(asked)])
                    == ServiceError(code: "ValidationException", message: "Return values set to invalid value"))
        }
        #expect(world.ok("dynamodb", "Scan", ["TableName": "T"])["Count"] == 0, "nothing was written")
        world.ok("dynamodb", "PutItem", ["TableName": "T", "Item": first])
        #expect(world.error("dynamodb", "DeleteItem", ["TableName": "T", "Key": .object([.init("id", .object([.init("S", "a")]))]), "ReturnValues": "ALL_NEW"])?.message
                == "Return values set to invalid value")
        #expect(world.ok("dynamodb", "Scan", ["TableName": "T"])["Count"] == 1, "nothing was deleted")
    }

    /// Values DynamoDB refuses are refused here with its messages. A 180-level list was once accepted, and then
    /// every save of the sandbox failed.
    @Test func itemsAreValidatedAsDynamoDBValidatesThem() {
        var world = TestWorld()
        world.ok("dynamodb", "CreateTable", ["TableName": "Scores", "KeySchema": [.object([.init("AttributeName", "id"), .init("KeyType", "HASH")])],
                                             "AttributeDefinitions": [.object([.init("AttributeName", "id"), .init("AttributeType", "S")])], "BillingMode": "PAY_PER_REQUEST"])
        func put(_ attribute: AWSValue) -> String? {
            let item: AWSValue = .object([.init("id", .object([.init("S", "u1")])), .init("v", attribute)])
            switch world.call("dynamodb", "PutItem", ["TableName": "Scores", "Item": item]) {
            case .success: return nil
            case .failure(let error): return "\(error.code): \(error.message)"
            }
        }
        func number(_ text: String) -> AWSValue { .object([.init("N", .string(text))]) }
        func nested(_ depth: Int) -> AWSValue {
            var value: AWSValue = .object([.init("S", "x")])
            for _ in 0..<depth { value = .object([.init("L", .list([value]))]) }
            return value
        }
        #expect(put(number("abc")) == "ValidationException: A value provided cannot be converted into a number")
        #expect(put(number("1e999999")) == "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(put(number("1E-131")) == "ValidationException: Number underflow. Attempting to store a number with magnitude smaller than supported range")
        #expect(put(number(String(repeating: "7", count: 39))) == "ValidationException: Attempting to store more than 38 significant digits in a Number")
        #expect(put(number("-12.50")) == nil)
        #expect(put(number("0.000")) == nil)
        #expect(put(number("9.9999999999999999999999999999999999999E+125")) == nil)
        #expect(put(number("1E+126")) == "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(put(nested(31)) == nil)
        #expect(put(nested(32)) == "ValidationException: Nesting Levels have exceeded supported limits")
        #expect(put(nested(180)) == "ValidationException: Nesting Levels have exceeded supported limits")
        #expect(put(.object([.init("SS", .list([]))])) == "ValidationException: One or more parameter values were invalid: An string set  may not be empty")
        #expect(put(.object([.init("SS", .list(["a", "a"]))])) == "ValidationException: One or more parameter values were invalid: Input collection [a, a] contains duplicates.")
        #expect(put(.object([.init("S", "a"), .init("N", "1")])) == "ValidationException: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        #expect(world.error("dynamodb", "PutItem", ["TableName": "Scores", "Item": .object([.init("x", .object([.init("S", "1")]))])])?.message
                == "One or more parameter values were invalid: Missing the key id in the item")
        #expect(put(.object([.init("S", .string(String(repeating: "x", count: 410_000)))])) == "ValidationException: Item size has exceeded the maximum allowed size")
        // What was accepted still saves.
        #expect((try? world.sandbox.state.encoded()) != nil)
    }
}

/// Behaviour found in review to differ from AWS, now matching it.
@Suite struct ReviewFindingsTests {
    @Test func iamAuthorizesBeforeItSaysWhetherSomethingExists() throws {
        var world = TestWorld()
        world.ok("iam", "CreateUser", ["UserName": "intern"])
        let key = world.ok("iam", "CreateAccessKey", ["UserName": "intern"])["AccessKey"]
        let intern = AWSCredentials(accessKeyID: key!["AccessKeyId"]!.stringValue!, secretAccessKey: key!["SecretAccessKey"]!.stringValue!)
        for (operation, parameters) in [("GetRole", ["RoleName": AWSValue.string("Nope")]), ("DeleteRole", ["RoleName": "Nope"]), ("GetInstanceProfile", ["InstanceProfileName": "Nope"])] {
            let result = world.sandbox.send(ServiceRequest(service: "iam", operation: operation, parameters: .object(parameters.map { AWSValue.Member($0.key, $0.value) }), credentials: intern))
            guard case .failure(let error) = result else { Issue.record("\(operation) succeeded"); continue }
            #expect(error.code == "AccessDenied", "\(operation)")
        }
        #expect(world.error("iam", "GetRole", ["RoleName": "Nope"])?.code == "NoSuchEntity", "an administrator learns it is missing")
    }

    /// The usual symptom of a mistyped table or function name is AccessDenied, not "not found": DynamoDB and Lambda
    /// authorize before they look the resource up, as IAM does.
    @Test func dynamoDBAndLambdaAuthorizeBeforeTheySayWhetherSomethingExists() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Reader", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        let assumed = world.assume("Reader")
        let reader = try #require(assumed)
        let key: AWSValue = .object([.init("id", .object([.init("S", "u1")]))])
        let calls: [(service: String, operation: String, parameters: KeyValuePairs<String, AWSValue?>, action: String, resource: String)] = [
            ("dynamodb", "PutItem", ["TableName": "Nope", "Item": key], "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"),
            ("dynamodb", "GetItem", ["TableName": "Nope", "Key": key], "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"),
            ("dynamodb", "DeleteItem", ["TableName": "Nope", "Key": key], "dynamodb:DeleteItem", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"),
            ("dynamodb", "Scan", ["TableName": "Nope"], "dynamodb:Scan", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"),
            ("dynamodb", "DeleteTable", ["TableName": "Nope"], "dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:123456789012:table/Nope"),
            ("lambda", "Invoke", ["FunctionName": "nope"], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:nope"),
            ("lambda", "GetFunction", ["FunctionName": "nope"], "lambda:GetFunction", "arn:aws:lambda:us-east-1:123456789012:function:nope"),
            ("lambda", "GetFunctionConfiguration", ["FunctionName": "nope"], "lambda:GetFunctionConfiguration", "arn:aws:lambda:us-east-1:123456789012:function:nope"),
            ("lambda", "DeleteFunction", ["FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:nope"], "lambda:DeleteFunction",
             "arn:aws:lambda:us-east-1:123456789012:function:nope"),
            ("lambda", "UpdateFunctionConfiguration", ["FunctionName": "nope", "Timeout": 5], "lambda:UpdateFunctionConfiguration",
             "arn:aws:lambda:us-east-1:123456789012:function:nope"),
        ]
        for call in calls {
            let error = world.error(call.service, call.operation, call.parameters, as: reader)
            #expect(error?.code == "AccessDeniedException", "\(call.operation)")
            #expect(error?.message == "User: arn:aws:sts::123456789012:assumed-role/Reader/s1 is not authorized to perform: \(call.action) on resource: \(call.resource) because no identity-based policy allows the \(call.action) action",
                    "\(call.operation)")
            // The learner, who may do anything, hears that it does not exist.
            #expect(world.error(call.service, call.operation, call.parameters)?.code == "ResourceNotFoundException", "\(call.operation)")
        }
    }

    @Test func anotherAccountsPolicyCannotBeAttached() {
        var world = TestWorld()
        let partner = world.sandbox.state.partnerCredentials
        world.ok("iam", "CreatePolicy", ["PolicyName": "Theirs", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#], as: partner)
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(world.error("iam", "AttachRolePolicy", ["RoleName": "R", "PolicyArn": "arn:aws:iam::210987654321:policy/Theirs"])
                == ServiceError(code: "NoSuchEntity", message: "Policy arn:aws:iam::210987654321:policy/Theirs does not exist or is not attachable."))
    }

    @Test func terminatingAnInstanceDoesNotRevokeItsCredentials() throws {
        var world = TestWorld()
        EC2Tests.prepareReaderProfile(&world)
        let launch = world.ok("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1, "IamInstanceProfile": .object([.init("Name", "S3ReaderProfile")])])
        let id = try #require(launch["Instances"]?.listValue?.first?["InstanceId"]?.stringValue)
        let fetched = world.sandbox.instanceCredentials(id)
        let credentials = try #require(try fetched.get())
        world.ok("ec2", "TerminateInstances", ["InstanceIds": [.string(id)]])
        world.ok("sts", "GetCallerIdentity", as: credentials)
        #expect(world.error("ec2", "RunInstances", ["ImageId": "ami-1", "MinCount": 0, "MaxCount": 0])?.code == "InvalidParameterValue")
    }

    @Test func stacksWithManagedAndInlinePoliciesDeleteCleanly() {
        var world = TestWorld()
        let template = """
        Resources:
          AppRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
          Shared:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:ListBucket, Resource: "*"}]}
              Roles: [!Ref AppRole]
          Inline:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: extra
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
              Roles: [!Ref AppRole]
        """
        let stackID = world.ok("cloudformation", "CreateStack", ["StackName": "app", "TemplateBody": .string(template), "Capabilities": ["CAPABILITY_IAM"]])["StackId"]
        #expect(world.ok("cloudformation", "DescribeStacks", ["StackName": "app"])["Stacks"]?.listValue?.first?["StackStatus"] == "CREATE_COMPLETE")
        world.ok("cloudformation", "DeleteStack", ["StackName": "app"])
        // A deleted stack is found by its id only, as on AWS.
        let events = world.ok("cloudformation", "DescribeStackEvents", ["StackName": stackID])["StackEvents"]?.listValue ?? []
        #expect(events.first?["ResourceStatus"] == "DELETE_COMPLETE", "\(events.compactMap { $0["ResourceStatusReason"]?.stringValue })")
        #expect(world.ok("iam", "ListRoles")["Roles"]?.listValue?.isEmpty == true)
    }

    @Test func headRequestsAnswerWithBareStatusCodes() {
        var world = TestWorld()
        world.ok("s3", "CreateBucket", ["Bucket": "course-data"])
        #expect(world.error("s3", "HeadObject", ["Bucket": "course-data", "Key": "missing"]) == ServiceError(code: "404", message: "Not Found"))
    }
}

@Suite struct ConditionKeyTests {
    /// The policy administrators use so that delegated role creators cannot escape a permissions boundary.
    static let boundaryEnforcer = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateRole","iam:PutRolePermissionsBoundary"],"Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}]}"#

    @Test func createRoleCarriesThePermissionsBoundaryKey() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Creator", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Creator", "PolicyName": "bounded", "PolicyDocument": .string(Self.boundaryEnforcer)])
        let assumed = world.assume("Creator")
        let creator = try #require(assumed)
        #expect(world.error("iam", "CreateRole", ["RoleName": "Free", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)], as: creator)?.code == "AccessDenied")
        world.ok("iam", "CreateRole", ["RoleName": "Bounded", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust),
                                       "PermissionsBoundary": "arn:aws:iam::aws:policy/ReadOnlyAccess"], as: creator)
    }

    @Test func roleOperationsSeeTheRolesTagsAndRequestTags() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Tagger", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let onlyTeamRoles = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"blue"}}},{"Effect":"Allow","Action":"iam:TagRole","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}"#
        world.ok("iam", "PutRolePolicy", ["RoleName": "Tagger", "PolicyName": "tags", "PolicyDocument": .string(onlyTeamRoles)])
        world.ok("iam", "CreateRole", ["RoleName": "Blue", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust), "Tags": [.object([.init("Key", "team"), .init("Value", "blue")])]])
        world.ok("iam", "CreateRole", ["RoleName": "Red", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let assumed = world.assume("Tagger")
        let tagger = try #require(assumed)
        world.ok("iam", "GetRole", ["RoleName": "Blue"], as: tagger)
        #expect(world.error("iam", "GetRole", ["RoleName": "Red"], as: tagger)?.code == "AccessDenied")
        world.ok("iam", "TagRole", ["RoleName": "Red", "Tags": [.object([.init("Key", "team"), .init("Value", "red")])]], as: tagger)
        #expect(world.error("iam", "TagRole", ["RoleName": "Red", "Tags": [.object([.init("Key", "owner"), .init("Value", "x")])]], as: tagger)?.code == "AccessDenied")
    }
}
