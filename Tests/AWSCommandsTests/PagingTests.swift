import AWSModel
@testable import AWSCommands
import Testing

struct PagingTests {
    @Test func followsMarkersAndPrintsOnlyTheResultKeys() {
        var backend = FakeBackend()
        backend.reply("ListRoles",
                      .success(["Roles": [["RoleName": "a"]], "IsTruncated": true, "Marker": "m1"]),
                      .success(["Roles": [["RoleName": "b"]], "IsTruncated": false]))
        let result = aws("iam list-roles --output text", backend: &backend)
        #expect(result.stdout == "ROLES\ta\nROLES\tb\n")
        #expect(backend.requests.map { $0.parameters["Marker"] } == [nil, "m1"])
    }

    @Test func nonAggregateKeysAreKeptEvenWhenMissing() {
        var backend = FakeBackend()
        backend.reply("ListObjectsV2", .success(["IsTruncated": false, "Name": "b", "Prefix": "", "KeyCount": 0]))
        let result = aws("s3api list-objects-v2 --bucket b", backend: &backend)
        #expect(result.stdout == "{\n    \"RequestCharged\": null,\n    \"Prefix\": \"\"\n}\n")
    }

    @Test func maxItemsTruncatesAndReturnsAResumeToken() throws {
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": [["RoleName": "a"], ["RoleName": "b"]], "IsTruncated": false]))
        // awscli's text output queries the resume token's own section too, which prints None (checked against
        // awscli 1.45 through `rolecall serve`); without a query it is `NEXTTOKEN<tab>…`, last.
        let first = aws("iam list-roles --max-items 1 --query Roles[].RoleName --output text", backend: &backend)
        #expect(first.stdout == "a\nNone\n")
        let text = aws("iam list-roles --max-items 1 --output text", backend: &backend)
        #expect(text.stdout.hasPrefix("ROLES\ta\n") && text.stdout.contains("\nNEXTTOKEN\t"), "\(text.stdout)")
        let full = aws("iam list-roles --max-items 1", backend: &backend)
        let token = try #require(try PythonJSONParser.parse(full.stdout)["NextToken"]?.stringValue)
        let resumed = aws("iam list-roles --starting-token \(token) --query Roles[].RoleName --output text", backend: &backend)
        #expect(resumed.stdout == "b\n")
    }

    /// A non-positive --max-items crashed RoleCall (a negative prefix). awscli warns and botocore keeps
    /// `items[:amount]`, Python's slice: -1 drops the last item, 0 keeps none and hands out a token.
    @Test func nonPositiveMaxItemsWarnAndSliceAsPythonDoes() throws {
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": [["RoleName": "a"], ["RoleName": "b"], ["RoleName": "c"]], "IsTruncated": false]))
        let warning = "warning: Non-positive values for --max-items may result in undefined behavior.\n"
        let dropLast = aws("iam list-roles --max-items -1 --query Roles[].RoleName --output text", backend: &backend)
        #expect(dropLast.exitCode == 0)
        #expect(dropLast.stdout == "a\tb\nNone\n")
        #expect(dropLast.stderr == warning)
        #expect(aws("iam list-roles --max-items -7 --query Roles[].RoleName", backend: &backend).stdout == "[]\n")
        let none = aws("iam list-roles --max-items 0", backend: &backend)
        #expect(none.stderr == warning)
        #expect(try PythonJSONParser.parse(none.stdout)["NextToken"]?.stringValue != nil)
        // The page size goes into each call, and botocore checks it there.
        let pageSize = aws("iam list-roles --page-size 0", backend: &backend)
        #expect(pageSize.exitCode == 252)
        #expect(pageSize.stderr.contains("Invalid value for parameter MaxItems, value: 0, valid min value: 1"))
    }

    /// With --no-paginate, awscli refuses the paging options it added, and a --max-items that stood for the
    /// model's own MaxItems (IAM) is sent as that member.
    @Test func noPaginateRefusesPagingOptionsAndSendsTheModelsMaxItems() {
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": [["RoleName": "a"]], "IsTruncated": true, "Marker": "m"]))
        let refused = aws("iam list-roles --no-paginate --page-size 2", backend: &backend)
        #expect(refused.exitCode == 252, "v2's status for it, as its own tests expect")
        #expect(refused.stderr == "\nError during pagination: Cannot specify --no-paginate along with pagination arguments: --page-size\n")
        let sent = aws("iam list-roles --no-paginate --max-items 1", backend: &backend)
        #expect(sent.exitCode == 0)
        #expect(backend.requests.last?.parameters["MaxItems"] == 1)
        #expect(sent.stdout.contains("\"Marker\": \"m\""))
        #expect(aws("dynamodb scan --table-name t --no-paginate --max-items 2", backend: &backend).stderr.contains("pagination arguments: --max-items"))
    }

    @Test func noPaginateShowsTheRawPage() {
        var backend = FakeBackend()
        backend.reply("ListRoles", .success(["Roles": [], "IsTruncated": false]))
        #expect(aws("iam list-roles --no-paginate", backend: &backend).stdout == "{\n    \"Roles\": [],\n    \"IsTruncated\": false\n}\n")
    }

    @Test func outfileReceivesTheStreamedMember() {
        var backend = FakeBackend()
        backend.reply("GetObject", .success(["Body": "data", "ContentLength": 4, "ContentType": "text/plain"]))
        let result = aws("s3api get-object --bucket b --key k out.txt", backend: &backend)
        #expect(result.writtenFiles == [WrittenFile(path: "out.txt", contents: "data")])
        #expect(result.stdout == "{\n    \"ContentLength\": 4,\n    \"ContentType\": \"text/plain\"\n}\n")
    }
}
