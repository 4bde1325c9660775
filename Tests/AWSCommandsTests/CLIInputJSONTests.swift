import AWSModel
import ShellWords
import Testing
@testable import AWSCommands

/// `--cli-input-json`, as awscli's cli_input_json.py reads it (its messages checked against aws-cli 1.45), and the
/// command line the tutor's endpoint records for a call that came over HTTP: run again, it makes the same call.
@Suite struct CLIInputJSONTests {
    @Test func membersComeFromTheJSONAndOptionsOnTheCommandLineWin() {
        var backend = FakeBackend()
        let result = aws(#"iam create-role --cli-input-json '{"RoleName":"FromJSON","AssumeRolePolicyDocument":"{}","MaxSessionDuration":7200}' --role-name FromOption"#, backend: &backend)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(backend.requests.first?.parameters == .object([
            .init("RoleName", .string("FromOption")), .init("AssumeRolePolicyDocument", .string("{}")), .init("MaxSessionDuration", .integer(7200)),
        ]))
    }

    @Test func badInputIsRefusedAsTheCLIRefusesIt() {
        #expect(aws("iam get-role --cli-input-json '{bad'").stderr == "\nError parsing parameter 'cli-input-json': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {bad\n")
        #expect(aws(#"iam get-role --cli-input-json '{"RoleName":"a","Foo":1}'"#).stderr == "\nParameter validation failed:\nUnknown parameter in input: \"Foo\", must be one of: RoleName\n")
        #expect(aws("iam get-role --cli-input-json '[1]'").stderr.contains("'list' object has no attribute 'keys'"))
        // No option is required of argparse then; botocore says what is missing.
        #expect(aws("iam get-role --cli-input-json '{}'").stderr == "\nParameter validation failed:\nMissing required parameter in input: \"RoleName\"\n")
    }

    @Test func theRecordedLineMakesTheSameCallAsTheSameCaller() throws {
        let calls = [
            ServiceRequest(service: "iam", operation: "CreateRole", parameters: .object([
                .init("RoleName", .string("It's")), .init("AssumeRolePolicyDocument", .string(#"{"Version":"2012-10-17","Statement":[]}"#)),
                .init("Tags", .list([.object([.init("Key", .string("a b")), .init("Value", .string("$HOME"))])])),
            ]), credentials: AWSCredentials(accessKeyID: "ASIAROLE", secretAccessKey: "s/e+cret", sessionToken: "tok=en"), region: "us-east-1"),
            // As an SDK asks for an object: with its checksum (x-amz-checksum-mode).
            ServiceRequest(service: "s3", operation: "GetObject", parameters: .object([.init("Bucket", .string("b")), .init("Key", .string("dir/k")), .init("ChecksumMode", .string("ENABLED"))]),
                           credentials: AWSCredentials(accessKeyID: "AKIALEARNER", secretAccessKey: "secret"), region: "us-east-1"),
            ServiceRequest(service: "ec2", operation: "DescribeInstances", parameters: .object([]),
                           credentials: AWSCredentials(accessKeyID: "AKIALEARNER", secretAccessKey: "secret"), region: "eu-west-1"),
        ]
        for call in calls {
            let line = try #require(CallCommandLine.line(for: call))
            var words = try ShellWords.split(line)
            // The variables before `aws` are the caller's keys for this one command (the shell applies them).
            var variables: [String: String] = [:]
            while let first = words.first, first.contains("="), first != "aws" {
                let pair = first.split(separator: "=", maxSplits: 1).map(String.init)
                variables[pair[0]] = pair[1]
                words.removeFirst()
            }
            #expect(words.first == "aws")
            var backend = FakeBackend()
            var environment = CLIEnvironment(variables: variables, configuration: CLIConfiguration())
            let result = AWSCLI.run(Array(words.dropFirst()), environment: &environment, files: FakeFiles(), backend: &backend)
            #expect(result.exitCode == 0, "\(line): \(result.stderr)")
            let made = try #require(backend.requests.first)
            #expect(made.operation == call.operation && made.region == call.region, "\(line)")
            #expect(made.parameters == call.parameters, "\(line)")
            #expect(made.credentials == call.credentials, "\(line)")
        }
    }

    /// `--generate-cli-skeleton` prints what aws-cli 1.45 prints for the same operation (where the model lists
    /// allowed values, botocore picks one at random; the sandbox takes the first) and calls nothing.
    @Test func theSkeletonIsTheCLIsAndNothingIsCalled() {
        var backend = FakeBackend()
        let skeleton = aws("iam create-role --generate-cli-skeleton", backend: &backend)
        #expect(skeleton.exitCode == 0)
        #expect(skeleton.stdout == "{\n    \"Path\": \"\",\n    \"RoleName\": \"\",\n    \"AssumeRolePolicyDocument\": \"\",\n    \"Description\": \"\",\n    \"MaxSessionDuration\": 0,\n    \"PermissionsBoundary\": \"\",\n    \"Tags\": [\n        {\n            \"Key\": \"\",\n            \"Value\": \"\"\n        }\n    ]\n}\n")
        #expect(aws("sts get-caller-identity --generate-cli-skeleton input", backend: &backend).stdout == "{}\n")
        #expect(backend.requests.isEmpty)
        #expect(aws("iam get-role --generate-cli-skeleton xml").stderr.contains("aws: error: argument --generate-cli-skeleton: Invalid choice, valid choices are:"))
        // What the skeleton gives, --cli-input-json takes back.
        #expect(aws(#"iam get-role --cli-input-json '{"RoleName": ""}'"#).stderr.contains("Invalid length for parameter RoleName, value: 0, valid min length: 1"))
    }

    /// Found on rereading: an SDK's one-page call was followed to its last page, and its instance counts were
    /// replaced by the CLI's default of one.
    @Test func theRecordedLineMakesOneCallWithTheCountsItWasGiven() throws {
        let list = ServiceRequest(service: "iam", operation: "ListRoles", parameters: .object([.init("MaxItems", .integer(1))]),
                                  credentials: AWSCredentials(accessKeyID: "AKIALEARNER", secretAccessKey: "secret"), region: "us-east-1")
        var words = try ShellWords.split(try #require(CallCommandLine.line(for: list)))
        words.removeFirst(2)
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": .list([]), "IsTruncated": true, "Marker": "next"]))
        var environment = CLIEnvironment(variables: learnerKeys, configuration: CLIConfiguration())
        _ = AWSCLI.run(Array(words.dropFirst()), environment: &environment, files: FakeFiles(), backend: &backend)
        #expect(backend.requests.count == 1, "one page, as the client asked")

        var launches = FakeBackend()
        _ = aws(#"ec2 run-instances --region us-east-1 --cli-input-json '{"ImageId":"ami-1","MinCount":3,"MaxCount":3}'"#, backend: &launches)
        #expect(launches.requests.first?.parameters["MinCount"] == .integer(3) && launches.requests.first?.parameters["MaxCount"] == .integer(3))
    }
}

