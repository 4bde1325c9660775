import Foundation
import ShellWords
import AWSModel
@testable import AWSCommands
import Testing

/// What reaches the backend for a command line: values checked against awscli's own unpacking
/// (`aws … --debug` shows "Unpacked value of … for parameter").
struct ParameterParsingTests {
    struct Case: CustomStringConvertible, Sendable {
        let line: String
        let operation: String
        let parameters: AWSValue
        var description: String { line }
    }

    static let cases: [Case] = [
        Case(line: "iam get-role --role-name S3Reader", operation: "GetRole", parameters: ["RoleName": "S3Reader"]),
        Case(line: "iam get-role --role-name=S3Reader", operation: "GetRole", parameters: ["RoleName": "S3Reader"]),
        Case(line: "iam get-role --role S3Reader", operation: "GetRole", parameters: ["RoleName": "S3Reader"]),
        Case(line: "iam create-role --role-name r --assume-role-policy-document file://trust.json --max-session-duration 7200",
             operation: "CreateRole",
             parameters: ["RoleName": "r", "AssumeRolePolicyDocument": "{\"Version\": \"2012-10-17\"}\n", "MaxSessionDuration": 7200]),
        Case(line: "iam tag-role --role-name r --tags Key=team,Value=course 'Key=env,Value=a b'", operation: "TagRole",
             parameters: ["RoleName": "r", "Tags": [["Key": "team", "Value": "course"], ["Key": "env", "Value": "a b"]]]),
        Case(line: "iam tag-role --role-name r --tags file://tags.json", operation: "TagRole",
             parameters: ["RoleName": "r", "Tags": [["Key": "a", "Value": "b"]]]),
        Case(line: "iam tag-role --role-name r --tags '[{\"Key\":\"a\",\"Value\":\"b\"}]'", operation: "TagRole",
             parameters: ["RoleName": "r", "Tags": [["Key": "a", "Value": "b"]]]),
        Case(line: "ec2 describe-instances --instance-ids i-1 i-2 --filters Name=a,Values=b,c --dry-run", operation: "DescribeInstances",
             parameters: ["DryRun": true, "Filters": [["Name": "a", "Values": ["b", "c"]]], "InstanceIds": ["i-1", "i-2"]]),
        Case(line: "ec2 run-instances --image-id ami-1 --iam-instance-profile Name=web --count 2", operation: "RunInstances",
             parameters: ["ImageId": "ami-1", "IamInstanceProfile": ["Name": "web"], "MinCount": 2, "MaxCount": 2]),
        Case(line: "ec2 run-instances --image-id ami-1", operation: "RunInstances",
             parameters: ["ImageId": "ami-1", "MaxCount": 1, "MinCount": 1]),
        Case(line: "dynamodb put-item --table-name Music --item '{\"id\": {\"S\": \"1\"}}'", operation: "PutItem",
             parameters: ["TableName": "Music", "Item": ["id": ["S": "1"]]]),
        Case(line: "dynamodb create-table --table-name T --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST",
             operation: "CreateTable",
             parameters: ["AttributeDefinitions": [["AttributeName": "id", "AttributeType": "S"]], "TableName": "T",
                          "KeySchema": [["AttributeName": "id", "KeyType": "HASH"]], "BillingMode": "PAY_PER_REQUEST"]),
        Case(line: "sts assume-role --role-arn arn:aws:iam::210987654321:role/X --role-session-name s1 --external-id abc --duration-seconds 900",
             operation: "AssumeRole",
             parameters: ["RoleArn": "arn:aws:iam::210987654321:role/X", "RoleSessionName": "s1", "DurationSeconds": 900, "ExternalId": "abc"]),
        Case(line: "lambda create-function --function-name f --runtime python3.12 --role arn:aws:iam::123456789012:role/L --handler h.main --zip-file fileb://f.zip",
             operation: "CreateFunction",
             parameters: ["FunctionName": "f", "Runtime": "python3.12", "Role": "arn:aws:iam::123456789012:role/L", "Handler": "h.main",
                          "Code": ["ZipFile": "PK-zip"]]),
        Case(line: "s3api put-object --bucket b --key k --body a.txt", operation: "PutObject",
             // botocore's flexible checksums: every upload carries its body's CRC32.
             parameters: ["Body": "hello", "Bucket": "b", "Key": "k", "ChecksumCRC32": "NhCmhg=="]),
        // --checksum-algorithm names the one computed instead (checked here against Python's hashlib and a CRC32C).
        Case(line: "s3api put-object --bucket b --key k --body a.txt --checksum-algorithm SHA256", operation: "PutObject",
             parameters: ["Body": "hello", "Bucket": "b", "Key": "k", "ChecksumAlgorithm": "SHA256", "ChecksumSHA256": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="]),
        Case(line: "s3api put-object --bucket b --key k --body a.txt --checksum-algorithm CRC32C", operation: "PutObject",
             parameters: ["Body": "hello", "Bucket": "b", "Key": "k", "ChecksumAlgorithm": "CRC32C", "ChecksumCRC32C": "mnG7TA=="]),
        Case(line: "s3api put-object --bucket b --key k --body a.txt --checksum-algorithm SHA1", operation: "PutObject",
             parameters: ["Body": "hello", "Bucket": "b", "Key": "k", "ChecksumAlgorithm": "SHA1", "ChecksumSHA1": "qvTGHdzF6KLavt4PO0gs2a6pQ00="]),
        Case(line: "iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user/learner --action-names s3:GetObject s3:PutObject",
             operation: "SimulatePrincipalPolicy",
             parameters: ["PolicySourceArn": "arn:aws:iam::123456789012:user/learner", "ActionNames": ["s3:GetObject", "s3:PutObject"]]),
    ]

    static let files = FakeFiles(files: [
        "trust.json": "{\"Version\": \"2012-10-17\"}\n",
        "tags.json": "[{\"Key\":\"a\",\"Value\":\"b\"}]\n",
        "f.zip": "PK-zip",
        "a.txt": "hello",
    ])

    /// Members are compared as sets: botocore's dict order is not part of the request.
    private func sameMembers(_ a: AWSValue, _ b: AWSValue) -> Bool {
        guard let x = a.objectMembers, let y = b.objectMembers else { return a == b }
        return x.count == y.count && x.allSatisfy { member in y.contains { $0.0 == member.0 && $0.1 == member.1 } }
    }

    @Test(arguments: cases)
    func sendsTheParameters(_ testCase: Case) {
        var backend = FakeBackend()
        let result = aws(testCase.line, files: Self.files, backend: &backend)
        #expect(result.stderr == "")
        #expect(backend.requests.last?.operation == testCase.operation)
        let sent = backend.requests.last?.parameters ?? .null
        #expect(sameMembers(sent, testCase.parameters), "sent \(sent)")
    }

    @Test func shorthandErrorsNameTheOption() {
        let result = aws("iam tag-role --role-name r --tags Key")
        #expect(result.stderr == "\nError parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\nKey\n   ^\n")
    }

    /// 12,000 nested brackets overflowed the stack (exit 139). shorthand.py recurses and Python stops at its
    /// recursion limit; so does RoleCall, with Python's message, and reasonable nesting still parses.
    @Test func deeplyNestedShorthandFailsAsPythonDoes() {
        let deep = aws("iam tag-role --role-name r --tags Key=" + String(repeating: "[", count: 12_000))
        #expect(deep.exitCode == 255)
        #expect(deep.stderr == "\nmaximum recursion depth exceeded while calling a Python object\n")
        let braces = aws("iam tag-role --role-name r --tags Key=" + String(repeating: "{a=", count: 12_000))
        #expect(braces.stderr.contains("maximum recursion depth exceeded"))
        let fine = aws("iam tag-role --role-name r --tags Key=" + String(repeating: "[", count: 50) + "x" + String(repeating: "]", count: 50))
        #expect(!fine.stderr.contains("recursion"))
    }

    /// As in aws CLI v2: a blob typed on the command line is base64 (`Invalid base64: "…"` otherwise), unless
    /// `--cli-binary-format raw-in-base64-out` or the profile's `cli_binary_format` says it is raw.
    @Test func blobsAreBase64UnlessTheBinaryFormatSaysRaw() {
        let refused = aws("lambda invoke --function-name f --payload '{\"a\":1}' out.json")
        #expect(refused.exitCode == 255)
        #expect(refused.stderr == "\nInvalid base64: \"{\"a\":1}\"\n")
        var backend = FakeBackend()
        _ = aws("lambda invoke --function-name f --payload eyJhIjoxfQ== out.json", backend: &backend)
        #expect(backend.requests.last?.parameters["Payload"] == "{\"a\":1}")
        _ = aws("lambda invoke --cli-binary-format raw-in-base64-out --function-name f --payload '{\"b\":2}' out.json", backend: &backend)
        #expect(backend.requests.last?.parameters["Payload"] == "{\"b\":2}")
        var configuration = CLIConfiguration()
        configuration.set("cli_binary_format", to: "raw-in-base64-out", inProfile: "default")
        _ = aws("lambda invoke --function-name f --payload '{\"c\":3}' out.json", configuration: configuration, backend: &backend)
        #expect(backend.requests.last?.parameters["Payload"] == "{\"c\":3}")
        let bogus = aws("lambda invoke --cli-binary-format hex --function-name f out.json")
        #expect(bogus.exitCode == 252)
        #expect(bogus.stderr.contains("argument --cli-binary-format: Invalid choice, valid choices are:"))
    }

    /// A file that is not UTF-8 (a real zip) was reported missing. fileb:// and uploads read its bytes; file://
    /// says, in awscli's words, that it is binary.
    @Test func binaryFilesAreReadAsBytesAndRefusedAsText() {
        var files = FakeFiles()
        files.binary["function.zip"] = [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00]
        var backend = FakeBackend()
        let created = aws("lambda create-function --function-name f --runtime python3.12 --handler app.handler --role arn:aws:iam::123456789012:role/R --zip-file fileb://function.zip", files: files, backend: &backend)
        #expect(created.exitCode == 0, "\(created.stderr)")
        #expect(backend.requests.last?.parameters["Code"]?["ZipFile"]?.stringValue?.hasPrefix("PK") == true)
        let asText = aws("iam create-role --role-name r --assume-role-policy-document file://function.zip", files: files, backend: &backend)
        #expect(asText.stderr == "\nError parsing parameter '--assume-role-policy-document': Unable to load paramfile (function.zip), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.\n")
        let uploaded = aws("s3 cp function.zip s3://b/function.zip", files: files, backend: &backend)
        #expect(uploaded.exitCode == 0, "\(uploaded.stderr)")
        #expect(backend.requests.last?.operation == "PutObject")
        #expect(aws("s3 cp missing.zip s3://b/x", files: files, backend: &backend).stderr.contains("The user-provided path missing.zip does not exist."))
    }

    /// `fileb://` gives botocore bytes: a policy document read that way was accepted, where the real CLI refuses it
    /// (messages as awscli 1.x printed them here, with v2's exit status); a JSON parameter still reads them.
    @Test func aBinaryFileIsNoStringParameter() {
        var files = FakeFiles()
        files.files["trust.json"] = "{\"Version\":\"2012-10-17\",\"Statement\":[]}\n"
        files.files["tags.json"] = #"[{"Key":"team","Value":"it's"}]"#
        var backend = FakeBackend()
        let asString = aws("iam create-role --role-name x --assume-role-policy-document fileb://trust.json", files: files, backend: &backend)
        #expect(asString.stderr == "\nParameter validation failed:\nInvalid type for parameter AssumeRolePolicyDocument, value: b'{\"Version\":\"2012-10-17\",\"Statement\":[]}\\n', type: <class 'bytes'>, valid types: <class 'str'>\n")
        #expect(asString.exitCode == 252)
        #expect(backend.requests.isEmpty)
        let asNumber = aws("iam create-role --role-name x --assume-role-policy-document file://trust.json --max-session-duration fileb://trust.json", files: files, backend: &backend)
        #expect(asNumber.stderr.contains("invalid literal for int() with base 10: b'{\"Version\""), "\(asNumber.stderr)")
        #expect(backend.requests.isEmpty)
        // int() takes bytes that hold a number, a file's newline and all; so does --user-data, encoded before validation.
        files.files["hours.txt"] = "3600\n"
        let asHours = aws("iam create-role --role-name x --assume-role-policy-document file://trust.json --max-session-duration fileb://hours.txt", files: files, backend: &backend)
        #expect(asHours.exitCode == 0, "\(asHours.stderr)")
        #expect(backend.requests.last?.parameters["MaxSessionDuration"] == .integer(3600))
        #expect(aws("iam create-role --role-name y --assume-role-policy-document file://trust.json --max-session-duration file://hours.txt", files: files, backend: &backend).exitCode == 0)
        let asJSON = aws("iam create-role --role-name x --assume-role-policy-document file://trust.json --tags fileb://tags.json", files: files, backend: &backend)
        #expect(asJSON.exitCode == 0, "\(asJSON.stderr)")
        #expect(backend.requests.last?.parameters["Tags"]?[0]?["Value"] == "it's")
        #expect(PythonText.bytesRepr(Array("it's \\ \t é\u{7F}".utf8)) == #"b"it's \\ \t \xc3\xa9\x7f""#)
        #expect(PythonText.bytesRepr(Array("'\"".utf8)) == #"b'\'"'"#)
    }

    /// A real zip (as `zip` or Python's zipfile writes it) is read to its first file, as Lambda and the sandbox's
    /// endpoint read it; without fileb:// the package is refused in awscli's words.
    @Test func aDeploymentPackageIsAZipReadFromBytes() throws {
        var files = FakeFiles()
        let zip = "UEsDBBQAAAAIANB+gV2AcjUPHgAAABwAAAAJAAAAaW5kZXgudHh0SywvViguKVZITy3RTU7MyUkt0s1MSc0rySyp5AIAUEsBAhQDFAAAAAgA0H6BXYByNQ8eAAAAHAAAAAkAAAAAAAAAAAAAAIABAAAAAGluZGV4LnR4dFBLBQYAAAAAAQABADcAAABFAAAAAAA="
        files.binary["real.zip"] = [UInt8](try #require(Data(base64Encoded: zip)))
        var backend = FakeBackend()
        let created = aws("lambda create-function --function-name f --runtime python3.12 --handler index.handler --role arn:aws:iam::123456789012:role/R --zip-file fileb://real.zip", files: files, backend: &backend)
        #expect(created.exitCode == 0, "\(created.stderr)")
        #expect(backend.requests.last?.parameters["Code"]?["ZipFile"] == "aws sts get-caller-identity\n")
        let bare = aws("lambda create-function --function-name f --runtime python3.12 --handler index.handler --role arn:aws:iam::123456789012:role/R --zip-file real.zip", files: files, backend: &backend)
        #expect(bare.stderr == "\n--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip\n")
        #expect(bare.exitCode == 252)
    }

    /// awscli's list options take nargs='*': `--instance-ids` alone is an empty list, sent as one.
    /// awscli names --cli-input-json with its dashes when the file cannot be read, without them when its JSON is bad.
    @Test func cliInputJSONErrorsNameTheOptionAsAwscliDoes() {
        #expect(aws("iam create-role --cli-input-json file://nope.json").stderr
                == "\nError parsing parameter '--cli-input-json': Unable to load paramfile file://nope.json: [Errno 2] No such file or directory: 'nope.json'\n")
        #expect(aws("iam create-role --cli-input-json {bad").stderr.hasPrefix("\nError parsing parameter 'cli-input-json': Invalid JSON:"))
    }

    @Test func listOptionsMayBeGivenNoValues() {
        var backend = FakeBackend()
        let result = aws("ec2 describe-instances --instance-ids", backend: &backend)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(backend.requests.last?.parameters["InstanceIds"] == .list([]))
    }

    @Test func jsonErrorsUsePythonWording() {
        let cases: [(String, String)] = [
            ("{\"a\": }", "Expecting value: line 1 column 7 (char 6)"),
            ("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"),
            ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
            ("{\"a\":1,}", "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
            ("{} x", "Extra data: line 1 column 4 (char 3)"),
            ("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"),
            ("{\n  \"a\": x}", "Expecting value: line 2 column 8 (char 9)"),
        ]
        for (text, message) in cases {
            #expect(throws: PythonJSONParser.Failure(message: message)) { try PythonJSONParser.parse(text) }
        }
    }

    @Test func shellWordsHandleQuotes() throws {
        #expect(try ShellWords.split(#"aws iam x --a '{"k": "v"}' "b c" d\ e"#) == ["aws", "iam", "x", "--a", #"{"k": "v"}"#, "b c", "d e"])
    }

    @Test func completionListsServicesOperationsAndOptions() {
        #expect(AWSCLI.services.contains("iam") && AWSCLI.services.contains("s3api") && AWSCLI.services.contains("s3"))
        #expect(AWSCLI.operations(of: "iam").contains("create-role"))
        #expect(AWSCLI.operations(of: "s3") == ["ls", "cp", "rm", "mb", "rb"])
        let options = AWSCLI.options(of: "iam", operation: "create-role")
        #expect(options.prefix(2) == ["--role-name", "--assume-role-policy-document"])
        #expect(AWSCLI.options(of: "ec2", operation: "describe-instances").contains("--no-dry-run"))
        #expect(!AWSCLI.options(of: "iam", operation: "list-roles").contains("--marker"))
    }
}
