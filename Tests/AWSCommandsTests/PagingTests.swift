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
        let first = aws("iam list-roles --max-items 1 --query Roles[].RoleName --output text", backend: &backend)
        #expect(first.stdout == "a\n")
        let full = aws("iam list-roles --max-items 1", backend: &backend)
        let token = try #require(try PythonJSONParser.parse(full.stdout)["NextToken"]?.stringValue)
        let resumed = aws("iam list-roles --starting-token \(token) --query Roles[].RoleName --output text", backend: &backend)
        #expect(resumed.stdout == "b\n")
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
