import AWSModel
@testable import AWSCommands
import Testing

/// A Region with no endpoint fails to connect, as the real CLI does, naming the URL it would have called. Every
/// expected text is awscli 1.45's on this machine (`aws … --region us-east1`, exit 255; `aws s3` transfers exit 1).
struct EndpointTests {
    struct Case: CustomStringConvertible, Sendable {
        let line: String
        let url: String
        var description: String { line }
    }

    static let unreachable: [Case] = [
        Case(line: "s3api list-buckets", url: "https://s3.us-east1.amazonaws.com/"),
        Case(line: "s3api create-bucket --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1"),
        Case(line: "s3api create-bucket --bucket b1 --create-bucket-configuration LocationConstraint=eu-west-1", url: "https://s3.us-east1.amazonaws.com/b1"),
        Case(line: "s3api delete-bucket --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1"),
        Case(line: "s3api head-bucket --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1"),
        Case(line: "s3api put-bucket-policy --bucket b1 --policy {}", url: "https://s3.us-east1.amazonaws.com/b1?policy"),
        Case(line: "s3api get-bucket-policy --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1?policy"),
        Case(line: "s3api delete-bucket-policy --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1?policy"),
        Case(line: "s3api put-object --bucket b1 --key k", url: "https://s3.us-east1.amazonaws.com/b1/k"),
        Case(line: "s3api get-object --bucket b1 --key k out.txt", url: "https://s3.us-east1.amazonaws.com/b1/k"),
        Case(line: "s3api get-object --bucket b1 --key k --version-id v1 out.txt", url: "https://s3.us-east1.amazonaws.com/b1/k?versionId=v1"),
        Case(line: "s3api head-object --bucket b1 --key k", url: "https://s3.us-east1.amazonaws.com/b1/k"),
        Case(line: "s3api delete-object --bucket b1 --key k", url: "https://s3.us-east1.amazonaws.com/b1/k"),
        Case(line: "s3api list-objects --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1?encoding-type=url"),
        Case(line: "s3api list-objects --bucket b1 --prefix p/ --delimiter /", url: "https://s3.us-east1.amazonaws.com/b1?delimiter=%2F&prefix=p%2F&encoding-type=url"),
        Case(line: "s3api list-objects-v2 --bucket b1", url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&encoding-type=url"),
        Case(line: "s3api list-objects-v2 --bucket b1 --prefix p/ --delimiter /",
             url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&delimiter=%2F&prefix=p%2F&encoding-type=url"),
        Case(line: "s3api list-objects-v2 --bucket b1 --max-keys 5", url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&max-keys=5&encoding-type=url"),
        Case(line: "s3 ls", url: "https://s3.us-east1.amazonaws.com/"),
        Case(line: "s3 ls s3://b1", url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&prefix=&delimiter=%2F&encoding-type=url"),
        Case(line: "s3 ls s3://b1/p/", url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&prefix=p%2F&delimiter=%2F&encoding-type=url"),
        Case(line: "s3 ls s3://b1 --recursive", url: "https://s3.us-east1.amazonaws.com/b1?list-type=2&prefix=&encoding-type=url"),
        Case(line: "lambda list-functions", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions"),
        Case(line: "lambda get-function --function-name f", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f"),
        Case(line: "lambda get-function --function-name f --qualifier 1", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f?Qualifier=1"),
        Case(line: "lambda get-function-configuration --function-name f", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f/configuration"),
        Case(line: "lambda delete-function --function-name f", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f"),
        Case(line: "lambda invoke --function-name f out.json", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f/invocations"),
        Case(line: "lambda invoke --function-name arn:aws:lambda:us-east-1:123456789012:function:f out.json",
             url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/invocations"),
        Case(line: "lambda update-function-configuration --function-name f --timeout 5", url: "https://lambda.us-east1.amazonaws.com/2015-03-31/functions/f/configuration"),
        Case(line: "dynamodb list-tables", url: "https://dynamodb.us-east1.amazonaws.com/"),
        Case(line: "logs describe-log-groups", url: "https://logs.us-east1.amazonaws.com/"),
        Case(line: "cloudformation describe-stacks", url: "https://cloudformation.us-east1.amazonaws.com/"),
        Case(line: "ec2 describe-instances", url: "https://ec2.us-east1.amazonaws.com/"),
        Case(line: "sts get-caller-identity", url: "https://sts.us-east1.amazonaws.com/"),
    ]

    @Test(arguments: unreachable)
    func aMistypedRegionFailsToConnect(_ testCase: Case) {
        var backend = FakeBackend()
        let result = aws(testCase.line + " --region us-east1", backend: &backend)
        #expect(result.stderr == "\nCould not connect to the endpoint URL: \"\(testCase.url)\"\n")
        #expect(result.exitCode == 255)
        #expect(result.stdout == "")
        #expect(backend.requests.isEmpty, "nothing reaches a service")
    }

    @Test func transfersReportTheFailureOnTheirOwnLine() {
        let files = FakeFiles(files: ["a.txt": "hello"])
        let cases: [(line: String, stderr: String)] = [
            ("s3 mb s3://b1", "make_bucket failed: s3://b1 Could not connect to the endpoint URL: \"https://s3.us-east1.amazonaws.com/b1\"\n"),
            ("s3 rb s3://b1", "remove_bucket failed: s3://b1 Could not connect to the endpoint URL: \"https://s3.us-east1.amazonaws.com/b1\"\n"),
            ("s3 cp a.txt s3://b1/x/", "upload failed: ./a.txt to s3://b1/x/a.txt Could not connect to the endpoint URL: \"https://s3.us-east1.amazonaws.com/b1/x/a.txt\"\n"),
            ("s3 cp s3://b1/k ./o.txt", "fatal error: Could not connect to the endpoint URL: \"https://s3.us-east1.amazonaws.com/b1/k\"\n"),
            ("s3 rm s3://b1/k", "delete failed: s3://b1/k Could not connect to the endpoint URL: \"https://s3.us-east1.amazonaws.com/b1/k\"\n"),
        ]
        for (line, stderr) in cases {
            var backend = FakeBackend()
            let result = aws(line + " --region us-east1", files: files, backend: &backend)
            #expect(result.stderr == stderr, "\(line)")
            #expect(result.exitCode == 1, "\(line)")
            #expect(backend.requests.isEmpty)
        }
    }

    @Test func iamIsGlobalSoAnyRegionOfItsPartitionReachesIt() {
        var backend = FakeBackend()
        let result = aws("iam list-roles --region us-east1", backend: &backend)
        #expect(result.exitCode == 0)
        #expect(backend.requests.map(\.operation) == ["ListRoles"])
    }

    @Test func everyRealRegionOfTheLearnersPartitionIsReachable() {
        for region in AWSPartition.learners.regions.sorted() {
            var backend = FakeBackend()
            let result = aws("sts get-caller-identity --region \(region)", backend: &backend)
            #expect(result.exitCode == 0, "\(region)")
            #expect(backend.requests.first?.region == region)
        }
    }

    /// The hosts awscli 1.45 names for other partitions' Regions, real and made up; those that exist are reached.
    @Test func otherPartitionsHostsAreBotocores() {
        let cases: [(line: String, url: String?)] = [
            ("sts get-caller-identity --region cn-foo-1", "https://sts.cn-foo-1.amazonaws.com.cn/"),
            ("s3 ls --region us-gov-foo-1", "https://s3.us-gov-foo-1.amazonaws.com/"),
            ("iam list-roles --region us-iso-east-1", "https://iam.us-iso-east-1.c2s.ic.gov/"),
            ("lambda list-functions --region us-iso-east-1", "https://lambda.us-iso-east-1.c2s.ic.gov/2015-03-31/functions"),
            ("iam list-roles --region eu-west-9", nil),
            // China's and GovCloud's real Regions answer (and do not know the learner's keys: the sandbox says so).
            ("sts get-caller-identity --region cn-north-1", nil),
            ("iam list-roles --region us-gov-west-1", nil),
            // IAM has one endpoint per partition (awscli names iam.cn-north-1.amazonaws.com.cn for cn-foo-1), and it answers.
            ("iam list-roles --region cn-foo-1", nil),
            ("iam list-roles --region us-gov-foo-1", nil),
        ]
        for (line, url) in cases {
            var backend = FakeBackend()
            let result = aws(line, backend: &backend)
            if let url {
                #expect(result.stderr == "\nCould not connect to the endpoint URL: \"\(url)\"\n", "\(line)")
            } else {
                #expect(result.exitCode == 0, "\(line)")
                #expect(backend.requests.count == 1, "\(line)")
            }
        }
    }

    @Test func theRegionsFormatIsCheckedBeforeTheParameters() {
        let result = aws("iam get-role --role-name= --region us_east_1")
        #expect(result.stderr == "\nProvided region_name 'us_east_1' doesn't match a supported format.\n")
    }

    @Test func parametersAreCheckedBeforeTheEndpoint() {
        let result = aws("iam create-role --role-name= --assume-role-policy-document x --region cn-foo-1")
        #expect(result.stderr == "\nParameter validation failed:\nInvalid length for parameter RoleName, value: 0, valid min length: 1\n")
    }
}
