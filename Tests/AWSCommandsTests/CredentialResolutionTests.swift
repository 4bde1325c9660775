import AWSModel
@testable import AWSCommands
import Testing

struct CredentialResolutionTests {
    static let identity: AWSValue = ["UserId": "AIDA", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/learner"]
    static let assumed: AWSValue = ["Credentials": ["AccessKeyId": "ASIAROLE", "SecretAccessKey": "rs", "SessionToken": "tok",
                                                    "Expiration": "2026-01-15T10:00:00+00:00"]]
    static let roleProfiles = CLIConfiguration(profiles: [
        "default": ["aws_access_key_id": "AKIADEFAULT", "aws_secret_access_key": "ds", "region": "us-east-1"],
        "reader": ["role_arn": "arn:aws:iam::123456789012:role/S3Reader", "source_profile": "default",
                   "external_id": "ext-1", "duration_seconds": "900"],
    ])

    @Test func environmentKeysSignTheCall() {
        var backend = FakeBackend()
        backend.reply("GetCallerIdentity", .success(Self.identity))
        let result = aws("sts get-caller-identity",
                         variables: ["AWS_ACCESS_KEY_ID": "ASIAENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"],
                         backend: &backend)
        #expect(result.exitCode == 0)
        #expect(backend.requests[0].credentials == AWSCredentials(accessKeyID: "ASIAENV", secretAccessKey: "s", sessionToken: "t"))
        #expect(result.stdout == "{\n    \"UserId\": \"AIDA\",\n    \"Account\": \"123456789012\",\n    \"Arn\": \"arn:aws:iam::123456789012:user/learner\"\n}\n")
    }

    @Test func defaultProfileKeysWhenNoEnvironment() {
        var backend = FakeBackend()
        _ = aws("sts get-caller-identity", variables: [:], configuration: Self.roleProfiles, backend: &backend)
        #expect(backend.requests[0].credentials?.accessKeyID == "AKIADEFAULT")
    }

    @Test func roleProfileAssumesTheRoleWithSourceCredentials() {
        var backend = FakeBackend()
        backend.reply("AssumeRole", .success(Self.assumed))
        // 2026-01-15T09:00:00Z on the sandbox clock; the scripted credentials expire at 10:00.
        var environment = CLIEnvironment(variables: [:], configuration: Self.roleProfiles, now: 1_768_467_600)
        let result = AWSCLI.run(["s3", "ls", "--profile", "reader"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(result.exitCode == 0)
        #expect(backend.requests.map(\.operation) == ["AssumeRole", "ListBuckets"])
        #expect(backend.requests[0].credentials?.accessKeyID == "AKIADEFAULT")
        #expect(backend.requests[0].parameters == ["RoleArn": "arn:aws:iam::123456789012:role/S3Reader",
                                                   "RoleSessionName": "botocore-session-1768467600", "ExternalId": "ext-1",
                                                   "DurationSeconds": 900])
        #expect(backend.requests[1].credentials == AWSCredentials(accessKeyID: "ASIAROLE", secretAccessKey: "rs", sessionToken: "tok"))
        #expect(result.calls.map(\.operation) == ["AssumeRole", "ListBuckets"])
    }

    /// The CLI keeps assumed-role credentials in ~/.aws/cli/cache and reuses them until 15 minutes before they
    /// expire; each command assuming the role afresh grew the sandbox by one session per command.
    @Test func roleProfileCredentialsAreReusedUntilTheyNearExpiry() {
        var backend = FakeBackend()
        backend.reply("AssumeRole", .success(Self.assumed))
        var environment = CLIEnvironment(variables: [:], configuration: Self.roleProfiles, now: 1_768_467_600)
        _ = AWSCLI.run(["s3", "ls", "--profile", "reader"], environment: &environment, files: FakeFiles(), backend: &backend)
        environment.now += 44 * 60
        let second = AWSCLI.run(["s3", "ls", "--profile", "reader"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(second.calls.map(\.operation) == ["ListBuckets"])
        #expect(backend.requests.map(\.operation) == ["AssumeRole", "ListBuckets", "ListBuckets"])
        environment.now += 2 * 60
        _ = AWSCLI.run(["s3", "ls", "--profile", "reader"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(backend.requests.map(\.operation) == ["AssumeRole", "ListBuckets", "ListBuckets", "AssumeRole", "ListBuckets"])
        #expect(backend.requests[3].parameters["RoleSessionName"] == .string("botocore-session-\(1_768_467_600 + 46 * 60)"))
    }

    @Test func stsExpirationTimesAreRead() {
        #expect(RoleCredentialCache.epoch("2026-01-15T10:00:00Z") == 1_768_471_200)
        #expect(RoleCredentialCache.epoch("2026-01-15T10:00:00+00:00") == 1_768_471_200)
        #expect(RoleCredentialCache.epoch("1970-01-01T00:00:00Z") == 0)
        #expect(RoleCredentialCache.epoch("2024-02-29T12:00:00Z") == 1_709_208_000)
        #expect(RoleCredentialCache.epoch("soon") == nil)
    }

    @Test func explicitProfileBeatsEnvironmentKeysButAWSProfileDoesNot() {
        var backend = FakeBackend()
        backend.reply("AssumeRole", .success(Self.assumed))
        _ = aws("sts get-caller-identity --profile reader", variables: learnerKeys, configuration: Self.roleProfiles, backend: &backend)
        #expect(backend.requests.last?.credentials?.accessKeyID == "ASIAROLE")
        var second = FakeBackend()
        _ = aws("sts get-caller-identity", variables: learnerKeys.merging(["AWS_PROFILE": "reader"]) { $1 },
                configuration: Self.roleProfiles, backend: &second)
        #expect(second.requests.map(\.operation) == ["GetCallerIdentity"])
        #expect(second.requests[0].credentials?.accessKeyID == "AKIALEARNER")
    }

    @Test func deniedAssumeRoleIsAServiceError() {
        var backend = FakeBackend()
        backend.reply("AssumeRole", .failure(ServiceError(code: "AccessDenied", message: "User: x is not authorized to perform: sts:AssumeRole")))
        let result = aws("iam list-roles --profile reader", variables: [:], configuration: Self.roleProfiles, backend: &backend)
        #expect(result.stderr == "\nAn error occurred (AccessDenied) when calling the AssumeRole operation: User: x is not authorized to perform: sts:AssumeRole\n")
        #expect(result.exitCode == 254)
        #expect(result.calls.map { [$0.service, $0.operation, $0.accessKeyID] } == [["sts", "AssumeRole", "AKIADEFAULT"]],
                "a profile's assume-role is signed by its source profile")
        #expect(result.calls.first?.outcome == .failure(code: "AccessDenied"))
        #expect(result.calls.first?.names("arn:aws:iam::123456789012:role/S3Reader") == true)
    }

    @Test func missingCredentials() {
        var backend = FakeBackend()
        let result = aws("iam list-roles", variables: [:], backend: &backend)
        #expect(result.stderr == "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n")
        #expect(result.exitCode == 253)
        #expect(backend.requests.isEmpty)
    }

    @Test func instanceMetadataIsTheLastResort() {
        var backend = FakeBackend()
        var environment = CLIEnvironment(instanceMetadataCredentials: AWSCredentials(accessKeyID: "ASIAIMDS", secretAccessKey: "i", sessionToken: "t"))
        _ = AWSCLI.run(["iam", "list-roles"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(backend.requests[0].credentials?.accessKeyID == "ASIAIMDS")
    }

    @Test func unknownProfile() {
        let result = aws("iam list-roles --profile nope", variables: [:])
        #expect(result.stderr == "\nThe config profile (nope) could not be found\n")
        #expect(result.exitCode == 253)
    }

    @Test func configureSetGetList() {
        var backend = FakeBackend()
        var environment = CLIEnvironment()
        _ = AWSCLI.run(["configure", "set", "region", "eu-west-1", "--profile", "dev"], environment: &environment, files: FakeFiles(), backend: &backend)
        _ = AWSCLI.run(["configure", "set", "profile.dev.role_arn", "arn:aws:iam::1:role/R"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(environment.configuration.profiles["dev"] == ["region": "eu-west-1", "role_arn": "arn:aws:iam::1:role/R"])
        let got = AWSCLI.run(["configure", "get", "region", "--profile", "dev"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(got.stdout == "eu-west-1\n" && got.exitCode == 0)
        let missing = AWSCLI.run(["configure", "get", "output"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(missing.stdout == "" && missing.exitCode == 1)
        environment.variables = learnerKeys
        let list = AWSCLI.run(["configure", "list"], environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(list.stdout == """
                  Name                    Value             Type    Location
                  ----                    -----             ----    --------
               profile                <not set>             None    None
            access_key     ****************RNER              env    
            secret_key     ****************cret              env    
                region                us-east-1              env    AWS_DEFAULT_REGION

            """)
    }
}
