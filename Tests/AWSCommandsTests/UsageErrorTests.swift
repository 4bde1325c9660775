import AWSModel
@testable import AWSCommands
import Testing

/// Error texts checked against awscli 1.45 on this machine (minus its v1-only "Note: AWS CLI version 2" line);
/// exit codes are v2's (252 usage, 253 configuration, 254 service, 255 other).
struct UsageErrorTests {
    struct Case: CustomStringConvertible, Sendable {
        let line: String
        let stderr: String
        let exitCode: Int32
        var description: String { line }
    }

    static let cases: [Case] = [
        Case(line: "iam get-role", stderr: usageBlurb + "aws: error: the following arguments are required: --role-name\n", exitCode: 252),
        Case(line: "iam get-role --rolename x", stderr: usageBlurb + "aws: error: the following arguments are required: --role-name\n", exitCode: 252),
        Case(line: "iam get-role --role-name x --bogus", stderr: usageBlurb + "\nUnknown options: --bogus\n", exitCode: 252),
        Case(line: "iam get-role --role-name", stderr: usageBlurb + "aws: error: argument --role-name: expected one argument\n", exitCode: 252),
        Case(line: "iam get-role --role-name -x", stderr: usageBlurb + "aws: error: argument --role-name: expected one argument\n", exitCode: 252),
        Case(line: "ec2 describe-instances --dry-run true", stderr: usageBlurb + "\nUnknown options: true\n", exitCode: 252),
        Case(line: "", stderr: usageBlurb + "aws: error: the following arguments are required: command\n", exitCode: 252),
        Case(line: "lambda invoke --function-name f", stderr: usageBlurb + "aws: error: the following arguments are required: outfile\n", exitCode: 252),
        Case(line: "iam list-roles --max-items abc", stderr: usageBlurb + "aws: error: argument --max-items: invalid int value: 'abc'\n", exitCode: 252),
        Case(line: "dynamodb put-item --table-name t --item {bad",
             stderr: "\nError parsing parameter '--item': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {bad\n",
             exitCode: 252),
        Case(line: "dynamodb put-item --table-name t --item a=b",
             stderr: "\nParameter validation failed:\nInvalid type for parameter Item.a, value: b, type: <class 'str'>, valid types: <class 'dict'>\n",
             exitCode: 252),
        Case(line: "iam create-role --role-name= --assume-role-policy-document x",
             stderr: "\nParameter validation failed:\nInvalid length for parameter RoleName, value: 0, valid min length: 1\n", exitCode: 252),
        Case(line: "iam create-role --role-name x --assume-role-policy-document file://nonexist.json",
             stderr: "\nError parsing parameter '--assume-role-policy-document': Unable to load paramfile file://nonexist.json: [Errno 2] No such file or directory: 'nonexist.json'\n",
             exitCode: 252),
        Case(line: "iam tag-role --role-name x --tags Key=a,Value=b Key=c",
             stderr: "\nParameter validation failed:\nMissing required parameter in Tags[1]: \"Value\"\n", exitCode: 252),
        Case(line: "iam tag-role --role-name x --tags Key=a,Value=b,Bad=c",
             stderr: "\nParameter validation failed:\nUnknown parameter in Tags[0]: \"Bad\", must be one of: Key, Value\n", exitCode: 252),
        Case(line: "iam tag-role --role-name x --tags Key=a,Value",
             stderr: "\nParameter validation failed:\nMissing required parameter in Tags[0]: \"Value\"\nInvalid type for parameter Tags[0].Key, value: ['a', 'Value'], type: <class 'list'>, valid types: <class 'str'>\n",
             exitCode: 252),
        Case(line: "iam list-roles --query Roles[?",
             stderr: "\nBad value for --query Roles[?: Invalid jmespath expression: Incomplete expression:\n\"Roles[?\"\n        ^\n", exitCode: 252),
        Case(line: "sts assume-role --role-arn a --role-session-name s --duration-seconds abc",
             stderr: "\ninvalid literal for int() with base 10: 'abc'\n", exitCode: 255),
        Case(line: "s3 cp nonexist.txt s3://b/", stderr: "\nThe user-provided path nonexist.txt does not exist.\n", exitCode: 255),
        Case(line: "sts get-caller-identity --endpoint-url foo",
             stderr: "\nBad value for --endpoint-url \"foo\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n", exitCode: 252),
        // awscli v2 raises these as ParamValidationError: v1's words, exit status 252.
        Case(line: "s3 mb b", stderr: "\n<S3Uri>\nError: Invalid argument type\n", exitCode: 252),
        Case(line: "s3 rb s3://b/k", stderr: "\nPlease specify a valid bucket name only. E.g. s3://b\n", exitCode: 252),
        Case(line: "s3 rm b/k", stderr: "\nusage: aws s3 rm <S3Uri>\nError: Invalid argument type\n", exitCode: 252),
        Case(line: "s3 cp a.txt b.txt", stderr: "\nusage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\nError: Invalid argument type\n", exitCode: 252),
        Case(line: "s3 cp a.txt", stderr: usageBlurb + "aws: error: the following arguments are required: paths\n", exitCode: 252),
        Case(line: "s3 rb", stderr: usageBlurb + "aws: error: the following arguments are required: path\n", exitCode: 252),
        Case(line: "sts get-caller-identity --region us_east_1",
             stderr: "\nProvided region_name 'us_east_1' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "iam list-roles --region -", stderr: "\nProvided region_name '-' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "s3 ls --region us-east-1-", stderr: "\nProvided region_name 'us-east-1-' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "s3 rm s3://b/k --dryrun --region us_east_1", stderr: "\nProvided region_name 'us_east_1' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "s3 rb s3://b/k --region bad_region", stderr: "\nProvided region_name 'bad_region' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "iam get-role --role-name x --region 12345", stderr: "\nProvided region_name '12345' doesn't match a supported format.\n", exitCode: 255),
        Case(line: "s3api list-objects-v2 --bucket s3://abc",
             stderr: "\nParameter validation failed:\n" + #"Invalid bucket name "s3://abc": Bucket name must match the regex "^[a-zA-Z0-9.\-_]{1,255}$" or be an ARN matching the regex "^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$""# + "\n",
             exitCode: 252),
        Case(line: "configure set region", stderr: usageBlurb + "aws: error: the following arguments are required: value\n", exitCode: 252),
        // argparse's abbreviations: unique prefixes of an operation's or a global option, and an ambiguous one.
        Case(line: "iam list-roles --pa /x", stderr: usageBlurb + "aws: error: ambiguous option: --pa could match --path-prefix, --page-size\n", exitCode: 252),
        Case(line: "iam list-roles --p x", stderr: "\nThe config profile (x) could not be found\n", exitCode: 253),
        Case(line: "iam get-role --role-n", stderr: usageBlurb + "aws: error: argument --role-name: expected one argument\n", exitCode: 252),
    ]

    @Test(arguments: cases)
    func matchesTheRealCLI(_ testCase: Case) {
        let result = aws(testCase.line)
        #expect(result.stderr == testCase.stderr)
        #expect(result.exitCode == testCase.exitCode)
        #expect(result.stdout == "")
    }

    @Test func unknownOperationListsChoicesAndSuggests() {
        let result = aws("iam lst-roles")
        #expect(result.exitCode == 252)
        #expect(result.stderr.hasPrefix(usageBlurb + "aws: error: argument operation: Invalid choice, valid choices are:\n\n"))
        #expect(result.stderr.contains("add-role-to-instance-profile             | attach-role-policy                      \n"))
        #expect(result.stderr.hasSuffix("\n\n\nInvalid choice: 'lst-roles', maybe you meant:\n\n  * list-roles\n"))
    }

    @Test func unknownServiceSuggestsTheNearest() {
        let result = aws("iamm list-roles")
        #expect(result.stderr.contains("aws: error: argument command: Invalid choice, valid choices are:"))
        #expect(result.stderr.hasSuffix("Invalid choice: 'iamm', maybe you meant:\n\n  * iam\n"))
    }

    @Test func invalidOutputChoice() {
        // aws CLI v2's six formats.
        let result = aws("iam list-roles --output xml")
        #expect(result.stderr == usageBlurb + "aws: error: argument --output: Invalid choice, valid choices are:\n\n"
            + "json                                     | text                                    \n"
            + "table                                    | yaml                                    \n"
            + "yaml-stream                              | off                                     \n")
    }

