import AWSModel
import Testing
@testable import Sandbox

@Suite struct IAMTests {
    @Test func createsAndReadsARoleWithItsTrustPolicyDecoded() throws {
        var world = TestWorld()
        let created = world.ok("iam", "CreateRole", ["RoleName": "S3Reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust), "Description": "Reads course data"])
        #expect(created["Role"]?["Arn"] == "arn:aws:iam::123456789012:role/S3Reader")
        #expect(created["Role"]?["RoleId"]?.stringValue?.hasPrefix("AROA") == true)
        #expect(created["Role"]?["RoleLastUsed"] == nil)
        let role = world.ok("iam", "GetRole", ["RoleName": "S3Reader"])["Role"]
        #expect(role?["AssumeRolePolicyDocument"]?["Statement"]?.listValue?.first?["Principal"]?["Service"] == "ec2.amazonaws.com")
        #expect(role?["MaxSessionDuration"] == 3600)
        #expect(role?["Description"] == "Reads course data")
        #expect(role?.members?.map(\.key) == ["Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument", "Description", "MaxSessionDuration", "RoleLastUsed"])
    }

    @Test func roleNamesAreUniqueIgnoringCase() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "S3Reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let error = world.error("iam", "CreateRole", ["RoleName": "s3reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(error == ServiceError(code: "EntityAlreadyExists", message: "Role with name s3reader already exists."))
    }

    @Test func validatesNamesAndDurationsWithIAMsText() {
        var world = TestWorld()
        let badName = world.error("iam", "CreateRole", ["RoleName": "bad name!", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(badName == ServiceError(code: "ValidationError", message: #"1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"#))
        let both = world.error("iam", "CreateRole", ["RoleName": .string(String(repeating: "r", count: 65)), "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust), "MaxSessionDuration": 60])
        #expect(both?.message == "2 validation errors detected: Value '\(String(repeating: "r", count: 65))' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600")
    }

    @Test func rejectsMalformedTrustPoliciesAndUnknownPrincipals() {
        var world = TestWorld()
        let withResource = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#
        #expect(world.error("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(withResource)])
                == ServiceError(code: "MalformedPolicyDocument", message: "Has prohibited field Resource"))
        let ghost = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/ghost"},"Action":"sts:AssumeRole"}]}"#
        #expect(world.error("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(ghost)])
                == ServiceError(code: "MalformedPolicyDocument", message: #"Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/ghost""#))
        #expect(world.error("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": "{not json"])?.code == "MalformedPolicyDocument")
        // A role session is a principal a trust policy may name, as written (IAM User Guide, "Role session principals").
        let session = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:assumed-role/Ops/alice"},"Action":"sts:AssumeRole"}]}"#
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(session)])
        let notIAM = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:s3:::bucket"},"Action":"sts:AssumeRole"}]}"#
        #expect(world.error("iam", "CreateRole", ["RoleName": "R2", "AssumeRolePolicyDocument": .string(notIAM)])?.message == #"Invalid principal in policy: "AWS":"arn:aws:s3:::bucket""#)
    }

    @Test func reportsMissingEntitiesWithIAMsWording() {
        var world = TestWorld()
        #expect(world.error("iam", "GetRole", ["RoleName": "Nope"]) == ServiceError(code: "NoSuchEntity", message: "The role with name Nope cannot be found."))
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(world.error("iam", "AttachRolePolicy", ["RoleName": "R", "PolicyArn": "arn:aws:iam::aws:policy/NoSuchPolicy"])
                == ServiceError(code: "NoSuchEntity", message: "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."))
        #expect(world.error("iam", "GetRolePolicy", ["RoleName": "R", "PolicyName": "x"])
                == ServiceError(code: "NoSuchEntity", message: "The role policy with name x cannot be found."))
    }

    @Test func enforcesTheManagedPolicyQuotaPerRole() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let arns = AWSManagedPolicies.published.map(\.arn)
        for arn in arns.prefix(10) { world.ok("iam", "AttachRolePolicy", ["RoleName": "R", "PolicyArn": .string(arn)]) }
        #expect(world.error("iam", "AttachRolePolicy", ["RoleName": "R", "PolicyArn": .string(arns[10])])
                == ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for PoliciesPerRole: 10"))
        let attached = world.ok("iam", "ListAttachedRolePolicies", ["RoleName": "R"])["AttachedPolicies"]?.listValue
        #expect(attached?.count == 10)
    }

    @Test func refusesToDeleteARoleThatStillHasPoliciesOrProfiles() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        world.ok("iam", "AttachRolePolicy", ["RoleName": "R", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        #expect(world.error("iam", "DeleteRole", ["RoleName": "R"]) == ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must detach all policies first."))
        world.ok("iam", "DetachRolePolicy", ["RoleName": "R", "PolicyArn": .string(TestWorld.s3ReadOnly)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "R", "PolicyName": "p", "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#])
        #expect(world.error("iam", "DeleteRole", ["RoleName": "R"]) == ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must delete policies first."))
        world.ok("iam", "DeleteRolePolicy", ["RoleName": "R", "PolicyName": "p"])
        world.ok("iam", "CreateInstanceProfile", ["InstanceProfileName": "P"])
        world.ok("iam", "AddRoleToInstanceProfile", ["InstanceProfileName": "P", "RoleName": "R"])
        #expect(world.error("iam", "DeleteRole", ["RoleName": "R"]) == ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must remove roles from instance profile first."))
        #expect(world.error("iam", "AddRoleToInstanceProfile", ["InstanceProfileName": "P", "RoleName": "R"])
                == ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"))
        world.ok("iam", "RemoveRoleFromInstanceProfile", ["InstanceProfileName": "P", "RoleName": "R"])
        world.ok("iam", "DeleteRole", ["RoleName": "R"])
    }

    @Test func keepsAtMostFivePolicyVersions() {
        var world = TestWorld()
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#
        let policy = world.ok("iam", "CreatePolicy", ["PolicyName": "Lister", "PolicyDocument": .string(document)])["Policy"]
        let arn = policy?["Arn"]
        #expect(arn == "arn:aws:iam::123456789012:policy/Lister")
        for _ in 2...5 { world.ok("iam", "CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": .string(document), "SetAsDefault": true]) }
        #expect(world.error("iam", "CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": .string(document)])?.code == "LimitExceeded")
        #expect(world.error("iam", "DeletePolicyVersion", ["PolicyArn": arn, "VersionId": "v5"])
                == ServiceError(code: "DeleteConflict", message: "Cannot delete the default version of a policy."))
        world.ok("iam", "DeletePolicyVersion", ["PolicyArn": arn, "VersionId": "v1"])
        world.ok("iam", "CreatePolicyVersion", ["PolicyArn": arn, "PolicyDocument": .string(document)])
        let versions = world.ok("iam", "ListPolicyVersions", ["PolicyArn": arn])["Versions"]?.listValue?.compactMap { $0["VersionId"]?.stringValue }
        #expect(versions == ["v6", "v5", "v4", "v3", "v2"])
    }

    @Test func offersAWSManagedPoliciesWithTheirRealDocuments() {
        var world = TestWorld()
        let version = world.ok("iam", "GetPolicyVersion", ["PolicyArn": .string(TestWorld.s3ReadOnly), "VersionId": "v3"])
        let actions = version["PolicyVersion"]?["Document"]?["Statement"]?.listValue?.first?["Action"]?.listValue
        #expect(actions?.contains("s3:Get*") == true)
        #expect(AWSManagedPolicies.published.count >= 10)
    }

    @Test func deniesIAMActionsTheCallerHasNoPolicyFor() {
        var world = TestWorld()
        world.ok("iam", "CreateUser", ["UserName": "intern"])
        let key = world.ok("iam", "CreateAccessKey", ["UserName": "intern"])["AccessKey"]
        let intern = AWSCredentials(accessKeyID: key!["AccessKeyId"]!.stringValue!, secretAccessKey: key!["SecretAccessKey"]!.stringValue!)
        let error = world.error("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)], as: intern)
        #expect(error == ServiceError(code: "AccessDenied", message: "User: arn:aws:iam::123456789012:user/intern is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/R because no identity-based policy allows the iam:CreateRole action"))
        #expect(world.sandbox.lastDenial?.action == "iam:CreateRole")
        #expect(world.sandbox.lastDenial?.explanation.isEmpty == false)
    }

    @Test func rejectsUnknownKeysAndWrongSecrets() {
        var world = TestWorld()
        let unknown = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x")
        #expect(world.error("iam", "ListRoles", as: unknown) == ServiceError(code: "InvalidClientTokenId", message: "The security token included in the request is invalid."))
        let wrongSecret = AWSCredentials(accessKeyID: world.credentials.accessKeyID, secretAccessKey: "wrong")
        #expect(world.error("s3", "ListBuckets", as: wrongSecret)?.code == "SignatureDoesNotMatch")
    }

    /// The learner's keys belong to the `aws` partition: China's and GovCloud's services answer as to any key they
    /// have never issued, each in its own words, while every Region of the learner's partition knows them.
    @Test func anotherPartitionsServicesDoNotKnowTheLearnersKeys() {
        var world = TestWorld()
        for (service, operation, code) in [("iam", "ListRoles", "InvalidClientTokenId"), ("sts", "GetCallerIdentity", "InvalidClientTokenId"),
                                           ("s3", "ListBuckets", "InvalidAccessKeyId")] {
            for region in ["cn-north-1", "us-gov-west-1"] {
                let result = world.sandbox.send(ServiceRequest(service: service, operation: operation, credentials: world.credentials, region: region))
                guard case .failure(let error) = result else {
                    Issue.record("\(service) in \(region) answered the learner's keys")
                    continue
                }
                #expect(error.code == code, "\(service) in \(region)")
            }
            let home = world.sandbox.send(ServiceRequest(service: service, operation: operation, credentials: world.credentials, region: "ap-southeast-7"))
            if case .failure(let error) = home { Issue.record("\(service) in ap-southeast-7: \(error.code)") }
        }
    }

    /// IAM tag keys are case-insensitive: a request with `env` and `Env` is refused, and tagging with `test` replaces
    /// a tag `Test` (aws-cdk#26253 shows both answers).
    @Test func tagKeysAreCaseInsensitive() {
        var world = TestWorld()
        let twice: AWSValue = .list([.object([.init("Key", "env"), .init("Value", "a")]), .object([.init("Key", "Env"), .init("Value", "b")])])
        #expect(world.error("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust), "Tags": twice])
                == ServiceError(code: "InvalidInput", message: "Duplicate tag keys found. Please note that Tag keys are case insensitive."))
        #expect(world.error("iam", "CreateUser", ["UserName": "u", "Tags": twice])?.code == "InvalidInput")
        world.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust),
                                       "Tags": .list([.object([.init("Key", "Test"), .init("Value", "1")])])])
        world.ok("iam", "TagRole", ["RoleName": "R", "Tags": .list([.object([.init("Key", "test"), .init("Value", "2")])])])
        #expect(world.ok("iam", "ListRoleTags", ["RoleName": "R"])["Tags"] == .list([.object([.init("Key", "test"), .init("Value", "2")])]))
        world.ok("iam", "UntagRole", ["RoleName": "R", "TagKeys": .list(["TEST"])])
        #expect(world.ok("iam", "ListRoleTags", ["RoleName": "R"])["Tags"] == .list([]))
    }

    @Test func savesAndLoadsTheSameWorld() throws {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "S3Reader", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let data = try world.sandbox.state.encoded()
        let loaded = try SandboxState.decoded(from: data)
        #expect(loaded == world.sandbox.state)
    }

    @Test func generatesTheSameIDsForTheSameCommands() {
        var first = TestWorld(), second = TestWorld()
        let a = first.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        let b = second.ok("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        #expect(a == b)
    }

    /// IAM checks a policy ARN's form before looking for the policy or authorizing the caller.
    @Test func aMalformedPolicyARNIsInvalidInputBeforeAnythingElse() {
        var world = TestWorld()
        for arn in ["foo", "arn:aws:iam::123456789012:nope", "arn:aws:s3:::bucket", "arn:aws:iam:us-east-1:123456789012:policy/P", "arn:aws:iam::123456789012:policy/"] {
            #expect(world.error("iam", "GetPolicy", ["PolicyArn": .string(arn)]) == ServiceError(code: "InvalidInput", message: "ARN \(arn) is not valid."))
            #expect(world.error("iam", "AttachRolePolicy", ["RoleName": "Missing", "PolicyArn": .string(arn)])?.code == "InvalidInput",
                    "not NoSuchEntity for the missing role")
        }
        #expect(world.error("iam", "GetPolicy", ["PolicyArn": "arn:aws:iam::123456789012:policy/Nope"])?.code == "NoSuchEntity")
        #expect(world.error("iam", "PutRolePermissionsBoundary", ["RoleName": "Missing", "PermissionsBoundary": "boundary"])?.code == "InvalidInput")
    }

    /// IAM limits the total of a role's inline policies, not counting white space (10,240 characters for a role, 2,048 for
    /// a user), and not each one as it does a managed policy (IAM quotas: "Role policy size cannot exceed 10,240 characters").
    @Test func inlinePoliciesShareOneSizeQuotaWithoutWhiteSpace() {
        var world = TestWorld()
        world.ok("iam", "CreateRole", ["RoleName": "Big", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        func document(_ sid: String, padding: Int) -> String {
            #"{"Version":"2012-10-17","Statement":[{"Sid":"\#(sid)","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(String(repeating: "b", count: padding))/*"}]}"#
        }
        // Each is about 4,100 characters: two fit, and indenting one with spaces does not make it count more.
        world.ok("iam", "PutRolePolicy", ["RoleName": "Big", "PolicyName": "One", "PolicyDocument": .string(document("One", padding: 4_000))])
        let spaced = document("Two", padding: 4_000).replacingOccurrences(of: ",", with: ",\n        ")
        world.ok("iam", "PutRolePolicy", ["RoleName": "Big", "PolicyName": "Two", "PolicyDocument": .string(spaced)])
        #expect(world.error("iam", "PutRolePolicy", ["RoleName": "Big", "PolicyName": "Three", "PolicyDocument": .string(document("Three", padding: 4_000))])
                == ServiceError(code: "LimitExceeded", message: "Maximum policy size of 10240 bytes exceeded for role Big"))
        // One inline policy larger than a managed policy may be (6,144) is within the role's quota; the same
        // document as a managed policy is refused.
        world.ok("iam", "CreateRole", ["RoleName": "Large", "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        world.ok("iam", "PutRolePolicy", ["RoleName": "Large", "PolicyName": "Seven", "PolicyDocument": .string(document("Seven", padding: 7_500))])
        #expect(world.error("iam", "CreatePolicy", ["PolicyName": "Seven", "PolicyDocument": .string(document("Seven", padding: 7_500))])
                == ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for PolicySize: 6144"))
        // A user's inline policies share 2,048 characters.
        world.ok("iam", "CreateUser", ["UserName": "u"])
        #expect(world.error("iam", "PutUserPolicy", ["UserName": "u", "PolicyName": "Big", "PolicyDocument": .string(document("Big", padding: 3_000))])
                == ServiceError(code: "LimitExceeded", message: "Maximum policy size of 2048 bytes exceeded for user u"))
        // Counted as IAM counts characters, whether or not the text is ASCII.
        for text in ["a b\tc\n", "caf\u{E9} \u{3042}\u{A0}x", "", "e\u{301} "] {
            #expect(Sandbox.quotaSize(of: text) == text.filter { !$0.isWhitespace }.count, "\(text)")
        }
    }

    /// IAM's list calls page: at most MaxItems (default 100), IsTruncated, and a Marker for the rest.
    @Test func listCallsPageWithMaxItemsAndMarker() {
        var world = TestWorld()
        for name in ["Cc", "aa", "Bb"] {
            world.ok("iam", "CreateRole", ["RoleName": .string(name), "AssumeRolePolicyDocument": .string(TestWorld.ec2Trust)])
        }
        let first = world.ok("iam", "ListRoles", ["MaxItems": 2])
        #expect(first["Roles"]?.listValue?.compactMap { $0["RoleName"]?.stringValue } == ["aa", "Bb"])
        #expect(first["IsTruncated"] == true)
        let marker = first["Marker"]
        let rest = world.ok("iam", "ListRoles", ["MaxItems": 2, "Marker": marker ?? .null])
        #expect(rest["Roles"]?.listValue?.compactMap { $0["RoleName"]?.stringValue } == ["Cc"])
        #expect(rest["IsTruncated"] == false)
        #expect(rest["Marker"] == nil)
        #expect(world.ok("iam", "ListRoles", [:])["IsTruncated"] == false)
        #expect(world.error("iam", "ListRoles", ["Marker": "not-a-marker"]) == ServiceError(code: "ValidationError", message: "Invalid Marker."))
    }
}
