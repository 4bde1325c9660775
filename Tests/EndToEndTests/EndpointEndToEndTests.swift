import Foundation
import Testing

/// The real aws CLI against `rolecall-endpoint` on loopback: what it prints, success or error, is what the
/// in-process `rolecall aws` prints for the same commands on a sandbox in the same state, and every request is
/// authorized by the policy engine as the one who signed it.
@Suite(.serialized) struct EndpointEndToEndTests {
    /// The installed aws CLI (`.ci/run` installs one), found on PATH.
    static let aws: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(folder) + "/aws"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    @Test(.enabled(if: aws == nil, "the aws CLI is installed: the endpoint's tests run")) func awsCLIIsMissingHere() {
        print("NOTICE: no aws CLI on PATH; the endpoint's tests with the real CLI are skipped (pip install awscli)")
    }

    static var endpointBinary: URL {
        RoleCallProcess.executable.deletingLastPathComponent().appendingPathComponent("rolecall-endpoint")
    }

    /// `rolecall-endpoint` on a free port, for the length of a test.
    final class Endpoint {
        let process = Process()
        let url: String
        let exports: [String: String]

        init(state: String) throws {
            let log = state + ".log"
            FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = EndpointEndToEndTests.endpointBinary
            process.arguments = ["--state", state, "--port", "0"]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardError = process.standardOutput
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            var found: (String, [String: String])?
            while Date() < deadline, found == nil {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.contains("export AWS_ENDPOINT_URL=") }) {
                    var values: [String: String] = [:]
                    for assignment in line.split(separator: " ").dropFirst() {
                        let pair = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                        if pair.count == 2 { values[pair[0]] = pair[1] }
                    }
                    found = (values["AWS_ENDPOINT_URL"] ?? "", values)
                } else {
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
            guard let found else {
                process.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the endpoint did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")"])
            }
            (url, exports) = found
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }

    /// The real aws CLI, with nothing of this machine's own configuration.
    static func aws(_ arguments: [String], _ environment: [String: String], folder: String) throws -> RoleCallProcess.Output {
        var env = environment
        env["AWS_CONFIG_FILE"] = folder + "/no-config"
        env["AWS_SHARED_CREDENTIALS_FILE"] = folder + "/no-credentials"
        env["AWS_PAGER"] = ""
        return try RoleCallProcess.run([Self.aws!] + arguments, environment: env, viaShell: true)
    }

    static let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#

    @Test(.enabled(if: aws != nil)) func theRealCLIGetsWhatTheInProcessCLIPrints() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint")
        let served = folder + "/served.json", local = folder + "/local.json"
        let endpoint = try Endpoint(state: served)
        let env = endpoint.exports
        let commands: [[String]] = [
            ["sts", "get-caller-identity"],
            ["iam", "create-role", "--role-name", "Reader", "--assume-role-policy-document", Self.trust, "--tags", "Key=team,Value=blue"],
            ["iam", "get-role", "--role-name", "Reader"],
            ["iam", "attach-role-policy", "--role-name", "Reader", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            ["iam", "list-attached-role-policies", "--role-name", "Reader"],
            ["iam", "get-role", "--role-name", "Nope"],
            // AWS's server-side validation comes before authorization and lookup, over HTTP as in process.
            ["iam", "get-role", "--role-name", "bad name!"],
            ["iam", "create-role", "--role-name", "Reader", "--assume-role-policy-document", Self.trust],
            ["dynamodb", "create-table", "--table-name", "Scores", "--attribute-definitions", "AttributeName=id,AttributeType=S",
             "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"],
            ["dynamodb", "put-item", "--table-name", "Scores", "--item", #"{"id":{"S":"ana"},"points":{"N":"7"}}"#],
            ["dynamodb", "get-item", "--table-name", "Scores", "--key", #"{"id":{"S":"ana"}}"#],
            ["dynamodb", "get-item", "--table-name", "Nope", "--key", #"{"id":{"S":"ana"}}"#],
            ["logs", "create-log-group", "--log-group-name", "/aws/lambda/scores"],
            ["logs", "describe-log-groups"],
            // EC2's own query dialect and S3's rest-xml, printed as the in-process CLI prints them.
            ["ec2", "run-instances", "--image-id", "ami-0abcdef1234567890", "--instance-type", "t3.micro", "--count", "1"],
            ["ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running"],
            ["ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0"],
            ["ec2", "run-instances", "--image-id", "bad", "--count", "1"],
            // Tags given at launch come back in EC2's tagSet, and a tag filter picks by them.
            ["ec2", "run-instances", "--image-id", "ami-0abcdef1234567890", "--tag-specifications",
             "ResourceType=instance,Tags=[{Key=team,Value=blue},{Key=Name,Value=web}]", "--query", "Instances[0].Tags"],
            ["ec2", "describe-instances", "--filters", "Name=tag:team,Values=blue", "--query", "Reservations[].Instances[].Tags[]"],
            ["s3api", "create-bucket", "--bucket", "wire-bucket"],
            ["s3api", "put-object", "--bucket", "wire-bucket", "--key", "dir/a b+c.txt", "--body", folder + "/body.txt"],
            ["s3api", "list-objects-v2", "--bucket", "wire-bucket"],
            ["s3", "ls", "s3://wire-bucket", "--recursive"],
            // Times in headers: the v1 CLI prints them as sent, so they are left out here (see docs/endpoint.md).
            ["s3api", "head-object", "--bucket", "wire-bucket", "--key", "dir/a b+c.txt", "--query", "[ContentLength,ETag,ContentType]"],
            ["s3api", "get-object", "--bucket", "wire-bucket", "--key", "nope", folder + "/out.txt"],
            ["s3api", "head-bucket", "--bucket", "no-such-bucket"],
            ["s3api", "put-bucket-policy", "--bucket", "wire-bucket", "--policy",
             #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::wire-bucket/*"}]}"#],
            ["s3api", "get-bucket-policy", "--bucket", "wire-bucket"],
            // Block Public Access, on for a new bucket: a configuration document each way, and S3's refusal.
            ["s3api", "get-public-access-block", "--bucket", "wire-bucket"],
            ["s3api", "put-bucket-policy", "--bucket", "wire-bucket", "--policy",
             #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::wire-bucket/*"}]}"#],
            ["s3api", "put-public-access-block", "--bucket", "wire-bucket", "--public-access-block-configuration", "BlockPublicAcls=true,BlockPublicPolicy=false"],
            ["s3api", "get-public-access-block", "--bucket", "wire-bucket", "--output", "text"],
            ["s3api", "get-bucket-policy-status", "--bucket", "wire-bucket"],
            ["s3api", "delete-public-access-block", "--bucket", "wire-bucket"],
            ["s3api", "get-public-access-block", "--bucket", "wire-bucket"],
            ["s3api", "list-buckets"],
            ["sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/Reader", "--role-session-name", "s1"],
        ]
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: folder + "/body.txt"))
        var assumed: (key: String, secret: String, token: String)?
        for command in commands {
            let real = try Self.aws(command, env, folder: folder)
            let inProcess = try RoleCallProcess.run(["aws", "--state", local] + command)
            // The installed CLI's own exit status for a service error (255 in v1, 254 in v2, which rolecall follows).
            #expect((real.status == 0) == (inProcess.status == 0), "\(command): exit \(real.status) vs \(inProcess.status): \(real.stderr)")
            #expect(real.stdout == inProcess.stdout, "\(command)")
            #expect(real.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == inProcess.stderr.trimmingCharacters(in: .whitespacesAndNewlines), "\(command)")
            if command[1] == "assume-role", let data = real.stdout.data(using: .utf8),
               let credentials = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["Credentials"] as? [String: Any] {
                assumed = (credentials["AccessKeyId"] as? String ?? "", credentials["SecretAccessKey"] as? String ?? "", credentials["SessionToken"] as? String ?? "")
            }
        }

        // As the role: who it is, what its policy allows, and a denial the engine explains, as the CLI prints it.
        let session = try #require(assumed)
        var asRole = env
        asRole["AWS_ACCESS_KEY_ID"] = session.key
        asRole["AWS_SECRET_ACCESS_KEY"] = session.secret
        asRole["AWS_SESSION_TOKEN"] = session.token
        let who = try Self.aws(["sts", "get-caller-identity", "--query", "Arn", "--output", "text"], asRole, folder: folder)
        #expect(who.stdout == "arn:aws:sts::123456789012:assumed-role/Reader/s1\n")
        let denied = try Self.aws(["iam", "list-roles"], asRole, folder: folder)
        let script = "export AWS_ACCESS_KEY_ID=\(session.key) AWS_SECRET_ACCESS_KEY=\(session.secret) AWS_SESSION_TOKEN=\(session.token)\naws iam list-roles\n"
        let deniedHere = try RoleCallProcess.run(["sandbox", "--state", local], stdin: script)
        #expect(denied.status == 254 || denied.status == 255)
        #expect(denied.stderr.contains("An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:sts::123456789012:assumed-role/Reader/s1 is not authorized to perform: iam:ListRoles"))
        #expect(denied.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == deniedHere.stderr.trimmingCharacters(in: .whitespacesAndNewlines))

        let tableDenied = try Self.aws(["dynamodb", "get-item", "--table-name", "Scores", "--key", #"{"id":{"S":"ana"}}"#], asRole, folder: folder)
        let tableScript = "export AWS_ACCESS_KEY_ID=\(session.key) AWS_SECRET_ACCESS_KEY=\(session.secret) AWS_SESSION_TOKEN=\(session.token)\naws dynamodb get-item --table-name Scores --key '{\"id\":{\"S\":\"ana\"}}'\n"
        let tableDeniedHere = try RoleCallProcess.run(["sandbox", "--state", local], stdin: tableScript)
        #expect(tableDenied.stderr.contains("An error occurred (AccessDeniedException) when calling the GetItem operation"), "\(tableDenied.stderr)")
        #expect(tableDenied.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == tableDeniedHere.stderr.trimmingCharacters(in: .whitespacesAndNewlines))

        // As the role, S3 refuses a write its read-only policy does not allow, in the same words as in process.
        let put = try Self.aws(["s3api", "put-object", "--bucket", "wire-bucket", "--key", "x"], asRole, folder: folder)
        let putScript = "export AWS_ACCESS_KEY_ID=\(session.key) AWS_SECRET_ACCESS_KEY=\(session.secret) AWS_SESSION_TOKEN=\(session.token)\naws s3api put-object --bucket wire-bucket --key x\n"
        let putHere = try RoleCallProcess.run(["sandbox", "--state", local], stdin: putScript)
        #expect(put.stderr.contains("An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::123456789012:assumed-role/Reader/s1 is not authorized to perform: s3:PutObject"), "\(put.stderr)")
        #expect(put.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == putHere.stderr.trimmingCharacters(in: .whitespacesAndNewlines))

        // A service the sandbox does not simulate says so as an error of the call.
        let notServed = try Self.aws(["sns", "list-topics"], env, folder: folder)
        #expect(notServed.stderr.contains("An error occurred (NotImplemented) when calling the ListTopics operation: The sandbox does not simulate sns"), "\(notServed.stderr)")

        // Signatures: a wrong secret, an unknown key.
        var wrong = env
        wrong["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
        #expect(try Self.aws(["sts", "get-caller-identity"], wrong, folder: folder).stderr.contains("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match"))
        var unknown = env
        unknown["AWS_ACCESS_KEY_ID"] = "AKIAUNKNOWNKEY000000"
        #expect(try Self.aws(["iam", "list-roles"], unknown, folder: folder).stderr.contains("An error occurred (InvalidClientTokenId) when calling the ListRoles operation: The security token included in the request is invalid."))

        // What the CLI did is in the sandbox's file: rolecall sees the role (once the endpoint let go of it).
        endpoint.process.terminate()
        endpoint.process.waitUntilExit()
        let listed = try RoleCallProcess.run(["aws", "--state", served, "iam", "list-roles", "--query", "Roles[].RoleName", "--output", "text"])
        #expect(listed.stdout.contains("Reader"), "\(listed.stderr)")
    }

    /// A Python on PATH with boto3 (`.ci/run` installs it beside the aws CLI).
    static let pythonWithBoto3: String? = {
        guard let aws, let python = try? RoleCallProcess.run(["/usr/bin/env", "python3", "-c", "import boto3, sys; print(sys.executable)"], viaShell: true),
              python.status == 0 else { return nil }
        _ = aws
        return python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// A learner's own boto3 script: a table, a role that may only read it, the role assumed through boto3's STS
    /// client, a read allowed and a write and a listing denied by the policy engine.
    @Test(.enabled(if: pythonWithBoto3 != nil)) func aBoto3ScriptWorksWithRolesAndIsDeniedWhatItsPolicyDoesNotAllow() throws {
        let folder = ClassroomEndToEndTests.scratch("boto3")
        let endpoint = try Endpoint(state: folder + "/sandbox.json")
        let script = RoleCallProcess.repositoryRoot.appendingPathComponent("Tests/Python/endpoint_boto3.py").path
        let run = try RoleCallProcess.run([Self.pythonWithBoto3!, script, endpoint.url, endpoint.exports["AWS_ACCESS_KEY_ID"] ?? "",
                                           endpoint.exports["AWS_SECRET_ACCESS_KEY"] ?? ""],
                                          environment: ["AWS_CONFIG_FILE": folder + "/none", "AWS_SHARED_CREDENTIALS_FILE": folder + "/none"], viaShell: true)
        #expect(run.stdout == "ok\n", "\(run.stdout)\(run.stderr)")
    }

    /// The seed's first use case with the learner's own tools: a boto3 script on an EC2 instance gets the instance
    /// role's credentials through the SDK's own chain from the instance's metadata service (IMDSv2), and is
    /// authorized as that role.
    /// The seed's first use case, all of it with the learner's own tools: the real aws CLI makes the role, the
    /// instance profile, the bucket and the instance through the endpoint, and a boto3 script run as the instance
    /// (no keys) reads the bucket with the instance role's credentials from the metadata service.
    @Test(.enabled(if: pythonWithBoto3 != nil && aws != nil)) func aBoto3ScriptOnAnInstanceRunsAsTheInstanceRole() throws {
        let folder = ClassroomEndToEndTests.scratch("instance-role")
        let endpoint = try Endpoint(state: folder + "/sandbox.json")
        try Data(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/trust-ec2.json"))
        try Data(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::app-data/*"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/read-app-data.json"))
        try Data("{\"greeting\":\"hello\"}\n".utf8).write(to: URL(fileURLWithPath: folder + "/config.json"))
        func aws(_ line: String) throws -> RoleCallProcess.Output {
            try RoleCallProcess.run(["/bin/sh", "-c", "cd '\(folder)' && \(Self.aws!) \(line)"],
                                    environment: endpoint.exports.merging(["AWS_CONFIG_FILE": folder + "/none", "AWS_SHARED_CREDENTIALS_FILE": folder + "/none", "AWS_PAGER": ""]) { $1 },
                                    viaShell: true)
        }
        for line in ["iam create-role --role-name AppRole --assume-role-policy-document file://trust-ec2.json",
                     "iam put-role-policy --role-name AppRole --policy-name read --policy-document file://read-app-data.json",
                     "iam create-instance-profile --instance-profile-name AppProfile",
                     "iam add-role-to-instance-profile --instance-profile-name AppProfile --role-name AppRole",
                     "s3 mb s3://app-data", "s3 cp config.json s3://app-data/config.json"] {
            let made = try aws(line)
            #expect(made.status == 0, "\(line): \(made.stderr)")
        }
        let launched = try aws("ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro --iam-instance-profile Name=AppProfile --metadata-options HttpTokens=required --query 'Instances[0].InstanceId' --output text")
        let instance = launched.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(instance.hasPrefix("i-"), "\(launched.stdout)\(launched.stderr)")
        let script = RoleCallProcess.repositoryRoot.appendingPathComponent("Tests/Python/endpoint_instance_role.py").path
        let run = try RoleCallProcess.run([Self.pythonWithBoto3!, script, endpoint.url, instance],
                                          environment: ["AWS_CONFIG_FILE": folder + "/none", "AWS_SHARED_CREDENTIALS_FILE": folder + "/none"], viaShell: true)
        #expect(run.stdout == "ok\n", "\(run.stdout)\(run.stderr)")
    }

    /// The seed's second use case with the real aws CLI: a Lambda function runs as its execution role, and writes
    /// its logs only once that role may.
    @Test(.enabled(if: pythonWithBoto3 != nil)) func lambdaRunsAsItsExecutionRoleWithTheRealCLI() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint-lambda")
        let documents = RoleCallProcess.fixtures.appendingPathComponent("documents")
        for name in try FileManager.default.contentsOfDirectory(atPath: documents.path) {
            try FileManager.default.copyItem(at: documents.appendingPathComponent(name), to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        // The real CLI sends a real zip: the function's commands as its one file, deflated as `zip` does by default.
        let zipped = try RoleCallProcess.run([Self.pythonWithBoto3!, "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.writestr('app.sh', open(sys.argv[2]).read()); z.close()",
                                             folder + "/real.zip", folder + "/function.zip"], viaShell: true)
        #expect(zipped.status == 0, "\(zipped.stderr)")
        let endpoint = try Endpoint(state: folder + "/sandbox.json")
        func aws(_ line: String) throws -> RoleCallProcess.Output {
            var env = endpoint.exports
            env["AWS_CONFIG_FILE"] = folder + "/no-config"
            env["AWS_SHARED_CREDENTIALS_FILE"] = folder + "/no-credentials"
            env["AWS_PAGER"] = ""
            return try RoleCallProcess.run(["/bin/sh", "-c", "cd '\(folder)' && " + Self.aws! + " " + line], environment: env, viaShell: true)
        }
        #expect(try aws("iam create-role --role-name ReportRole --assume-role-policy-document file://trust-lambda.json").status == 0)
        let created = try aws("lambda create-function --function-name report --runtime python3.12 --handler app.handler --role arn:aws:iam::123456789012:role/ReportRole --zip-file fileb://real.zip --query FunctionName --output text")
        #expect(created.stdout == "report\n", "\(created.stderr)")
        let invoked = try aws("lambda invoke --function-name report out.json")
        #expect(invoked.stdout.contains("\"StatusCode\": 200"), "\(invoked.stderr)")
        let payload = try String(contentsOfFile: folder + "/out.json", encoding: .utf8)
        #expect(payload.contains("assumed-role/ReportRole/report"), "\(payload)")
        #expect(try aws("logs describe-log-groups --query 'logGroups[].logGroupName' --output text").stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "no logs while the role may not write them")
        #expect(try aws("iam attach-role-policy --role-name ReportRole --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole").status == 0)
        #expect(try aws("lambda invoke --function-name report out.json").status == 0)
        #expect(try aws("logs describe-log-groups --query 'logGroups[].logGroupName' --output text").stdout == "/aws/lambda/report\n")
        // The configuration changes as asked, and the answers keep Lambda's member order.
        let configured = try aws("lambda update-function-configuration --function-name report --memory-size 256 --environment Variables={STAGE=prod} --query '[MemorySize,Environment.Variables.STAGE,LastUpdateStatus]' --output text")
        #expect(configured.stdout == "256\tprod\tInProgress\n", "\(configured.stderr)")
        let tailed = try aws("lambda invoke --function-name report --log-type Tail out.json --query 'keys(@)' --output text")
        #expect(tailed.stdout == "StatusCode\tLogResult\tExecutedVersion\n", "\(tailed.stderr)")
        let missing = try aws("lambda get-function --function-name nope")
        #expect(missing.stderr.contains("An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"))
        // The real CLI searches the function's log through the endpoint, with CloudWatch's filter patterns.
        let searched = try aws("logs filter-log-events --log-group-name /aws/lambda/report --filter-pattern REPORT --query 'length(events)'")
        #expect(searched.stdout == "2\n", "one REPORT line for each of the two invocations the role could log: \(searched.stderr)")
        let unquoted = try aws("logs filter-log-events --log-group-name /aws/lambda/report --filter-pattern 'RequestId:'")
        #expect(unquoted.stderr.contains("An error occurred (InvalidParameterException) when calling the FilterLogEvents operation: Invalid character(s) in term ':'"))
    }

    /// The seed's third use case with the real aws CLI: CloudFormation builds through a service role, which the
    /// caller must be allowed to pass (iam:PassRole); what the role may not do fails the stack, as on AWS.
    @Test(.enabled(if: aws != nil)) func cloudFormationThroughAServiceRoleWithTheRealCLI() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint-cfn")
        let documents = RoleCallProcess.fixtures.appendingPathComponent("documents")
        for name in try FileManager.default.contentsOfDirectory(atPath: documents.path) {
            try FileManager.default.copyItem(at: documents.appendingPathComponent(name), to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        let endpoint = try Endpoint(state: folder + "/sandbox.json")
        func aws(_ line: String, as credentials: [String: String]? = nil) throws -> RoleCallProcess.Output {
            var env = credentials ?? endpoint.exports
            env["AWS_CONFIG_FILE"] = folder + "/no-config"
            env["AWS_SHARED_CREDENTIALS_FILE"] = folder + "/no-credentials"
            env["AWS_PAGER"] = ""
            return try RoleCallProcess.run(["/bin/sh", "-c", "cd '\(folder)' && " + Self.aws! + " " + line], environment: env, viaShell: true)
        }
        for line in ["iam create-role --role-name CFNDeployer --assume-role-policy-document file://trust-cloudformation.json",
                     "iam attach-role-policy --role-name CFNDeployer --policy-arn arn:aws:iam::aws:policy/IAMFullAccess",
                     "iam create-role --role-name Deployer --assume-role-policy-document file://trust-account.json",
                     "iam put-role-policy --role-name Deployer --policy-name cfn-only --policy-document file://cfn-only.json"] {
            let done = try aws(line)
            #expect(done.status == 0, "\(line): \(done.stderr)")
        }
        let assumed = try aws("sts assume-role --role-arn arn:aws:iam::123456789012:role/Deployer --role-session-name deploy --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text")
        let parts = assumed.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(parts.count == 3, "\(assumed.stderr)")
        var deployer = endpoint.exports
        deployer["AWS_ACCESS_KEY_ID"] = parts[0]
        deployer["AWS_SECRET_ACCESS_KEY"] = parts[1]
        deployer["AWS_SESSION_TOKEN"] = parts[2]
        let create = "cloudformation create-stack --stack-name reports --template-body file://stack.yaml --role-arn arn:aws:iam::123456789012:role/CFNDeployer --capabilities CAPABILITY_NAMED_IAM"
        let noPassRole = try aws(create, as: deployer)
        #expect(noPassRole.stderr.contains("An error occurred (AccessDenied) when calling the CreateStack operation: User: arn:aws:sts::123456789012:assumed-role/Deployer/deploy is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/CFNDeployer"), "\(noPassRole.stderr)")

        #expect(try aws(create).status == 0)
        #expect(try aws("cloudformation describe-stacks --stack-name reports --query 'Stacks[0].StackStatus' --output text").stdout == "ROLLBACK_COMPLETE\n")
        let reasons = try aws("cloudformation describe-stack-events --stack-name reports --query \"StackEvents[?ResourceStatus=='CREATE_FAILED'].ResourceStatusReason\" --output text")
        #expect(reasons.stdout.contains("assumed-role/CFNDeployer/AWSCloudFormation is not authorized to perform: s3:CreateBucket"), "\(reasons.stdout)\(reasons.stderr)")
        #expect(try aws("iam attach-role-policy --role-name CFNDeployer --policy-arn arn:aws:iam::aws:policy/AmazonS3FullAccess").status == 0)
        #expect(try aws("cloudformation delete-stack --stack-name reports").status == 0)
        #expect(try aws(create).status == 0)
        #expect(try aws("cloudformation describe-stacks --stack-name reports --query 'Stacks[0].StackStatus' --output text").stdout == "CREATE_COMPLETE\n")
    }

    /// A GitHub Actions job's part in web identity federation, with the real CLI: no AWS keys at all, only the job's
    /// ID token, exchanged (unsigned, as botocore sends it) for the role's credentials; a token from another branch
    /// is refused in STS's words.
    @Test(.enabled(if: aws != nil)) func aTokenWithNoKeysAssumesARoleWithTheRealCLI() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint-oidc")
        let state = folder + "/sandbox.json"
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/site:ref:refs/heads/main"}}}]}"#
        let setup = try RoleCallProcess.run(["sandbox", "--state", state], stdin: """
            aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com
            aws iam create-role --role-name Deploy --assume-role-policy-document '\(trust)'
            github-token --repo acme/site
            github-token --repo acme/site --branch dev

            """)
        let tokens = setup.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("eyJ") }
        try #require(tokens.count == 2, "\(setup.stdout)\(setup.stderr)")
        let endpoint = try Endpoint(state: state)
        // Only where the endpoint is: no keys, no profile.
        let keyless = ["AWS_ENDPOINT_URL": endpoint.url, "AWS_DEFAULT_REGION": "us-east-1"]
        let exchange = ["sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::123456789012:role/Deploy", "--role-session-name", "gh"]
        let assumed = try Self.aws(exchange + ["--web-identity-token", tokens[0], "--query", "[SubjectFromWebIdentityToken,Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]", "--output", "text"], keyless, folder: folder)
        let parts = assumed.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(parts.count == 4, "\(assumed.stdout)\(assumed.stderr)")
        #expect(parts[0] == "repo:acme/site:ref:refs/heads/main")
        var session = keyless
        session["AWS_ACCESS_KEY_ID"] = parts[1]
        session["AWS_SECRET_ACCESS_KEY"] = parts[2]
        session["AWS_SESSION_TOKEN"] = parts[3]
        #expect(try Self.aws(["sts", "get-caller-identity", "--query", "Arn", "--output", "text"], session, folder: folder).stdout
                == "arn:aws:sts::123456789012:assumed-role/Deploy/gh\n")
        let refused = try Self.aws(exchange + ["--web-identity-token", tokens[1]], keyless, folder: folder)
        #expect([254, 255].contains(refused.status), "\(refused.stderr)")  // CLI v2 exits 254 for a service error, v1 255
        #expect(refused.stderr.contains("An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity"), "\(refused.stderr)")
    }

    /// A Python with moto's server beside boto3 (installed here with the aws CLI's Python).
    static let pythonWithMoto: String? = {
        guard let python = pythonWithBoto3, let check = try? RoleCallProcess.run([python, "-c", "import moto.server"], viaShell: true),
              check.status == 0 else { return nil }
        return python
    }()

    /// The same boto3 workload against the endpoint and moto's server: every difference in response shapes, error
    /// codes and allow/deny decisions is one documented, with why RoleCall's answer is right (or marked as a gap).
    @Test(.enabled(if: pythonWithMoto != nil)) func theDifferencesFromMotoAreTheDocumentedOnes() throws {
        let root = RoleCallProcess.repositoryRoot.appendingPathComponent("Tests/Python").path
        let run = try RoleCallProcess.run([Self.pythonWithMoto!, root + "/differential_moto.py", Self.endpointBinary.path,
                                           "--check", root + "/moto-differences.txt"], viaShell: true)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("ok: the "))
    }

    /// `rolecall serve` serves the learner's own sandbox, the one `rolecall sandbox` plays in.
    @Test func rolecallServeServesTheLearnersOwnSandbox() throws {
        let folder = ClassroomEndToEndTests.scratch("serve")
        let log = folder + "/serve.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let serve = Process()
        serve.executableURL = RoleCallProcess.executable
        serve.arguments = ["serve", "--port", "0", "--learner", "ana", "--data-dir", folder]
        serve.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        serve.standardError = serve.standardOutput
        try serve.run()
        defer { serve.terminate(); serve.waitUntilExit() }
        var text = ""
        for _ in 0..<200 where !text.contains("export AWS_ENDPOINT_URL=") {
            Thread.sleep(forTimeInterval: 0.05)
            text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        #expect(text.contains("Serving the sandbox \(folder)/learners/ana/sandbox.json on http://127.0.0.1:"), "\(text)")
        #expect(text.contains("AWS_ACCESS_KEY_ID=AKIA"))
        let busy = try RoleCallProcess.run(["sandbox", "--learner", "ana", "--data-dir", folder], stdin: "whoami\n")
        #expect(busy.status == 75, "rolecall sandbox waits for the endpoint to let go")
    }

    /// Killed without warning right after a call that made something: what the client was told exists is on disk.
    @Test(.enabled(if: aws != nil)) func aKilledEndpointLosesNothingItAnswered() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint-kill")
        let state = folder + "/sandbox.json"
        let endpoint = try Endpoint(state: state)
        let made = try Self.aws(["iam", "create-role", "--role-name", "Kept", "--assume-role-policy-document", Self.trust], endpoint.exports, folder: folder)
        #expect(made.status == 0, "\(made.stderr)")
        kill(endpoint.process.processIdentifier, SIGKILL)
        endpoint.process.waitUntilExit()
        let listed = try RoleCallProcess.run(["aws", "--state", state, "iam", "get-role", "--role-name", "Kept", "--query", "Role.RoleName", "--output", "text"])
        #expect(listed.stdout == "Kept\n", "\(listed.stderr)")
    }

    @Test func oneSandboxHasOneWriter() throws {
        let folder = ClassroomEndToEndTests.scratch("endpoint-lock")
        let state = folder + "/sandbox.json"
        let endpoint = try Endpoint(state: state)
        let second = try RoleCallProcess.run(["aws", "--state", state, "sts", "get-caller-identity"])
        #expect(second.status == 75)
        #expect(second.stderr.contains("is in use by another program"), "\(second.stderr)")
        let shell = try RoleCallProcess.run(["sandbox", "--state", state], stdin: "whoami\n")
        #expect(shell.status == 75)
        _ = endpoint
    }

    /// `endpoint on` in the tutor: the learner's own aws CLI in another terminal completes the lesson's tasks. Each
    /// call is recorded as the aws command that makes it, so grading the transcript later counts the same tasks.
    @Test(.enabled(if: aws != nil)) func theTutorsEndpointTakesTheLearnersOwnCLIAndItsCallsCount() throws {
        let data = ClassroomEndToEndTests.scratch("tutor-endpoint")
        let output = data + "/tutor.out"
        let (tutor, input) = try Self.live(["--learner", "ana", "--data-dir", data], output: output, environment: ["ROLECALL_COURSE": RoleCallProcess.course])
        defer { if tutor.isRunning { tutor.terminate() } }
        func type(_ lines: String...) { input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        func shown(_ text: String) -> Bool { Self.appears(text, in: output) }
        // To the task "Who are you right now?", then the endpoint on any free port.
        type("", "next", "next", "skip", "next", "skip", "next")
        #expect(shown("Who are you right now? (6/9)"))
        type("endpoint on 0")
        #expect(shown("export AWS_ENDPOINT_URL="))
        // The endpoint has a process group of its own: a Ctrl-C for the tutor's foreground group does not stop it.
        let children = try RoleCallProcess.run(["/usr/bin/pgrep", "-P", String(tutor.processIdentifier)], viaShell: true).stdout
        let server = try #require(children.split(separator: "\n").compactMap { Int32($0) }.first)
        #expect(getpgid(server) != getpgid(tutor.processIdentifier))
        let env = try Self.exports(in: output)
        let who = try Self.aws(["sts", "get-caller-identity", "--query", "Arn", "--output", "text"], env, folder: data)
        #expect(who.stdout == "arn:aws:iam::123456789012:user/learner\n", "\(who.stderr)")
        #expect(shown("⇠ from your terminal: aws sts get-caller-identity → done"))
        #expect(shown("Task complete!"))
        // Keys that are not this sandbox's are refused, and the tutor says what to do.
        var otherKeys = env
        otherKeys["AWS_ACCESS_KEY_ID"] = "AKIANOTTHISSANDBOX01"
        _ = try Self.aws(["sts", "get-caller-identity"], otherKeys, folder: data)
        #expect(shown("refused before it reached the sandbox (InvalidClientTokenId): the keys are not this sandbox's (endpoint shows them)."))
        type("next")
        #expect(shown("Look inside a role (7/9)"))
        let missing = try Self.aws(["iam", "get-role", "--role-name", "Nope"], env, folder: data)
        #expect(missing.stderr.contains("An error occurred (NoSuchEntity) when calling the GetRole operation"))
        #expect(shown("⇠ from your terminal: aws iam get-role → NoSuchEntity"))
        #expect(try Self.aws(["iam", "get-role", "--role-name", "Auditor"], env, folder: data).status == 0)
        // A GitHub job's exchange, unsigned with no keys at all, goes through the tutor's relay too.
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#
        type("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com",
             "aws iam create-role --role-name Deploy --assume-role-policy-document '\(trust)' --query Role.RoleName --output text",
             "github-token --repo acme/site")
        #expect(shown("# subject  (sub): repo:acme/site:ref:refs/heads/main"))
        let token = try #require((try String(contentsOfFile: output, encoding: .utf8)).split(separator: "\n").last { $0.hasPrefix("eyJ") }.map(String.init))
        let keyless = ["AWS_ENDPOINT_URL": env["AWS_ENDPOINT_URL"] ?? "", "AWS_DEFAULT_REGION": "us-east-1"]
        let exchanged = try Self.aws(["sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::123456789012:role/Deploy",
                                      "--role-session-name", "gh", "--web-identity-token", token, "--query", "AssumedRoleUser.Arn", "--output", "text"],
                                     keyless, folder: data)
        #expect(exchanged.stdout == "arn:aws:sts::123456789012:assumed-role/Deploy/gh\n", "\(exchanged.stderr)")
        #expect(shown("⇠ from your terminal: aws sts assume-role-with-web-identity → done"))
        // Another lesson's sandbox has other keys: the tutor says so and gives the new line.
        type("open how-roles-work")
        #expect(shown("The endpoint now serves this lesson's sandbox, whose keys differ."))
        type("progress", "endpoint off")
        #expect(shown("The endpoint is off."))
        // Off means off: nothing answers any more.
        #expect(try Self.aws(["sts", "get-caller-identity"], env, folder: data).stderr.contains("Could not connect to the endpoint URL"))
        type("quit")
        try input.fileHandleForWriting.close()
        tutor.waitUntilExit()
        let final = try String(contentsOfFile: output, encoding: .utf8)
        #expect(final.components(separatedBy: "Task complete!").count == 3, "both tasks, by the learner's own CLI: \(final)")

        // The transcript holds the calls as commands; grading replays them and counts both tasks.
        let transcript = try String(contentsOfFile: data + "/learners/ana/transcript.jsonl", encoding: .utf8)
        #expect(transcript.contains("aws sts get-caller-identity --region us-east-1"))
        // Each call is recorded once, however many lines the learner types afterwards.
        #expect(transcript.split(separator: "\n").filter { $0.contains("aws sts get-caller-identity --region us-east-1") }.count == 1)
        #expect(transcript.split(separator: "\n").filter { $0.contains("aws iam get-role --region us-east-1") }.count == 2, "Nope, then Auditor")
        #expect(transcript.contains("aws sts assume-role-with-web-identity --region us-east-1"), "the unsigned exchange is recorded")
        let graded = try RoleCallProcess.run(["grade", data + "/learners"])
        #expect(graded.stdout.contains("2/2"), "\(graded.stdout)\(graded.stderr)")
    }

    /// `endpoint on` in `rolecall sandbox`: the learner's own CLI changes the free-play sandbox, which is saved,
    /// and the shell sees the change at once.
    @Test(.enabled(if: aws != nil)) func freePlayServesItsSandboxToo() throws {
        let folder = ClassroomEndToEndTests.scratch("free-play-endpoint")
        let output = folder + "/sandbox.out"
        let (shell, input) = try Self.live(["sandbox", "--state", folder + "/sandbox.json"], output: output, directory: folder)
        defer { if shell.isRunning { shell.terminate() } }
        func shown(_ text: String) -> Bool { Self.appears(text, in: output) }
        input.fileHandleForWriting.write(Data("endpoint on 0\n".utf8))
        #expect(shown("export AWS_ENDPOINT_URL="))
        let env = try Self.exports(in: output)
        let made = try Self.aws(["iam", "create-role", "--role-name", "FromOutside", "--assume-role-policy-document", Self.trust, "--query", "Role.RoleName", "--output", "text"], env, folder: folder)
        #expect(made.stdout == "FromOutside\n", "\(made.stderr)")
        #expect(shown("⇠ from your terminal: aws iam create-role → done"))
        input.fileHandleForWriting.write(Data("aws iam get-role --role-name FromOutside --query Role.RoleName --output text\nexit\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        #expect(shown("FromOutside\n"))
        // Saved: a new shell on the same file has the role.
        let again = try RoleCallProcess.run(["aws", "--state", folder + "/sandbox.json", "iam", "get-role", "--role-name", "FromOutside", "--query", "Role.Arn", "--output", "text"])
        #expect(again.stdout == "arn:aws:iam::123456789012:role/FromOutside\n", "\(again.stderr)")
    }

    /// A presigned URL (query-string SigV4, as `aws s3 presign` makes it with `s3.signature_version = s3v4`) gives
    /// the object to whoever holds it, as its signer, until it expires; Signature Version 2, which the v1 CLI
    /// and botocore use for presigning unless told otherwise, is refused as S3 refuses it for buckets made since 2020.
    @Test(.enabled(if: aws != nil && pythonWithBoto3 != nil)) func aPresignedURLGivesTheObjectUntilItExpires() throws {
        let folder = ClassroomEndToEndTests.scratch("presign")
        let endpoint = try Endpoint(state: folder + "/sandbox.json")
        try Data("[default]\ns3 =\n    signature_version = s3v4\n".utf8).write(to: URL(fileURLWithPath: folder + "/s3v4"))
        try Data("weekly totals: 42\n".utf8).write(to: URL(fileURLWithPath: folder + "/report.txt"))
        func aws(_ line: String, config: String = "none") throws -> RoleCallProcess.Output {
            try RoleCallProcess.run(["/bin/sh", "-c", "cd '\(folder)' && \(Self.aws!) \(line)"],
                                    environment: endpoint.exports.merging(["AWS_CONFIG_FILE": folder + "/" + config, "AWS_SHARED_CREDENTIALS_FILE": folder + "/none", "AWS_PAGER": ""]) { $1 },
                                    viaShell: true)
        }
        func fetch(_ url: String) throws -> String {
            let script = "import sys,urllib.request,urllib.error\ntry:\n print(urllib.request.urlopen(sys.argv[1]).read().decode(), end='')\nexcept urllib.error.HTTPError as e:\n print(e.code, e.read().decode(), end='')"
            return try RoleCallProcess.run([Self.pythonWithBoto3!, "-c", script, url], viaShell: true).stdout
        }
        #expect(try aws("s3 mb s3://presign-bucket").status == 0)
        #expect(try aws("s3 cp report.txt s3://presign-bucket/report.txt").status == 0)
        let url = try aws("s3 presign s3://presign-bucket/report.txt --expires-in 300", config: "s3v4").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), "\(url)")
        #expect(try fetch(url) == "weekly totals: 42\n")
        // Another key with the same signature is refused.
        #expect(try fetch(url.replacingOccurrences(of: "report.txt?", with: "other.txt?")).contains("<Code>SignatureDoesNotMatch</Code>"))
        let short = try aws("s3 presign s3://presign-bucket/report.txt --expires-in 1", config: "s3v4").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        Thread.sleep(forTimeInterval: 2.2)
        let expired = try fetch(short)
        #expect(expired.hasPrefix("403") && expired.contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), "\(expired)")
        let version2 = try aws("s3 presign s3://presign-bucket/report.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try fetch(version2)
        #expect(refused.hasPrefix("400") && refused.contains("<Code>InvalidRequest</Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.</Message>"), "\(refused)")
    }

    /// Whether `text` appears in the file within 20 s (a shell's output, written as it runs).
    static func appears(_ text: String, in file: String) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// The variables of the `export AWS_ENDPOINT_URL=…` line a shell printed, with the region.
    static func exports(in file: String) throws -> [String: String] {
        let line = try #require(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first { $0.contains("export AWS_ENDPOINT_URL=") })
        var env: [String: String] = ["AWS_DEFAULT_REGION": "us-east-1"]
        for assignment in line.split(separator: " ") where assignment.contains("=") {
            let pair = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            env[pair[0]] = pair[1]
        }
        return env
    }

    /// `rolecall` with a standard input the test writes to as it goes, its output (and errors) in a file.
    static func live(_ arguments: [String], output: String, environment: [String: String] = [:], directory: String? = nil) throws -> (Process, Pipe) {
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        let input = Pipe()
        process.executableURL = RoleCallProcess.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["NO_COLOR": "1"]) { $1 }) { $1 }
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = process.standardOutput
        try process.run()
        return (process, input)
    }
}