    @Test func missingRegionForRegionalService() {
        let result = aws("dynamodb list-tables", variables: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])
        #expect(result.stderr == "You must specify a region. You can also configure your region by running \"aws configure\".\n")
        #expect(result.exitCode == 253)
    }

    @Test func noSignRequestSendsNoCredentials() {
        var backend = FakeBackend()
        let result = aws("s3api get-object --bucket b --key k out.txt --no-sign-request", variables: [:], backend: &backend)
        #expect(result.exitCode == 0, "no credentials are looked for: \(result.stderr)")
        #expect(backend.requests.count == 1 && backend.requests[0].credentials == nil)
    }

    @Test func serviceErrorLayout() {
        var backend = FakeBackend()
        backend.reply("GetRole", .failure(ServiceError(code: "NoSuchEntity", message: "The role with name x cannot be found.")))
        let result = aws("iam get-role --role-name x", backend: &backend)
        #expect(result.stderr == "\nAn error occurred (NoSuchEntity) when calling the GetRole operation: The role with name x cannot be found.\n")
        #expect(result.exitCode == 254)
        #expect(result.calls == [ServiceCallRecord(service: "iam", operation: "GetRole", outcome: .failure(code: "NoSuchEntity"), accessKeyID: "AKIALEARNER",
                                                   parameters: .object(pairs: [("RoleName", .string("x"))]))])
        #expect(result.calls.first?.arguments == ["x"])
    }
}
