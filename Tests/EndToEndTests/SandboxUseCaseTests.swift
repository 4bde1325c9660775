import Foundation
import Testing

/// Each use case of the course, driven through the real binary as a learner types it: it first fails for the
/// right reason, then succeeds once the missing piece is in place.
@Suite struct SandboxUseCaseTests {
    /// One learner's sandbox in a scratch folder holding the course's JSON documents.
    struct Session {
        let folder: URL
        var state: String { folder.appendingPathComponent("state.json").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-usecase-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let documents = RoleCallProcess.fixtures.appendingPathComponent("documents")
            for name in try FileManager.default.contentsOfDirectory(atPath: documents.path) {
                try FileManager.default.copyItem(at: documents.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        }

        /// Runs lines in `rolecall sandbox` and returns the last one's output and status.
        @discardableResult
        func run(_ lines: String...) throws -> RoleCallProcess.Output {
            try RoleCallProcess.run(["sandbox", "--state", state], stdin: lines.joined(separator: "\n") + "\n", directory: folder)
        }
    }

    /// `TOKEN=$(…` typed without its `)` reads on to the next line, as a shell does; left open at the end of input,
    /// it is a syntax error (it once ran the substitution's second word as a command).
    @Test func anOpenSubstitutionReadsOnToItsClosingParenthesis() throws {
        let session = try Session()
        let closed = try session.run("TOKEN=$(aws sts get-caller-identity --query Account --output text", ")", "echo \"[$TOKEN]\"")
        #expect(closed.stdout.contains("[123456789012]"), "\(closed.stderr)")
        let open = try session.run("X=$(aws sts get-caller-identity")
        #expect(open.stderr.contains("rolecall: syntax error: the line ended while looking for the `)` that closes `$(`"))
        #expect(!open.stderr.contains("command not found"))
    }

    /// From the learner's own terminal the working folder is the real one, for every command: what aws reads with
    /// file:// and downloads, `cat` shows and `ls` lists, and `>` writes there (cat once said a file aws had just
    /// read did not exist).
    @Test func everyCommandSeesTheSameWorkingFolder() throws {
        let session = try Session()
        let listed = try session.run("ls")
        #expect(listed.stdout.contains("trust-ec2.json\n"), "files in the real folder are listed")
        #expect(try session.run("cat trust-ec2.json").stdout.contains("ec2.amazonaws.com"))
        try session.run("aws s3 mb s3://notes", "aws iam get-user --query User.UserName --output text > who.txt",
                        "echo second >> who.txt", "aws s3 cp who.txt s3://notes/who.txt")
        let written = try String(contentsOf: session.folder.appendingPathComponent("who.txt"), encoding: .utf8)
        #expect(written == "learner\nsecond\n", "a redirection writes the real file aws then reads")
        try session.run("aws s3 cp s3://notes/who.txt copy.txt")
        let copy = try session.run("cat copy.txt")
        #expect(copy.status == 0)
        #expect(copy.stdout == "learner\nsecond\n", "a download is there for cat")
        #expect(try session.run("ls").stdout.contains("copy.txt\n"))
        let missing = try session.run("cat nothing.txt")
        #expect(missing.stderr.contains("cat: nothing.txt: No such file or directory"))
    }

    /// `aws s3 cp --recursive` walks a real folder and its subfolders, and a download makes the folders it needs, as
    /// the aws CLI does (the upload once said the folder did not exist; the download could not write into `dl/sub`).
    @Test func recursiveCopiesWorkWithRealFolders() throws {
        let session = try Session()
        let tree = session.folder.appendingPathComponent("site/css")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try "<h1>hi</h1>".write(to: session.folder.appendingPathComponent("site/index.html"), atomically: true, encoding: .utf8)
        try "h1{}".write(to: tree.appendingPathComponent("main.css"), atomically: true, encoding: .utf8)
        let upload = try session.run("aws s3 mb s3://site-files", "aws s3 cp site s3://site-files/www --recursive")
        #expect(upload.stdout.contains("upload: site/css/main.css to s3://site-files/www/css/main.css\n"), "\(upload.stderr)")
        #expect(upload.stdout.contains("upload: site/index.html to s3://site-files/www/index.html\n"))
        let download = try session.run("aws s3 cp s3://site-files/www copy --recursive")
        #expect(download.status == 0, "\(download.stderr)")
        let copied = try String(contentsOf: session.folder.appendingPathComponent("copy/css/main.css"), encoding: .utf8)
        #expect(copied == "h1{}")
    }

    @Test func ec2InstanceReadsS3ThroughItsInstanceProfile() throws {
        let session = try Session()
        try session.run(
            "aws iam create-role --role-name S3Reader --assume-role-policy-document file://trust-ec2.json",
            "aws iam create-instance-profile --instance-profile-name S3ReaderProfile",
            "aws iam add-role-to-instance-profile --instance-profile-name S3ReaderProfile --role-name S3Reader",
            "aws s3 mb s3://course-data",
            "aws s3api put-object --bucket course-data --key notes.txt --body trust-ec2.json",
            "aws ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro --iam-instance-profile Name=S3ReaderProfile"
        )
        let roleName = try session.run("instance exec latest -- curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        #expect(roleName.stdout == "S3Reader\n")
        let document = try session.run("instance exec latest -- curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/S3Reader")
        #expect(document.stdout.contains("\"AccessKeyId\" : \"ASIA"))
        let denied = try session.run("instance exec latest -- aws s3 ls s3://course-data")
        #expect(denied.status == 254)
        #expect(denied.stderr.contains("An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:sts::123456789012:assumed-role/S3Reader/i-"))
        #expect(denied.stderr.contains("because no identity-based policy allows the s3:ListBucket action"))
        let explained = try session.run("explain")
        #expect(explained.stdout.contains("Implicitly denied: no identity-based policy allows s3:ListBucket"))

        try session.run("aws iam attach-role-policy --role-name S3Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        let listing = try session.run("instance exec latest -- aws s3 ls s3://course-data")
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.hasSuffix(" notes.txt\n"))
        let printed = try session.run("instance exec latest -- aws s3 cp s3://course-data/notes.txt -")
        #expect(printed.stdout == (try String(contentsOf: session.folder.appendingPathComponent("trust-ec2.json"), encoding: .utf8)), "'-' is standard output")
        let writing = try session.run("instance exec latest -- aws s3 rm s3://course-data/notes.txt")
        #expect(writing.status != 0, "a read-only role cannot delete")
    }

    @Test func lambdaWritesLogsOnlyWhenItsExecutionRoleAllowsIt() throws {
        let session = try Session()
        let wrongTrust = try session.run(
            "aws iam create-role --role-name ReportRole --assume-role-policy-document file://trust-ec2.json",
            "aws lambda create-function --function-name report --runtime python3.12 --handler app.handler --role arn:aws:iam::123456789012:role/ReportRole --zip-file fileb://function.zip"
        )
        #expect(wrongTrust.status == 254)
        #expect(wrongTrust.stderr.contains("An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: The role defined for the function cannot be assumed by Lambda."))

        try session.run(
            "aws iam update-assume-role-policy --role-name ReportRole --policy-document file://trust-lambda.json",
            "aws lambda create-function --function-name report --runtime python3.12 --handler app.handler --role arn:aws:iam::123456789012:role/ReportRole --zip-file fileb://function.zip"
        )
        let invoked = try session.run("aws lambda invoke --function-name report out.json")
        #expect(invoked.stdout.contains("\"StatusCode\": 200"), "\(invoked.stderr)")
        let payload = try String(contentsOf: session.folder.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(payload.contains("assumed-role/ReportRole/report"))
        let noLogs = try session.run("aws logs describe-log-groups --query 'logGroups[].logGroupName' --output text")
        #expect(noLogs.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)

        try session.run(
            "aws iam attach-role-policy --role-name ReportRole --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "aws lambda invoke --function-name report out.json"
        )
        let logs = try session.run("aws logs describe-log-groups --query 'logGroups[].logGroupName' --output text")
        #expect(logs.stdout == "/aws/lambda/report\n")
    }

    @Test func cloudFormationBuildsThroughAServiceRoleAndNeedsPassRole() throws {
        let session = try Session()
        try session.run(
            "aws iam create-role --role-name CFNDeployer --assume-role-policy-document file://trust-cloudformation.json",
            "aws iam attach-role-policy --role-name CFNDeployer --policy-arn arn:aws:iam::aws:policy/IAMFullAccess",
            "aws iam create-role --role-name Deployer --assume-role-policy-document file://trust-account.json",
            "aws iam put-role-policy --role-name Deployer --policy-name cfn-only --policy-document file://cfn-only.json",
            "aws configure set role_arn arn:aws:iam::123456789012:role/Deployer --profile deployer",
            "aws configure set source_profile default --profile deployer"
        )
        let noPassRole = try session.run("aws cloudformation create-stack --stack-name reports --template-body file://stack.yaml --role-arn arn:aws:iam::123456789012:role/CFNDeployer --capabilities CAPABILITY_NAMED_IAM --profile deployer")
        #expect(noPassRole.status == 254)
        #expect(noPassRole.stderr.contains("is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/CFNDeployer"))

        try session.run("aws cloudformation create-stack --stack-name reports --template-body file://stack.yaml --role-arn arn:aws:iam::123456789012:role/CFNDeployer --capabilities CAPABILITY_NAMED_IAM")
        let failed = try session.run("aws cloudformation describe-stacks --stack-name reports --query 'Stacks[0].StackStatus' --output text")
        #expect(failed.stdout == "ROLLBACK_COMPLETE\n")
        let events = try session.run("aws cloudformation describe-stack-events --stack-name reports --query \"StackEvents[?ResourceStatus=='CREATE_FAILED'].ResourceStatusReason\" --output text")
        #expect(events.stdout.contains("assumed-role/CFNDeployer/AWSCloudFormation is not authorized to perform: s3:CreateBucket"))

        try session.run(
            "aws iam attach-role-policy --role-name CFNDeployer --policy-arn arn:aws:iam::aws:policy/AmazonS3FullAccess",
            "aws cloudformation delete-stack --stack-name reports",
            "aws cloudformation create-stack --stack-name reports --template-body file://stack.yaml --role-arn arn:aws:iam::123456789012:role/CFNDeployer --capabilities CAPABILITY_NAMED_IAM"
        )
        let created = try session.run("aws cloudformation describe-stacks --stack-name reports --query 'Stacks[0].StackStatus' --output text")
        #expect(created.stdout == "CREATE_COMPLETE\n")
        let role = try session.run("aws iam get-role --role-name ReportReader --query Role.Arn --output text")
        #expect(role.stdout == "arn:aws:iam::123456789012:role/ReportReader\n")
    }

    @Test func crossAccountAssumeRoleNeedsTheExternalID() throws {
        let session = try Session()
        try session.run("aws iam create-role --role-name VendorAudit --assume-role-policy-document file://trust-partner.json")
        let withoutID = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/VendorAudit --role-session-name audit --profile partner")
        #expect(withoutID.status == 254)
        #expect(withoutID.stderr.contains("An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::210987654321:user/partner-admin is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/VendorAudit"))
        let withID = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/VendorAudit --role-session-name audit --external-id vendor-7431 --profile partner --query AssumedRoleUser.Arn --output text")
        #expect(withID.status == 0, "\(withID.stderr)")
        #expect(withID.stdout == "arn:aws:sts::123456789012:assumed-role/VendorAudit/audit\n")
    }

    @Test func roleChainingIsCappedAtOneHour() throws {
        let session = try Session()
        try session.run(
            "aws iam create-role --role-name First --assume-role-policy-document file://trust-account.json --max-session-duration 14400",
            "aws iam attach-role-policy --role-name First --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
            "aws iam create-role --role-name Second --assume-role-policy-document file://trust-account.json --max-session-duration 14400",
            "aws configure set role_arn arn:aws:iam::123456789012:role/First --profile first",
            "aws configure set source_profile default --profile first"
        )
        let direct = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Second --role-session-name s2 --duration-seconds 7200 --query AssumedRoleUser.Arn --output text")
        #expect(direct.status == 0, "two hours are fine when not chaining: \(direct.stderr)")
        let chained = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Second --role-session-name s2 --duration-seconds 7200 --profile first")
        #expect(chained.status == 254)
        #expect(chained.stderr.contains("An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."))
        let oneHour = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Second --role-session-name s2 --duration-seconds 3600 --profile first --query AssumedRoleUser.Arn --output text")
        #expect(oneHour.stdout == "arn:aws:sts::123456789012:assumed-role/Second/s2\n")
    }

    @Test func temporaryCredentialsExpireBySandboxTime() throws {
        let session = try Session()
        try session.run(
            "aws iam create-role --role-name Reader --assume-role-policy-document file://trust-account.json",
            "aws iam attach-role-policy --role-name Reader --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "aws s3 mb s3://course-data"
        )
        let keys = try session.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Reader --role-session-name short --duration-seconds 900 --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text")
        let parts = keys.stdout.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try #require(parts.count == 3, "\(keys.stdout) \(keys.stderr)")
        let exports = "export AWS_ACCESS_KEY_ID=\(parts[0]) AWS_SECRET_ACCESS_KEY=\(parts[1]) AWS_SESSION_TOKEN=\(parts[2])"
        let working = try session.run(exports, "aws sts get-caller-identity --query Arn --output text")
        #expect(working.stdout == "arn:aws:sts::123456789012:assumed-role/Reader/short\n")
        let expired = try session.run("clock advance 20m", "aws s3 ls s3://course-data")
        #expect(expired.status == 254)
        #expect(expired.stderr.contains("An error occurred (ExpiredToken) when calling the ListObjectsV2 operation: The provided token has expired."))
        let back = try session.run("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN", "aws sts get-caller-identity --query Arn --output text")
        #expect(back.stdout == "arn:aws:iam::123456789012:user/learner\n")
    }

    @Test func jsonOutputHasTheAwsCLILayout() throws {
        let session = try Session()
        let created = try session.run("aws iam create-instance-profile --instance-profile-name Golden")
        #expect(created.stdout == """
        {
            "InstanceProfile": {
                "Path": "/",
                "InstanceProfileName": "Golden",
                "InstanceProfileId": "\(try #require(created.stdout.firstMatch(of: /AIPA[A-Z2-7]{16}/)).output)",
                "Arn": "arn:aws:iam::123456789012:instance-profile/Golden",
                "CreateDate": "2026-01-15T09:00:01+00:00",
                "Roles": []
            }
        }

        """)
        // The same layout the aws CLI's own table formatter gives for this response.
        let table = try session.run("aws iam list-instance-profiles --query 'InstanceProfiles[].[InstanceProfileName,Path]' --output table")
        #expect(table.stdout == """
        ----------------------
        |ListInstanceProfiles|
        +-------------+------+
        |  Golden     |  /   |
        +-------------+------+

        """)
    }

    @Test func usageErrorsLookLikeTheAwsCLIs() throws {
        let session = try Session()
        let typo = try session.run("aws iam lsit-roles")
        #expect(typo.status == 252)
        #expect(typo.stderr.contains("aws: error: argument operation: Invalid choice, valid choices are:"))
        #expect(typo.stderr.contains("Invalid choice: 'lsit-roles', maybe you meant:\n\n  * list-roles"))
        let missing = try session.run("aws iam get-role")
        #expect(missing.status == 252)
        #expect(missing.stderr.hasSuffix("aws: error: the following arguments are required: --role-name\n"))
        let notFound = try session.run("aws iam get-role --role-name Nope")
        #expect(notFound.status == 254)
        #expect(notFound.stderr == "\nAn error occurred (NoSuchEntity) when calling the GetRole operation: The role with name Nope cannot be found.\n")
    }

    /// Free-play `reset` wiped the sandbox without asking; now it asks, and anything but yes keeps everything.
    @Test func freePlayResetAsksFirst() throws {
        let session = try Session()
        let kept = try session.run("aws s3 mb s3://keep-me", "reset", "n", "aws s3 ls")
        #expect(kept.stdout.contains("Nothing was reset."))
        #expect(kept.stdout.contains("keep-me"))
        let wiped = try session.run("reset", "y", "aws s3 ls")
        #expect(wiped.stdout.contains("Wipe the sandbox back to its starting state"))
        #expect(wiped.stdout.contains("The sandbox is back to its starting state."))
        #expect(!wiped.stdout.contains("keep-me"))
    }

    /// A policy pasted across lines inside quotes, a here-document to write a file, redirection to a file, and
    /// clear messages for the shell syntax this shell does not run (once: "unterminated single quote" per line).
    @Test func multiLineCommandsHereDocumentsAndRedirection() throws {
        let session = try Session()
        let pasted = try session.run(
            "aws iam create-role --role-name Pasted --assume-role-policy-document '{",
            "  \"Version\": \"2012-10-17\",",
            "  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]",
            "}' \\",
            "  --query Role.RoleName --output text")
        #expect(pasted.stdout == "Pasted\n", "\(pasted.stderr)")
        #expect(!pasted.stderr.contains("unterminated"))
        let written = try session.run(
            "cat > lambda-trust.json <<'EOF'",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",",
            "  \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
            "EOF",
            "aws iam create-role --role-name FromFile --assume-role-policy-document file://lambda-trust.json --query Role.RoleName --output text",
            "aws iam get-role --role-name FromFile > role.json",
            "cat role.json")
        #expect(written.stdout.contains("\"RoleName\": \"FromFile\""), "\(written.stderr)")
        let echoed = try session.run("echo hello > note.txt", "echo again >> note.txt", "cat note.txt", "aws sts get-caller-identity > /dev/null", "ls")
        #expect(echoed.stdout.contains("note.txt") && echoed.stdout.contains("role.json") && !echoed.stdout.contains("/dev/null"))
        let note = try session.run("cat note.txt")
        #expect(note.stdout == "hello\nagain\n")
        let pipe = try session.run("aws iam list-roles | jq .")
        #expect(pipe.stderr.contains("pipes (|) are not supported"))
        #expect(!pipe.stderr.contains("Unknown options"))
        let both = try session.run("aws sts get-caller-identity 2>&1")
        #expect(both.stderr.contains("does not support '2>&1'"))
        let bare = try session.run("cat > nothing.txt")
        #expect(bare.stderr.contains("needs its text as a here-document"))
        // A substitution inside a word went on as text and came back as a service error about the JSON.
        let inWord = try session.run(#"aws iam create-role --role-name R --assume-role-policy-document "$(cat trust-ec2.json)""#)
        #expect(inWord.stderr.contains("runs a command substitution only as a line of its own, NAME=$(command)"), "\(inWord.stderr)")
        #expect(!inWord.stderr.contains("MalformedPolicyDocument"))
        let semicolon = try session.run("aws sts get-caller-identity; echo ok")
        #expect(semicolon.stderr.contains("';' is not supported"))
        let literal = try session.run("aws iam list-roles --query 'Roles[?contains(RoleName, `From`)].RoleName' --output text")
        #expect(literal.stdout == "FromFile\n", "a JMESPath literal in single quotes is text: \(literal.stderr)")
    }

    /// IMDSv2 as on AWS: an instance launched with HttpTokens=required refuses token-less requests with 401; a
    /// session token from PUT /latest/api/token (with its TTL header) opens it until the token expires;
    /// describe-instances shows the options and modify-instance-metadata-options changes them.
    @Test func instanceMetadataServiceVersion2() throws {
        let session = try Session()
        let launched = try session.run(
            "aws iam create-role --role-name Web --assume-role-policy-document file://trust-ec2.json --query Role.RoleName",
            "aws iam create-instance-profile --instance-profile-name WebProfile --query InstanceProfile.InstanceProfileName",
            "aws iam add-role-to-instance-profile --instance-profile-name WebProfile --role-name Web",
            "aws ec2 run-instances --image-id ami-0abcdef1234567890 --iam-instance-profile Name=WebProfile --metadata-options HttpTokens=required --query 'Instances[0].MetadataOptions.HttpTokens' --output text")
        #expect(launched.stdout.hasSuffix("required\n"), "\(launched.stderr)")
        let tokenless = try session.run("instance exec latest -- curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        #expect(tokenless.stdout.contains("<title>401 - Unauthorized</title>"))
        let failing = try session.run("instance exec latest -- curl -sf http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        #expect(failing.status == 22 && failing.stderr.contains("returned error: 401"))
        // The idiom for asking only whether IMDSv1 still answers: the status code, the body thrown away.
        let statusOnly = try session.run("instance exec latest -- curl -so /dev/null -w '%{http_code}\\n' http://169.254.169.254/latest/meta-data/")
        #expect(statusOnly.stdout == "401\n" && statusOnly.status == 0, "\(statusOnly.stderr)")
        #expect(try session.run("instance exec latest -- curl -si http://169.254.169.254/latest/meta-data/").stdout.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
        let kept = try session.run("instance exec latest -- curl -s -o creds.json http://169.254.169.254/latest/meta-data/")
        #expect(kept.stderr.contains("creds.json is not kept: the sandbox's instances have no files of their own"))
        let noTTL = try session.run("instance exec latest -- curl -s -X PUT http://169.254.169.254/latest/api/token")
        #expect(noTTL.stdout.contains("400 - Bad Request"))
        let withToken = try session.run(
            "TOKEN=$(instance exec latest -- curl -s -X PUT http://169.254.169.254/latest/api/token -H \"X-aws-ec2-metadata-token-ttl-seconds: 60\")",
            "instance exec latest -- curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/")
        #expect(withToken.stdout == "Web\n", "\(withToken.stderr)")
        let forged = try session.run("instance exec latest -- curl -s -H \"X-aws-ec2-metadata-token: AQAEAnotatoken==\" http://169.254.169.254/latest/meta-data/instance-id")
        #expect(forged.stdout.contains("401 - Unauthorized"))
        let expired = try session.run(
            "TOKEN=$(instance exec latest -- curl -s -X PUT http://169.254.169.254/latest/api/token -H \"X-aws-ec2-metadata-token-ttl-seconds: 60\")",
            "clock advance 2m",
            "instance exec latest -- curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/instance-id")
        #expect(expired.stdout.contains("401 - Unauthorized"), "a token lives only for its TTL")
        // The CLI on the instance fetches its credentials as the SDKs do, token first.
        #expect(try session.run("instance exec latest -- aws sts get-caller-identity --query Arn --output text").stdout.contains("assumed-role/Web/"))
        let id = try session.run("aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let modified = try session.run("aws ec2 modify-instance-metadata-options --instance-id \(id) --http-tokens optional --query InstanceMetadataOptions.HttpTokens --output text")
        #expect(modified.stdout == "optional\n", "\(modified.stderr)")
        #expect(try session.run("instance exec latest -- curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/").stdout == "Web\n")
        let invalid = try session.run("aws ec2 modify-instance-metadata-options --instance-id \(id) --http-put-response-hop-limit 99")
        #expect(invalid.stderr.contains("HttpPutResponseHopLimit is invalid") || invalid.stderr.contains("validation"), "\(invalid.stderr)")
        // Nothing runs on a terminated instance (it ran the command).
        _ = try session.run("aws ec2 terminate-instances --instance-ids \(id)")
        let gone = try session.run("instance exec \(id) -- aws sts get-caller-identity")
        #expect(gone.status != 0 && gone.stderr.contains("\(id) is terminated: nothing runs on it"), "\(gone.stdout)")
    }

    /// After `aws configure set`, `cat ~/.aws/config` and `cat ~/.aws/credentials` show what the CLI would have
    /// written: keys in the credentials file, everything else in the config file under [profile NAME].
    @Test func theCLIsOwnFilesCanBeRead() throws {
        let session = try Session()
        let output = try session.run(
            "aws configure set profile.ro.role_arn arn:aws:iam::123456789012:role/RO",
            "aws configure set profile.ro.source_profile default",
            "cat ~/.aws/config", "echo ----", "cat $HOME/.aws/credentials")
        let parts = output.stdout.components(separatedBy: "----\n")
        #expect(parts.first?.contains("[default]\noutput = json\nregion = us-east-1\n") == true, "\(output.stdout)")
        #expect(parts.first?.contains("[profile ro]\nrole_arn = arn:aws:iam::123456789012:role/RO\nsource_profile = default\n") == true)
        #expect(parts.first?.contains("aws_secret_access_key") == false)
        #expect(parts.last?.hasPrefix("[default]\naws_access_key_id = AKIA") == true)
        #expect(parts.last?.contains("[partner]") == true)
    }
}
