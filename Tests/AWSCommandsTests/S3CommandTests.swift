import AWSModel
@testable import AWSCommands
import Testing

struct S3CommandTests {
    @Test func makeAndRemoveBucket() {
        var backend = FakeBackend()
        #expect(aws("s3 mb s3://course-bucket", backend: &backend).stdout == "make_bucket: course-bucket\n")
        #expect(backend.requests[0].parameters == ["Bucket": "course-bucket"])
        #expect(aws("s3 rb s3://course-bucket", backend: &backend).stdout == "remove_bucket: course-bucket\n")
        #expect(backend.requests[1].operation == "DeleteBucket")
    }

    @Test func makeBucketOutsideUSEast1SendsALocation() {
        var backend = FakeBackend()
        _ = aws("s3 mb s3://b --region eu-west-1", backend: &backend)
        #expect(backend.requests[0].parameters == ["Bucket": "b", "CreateBucketConfiguration": ["LocationConstraint": "eu-west-1"]])
    }

    @Test func makeBucketFailureIsPrintedWithExitOne() {
        var backend = FakeBackend()
        backend.reply("CreateBucket", .failure(ServiceError(code: "BucketAlreadyExists", message: "The requested bucket name is not available.")))
        let result = aws("s3 mb s3://taken", backend: &backend)
        #expect(result.stderr == "make_bucket failed: s3://taken An error occurred (BucketAlreadyExists) when calling the CreateBucket operation: The requested bucket name is not available.\n")
        #expect(result.exitCode == 1)
    }

    @Test func uploadAndDownload() {
        var backend = FakeBackend()
        let files = FakeFiles(files: ["a.txt": "hello"])
        let upload = aws("s3 cp a.txt s3://b/", files: files, backend: &backend)
        #expect(upload.stdout == "upload: ./a.txt to s3://b/a.txt\n")
        #expect(backend.requests[0].parameters == ["Bucket": "b", "Key": "a.txt", "Body": "hello", "ContentType": "text/plain", "ChecksumCRC32": "NhCmhg=="])
        backend.reply("GetObject", .success(["Body": "hello", "ContentLength": 5]))
        let download = aws("s3 cp s3://b/docs/a.txt .", backend: &backend)
        #expect(download.stdout == "download: s3://b/docs/a.txt to ./a.txt\n")
        #expect(download.writtenFiles == [WrittenFile(path: "./a.txt", contents: "hello", makesFolders: true)], "a download makes its folders; a redirection does not")
    }

    /// A folder without --recursive is one failed upload, in awscli 1.45's words (it names the absolute path, which
    /// the sandbox's folder has not got).
    @Test func aFolderWithoutRecursiveFailsAsTheCLIFails() {
        var backend = FakeBackend()
        let files = FakeFiles(files: ["d/a.txt": "1"])
        let named = aws("s3 cp d s3://b/x/", files: files, backend: &backend)
        #expect(named.stderr == "upload failed: d/ to s3://b/x/ [Errno 21] Is a directory: 'd/'\n")
        #expect(named.exitCode == 1)
        let unnamed = aws("s3 cp d s3://b/", files: files, backend: &backend)
        #expect(unnamed.stderr == "upload failed: d/ to s3://b/ Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1\n")
        #expect(backend.requests.isEmpty)
    }

    @Test func deniedUploadReportsTheFailureLine() {
        var backend = FakeBackend()
        backend.reply("PutObject", .failure(ServiceError(code: "AccessDenied", message: "Access Denied")))
        let result = aws("s3 cp a.txt s3://b/a.txt", files: FakeFiles(files: ["a.txt": "x"]), backend: &backend)
        #expect(result.stderr == "upload failed: ./a.txt to s3://b/a.txt An error occurred (AccessDenied) when calling the PutObject operation: Access Denied\n")
        #expect(result.exitCode == 1)
        #expect(result.calls.map { [$0.service, $0.operation, $0.accessKeyID] } == [["s3", "PutObject", "AKIALEARNER"]])
        #expect(result.calls.first?.outcome == .failure(code: "AccessDenied"))
        #expect(result.calls.first?.names("a.txt") == true, "the call names its key")
    }

    @Test func listsBucketsAndObjects() {
        var backend = FakeBackend()
        backend.reply("ListBuckets", .success(["Buckets": [["Name": "b", "CreationDate": "2026-11-28T23:00:00+00:00"]]]))
        #expect(aws("s3 ls", backend: &backend).stdout == "2026-11-28 23:00:00 b\n")
        backend.reply("ListObjectsV2", .success([
            "IsTruncated": false,
            "Contents": [["Key": "a.txt", "LastModified": "2026-11-28T23:01:02+00:00", "Size": 5]],
            "CommonPrefixes": [["Prefix": "logs/"]],
        ]))
        let listing = aws("s3 ls s3://b --summarize", backend: &backend)
        #expect(listing.stdout == """
                                       PRE logs/
            2026-11-28 23:01:02          5 a.txt

            Total Objects: 1
               Total Size: 5

            """)
        #expect(backend.requests.last?.parameters == ["Bucket": "b", "Prefix": "", "Delimiter": "/"])
    }

    /// `aws s3 rm s3://bucket` without a key or --recursive names no object: the CLI deletes and prints nothing
    /// (RoleCall printed `delete: s3://bucket/`).
    /// `aws s3` is an awscli customization: an unknown option is its ParamValidationError, with no usage blurb.
    @Test func unknownOptionsOfS3AreAParameterError() {
        let result = aws("s3 ls s3://b --bogus")
        #expect(result.exitCode == 252)
        #expect(result.stderr == "\nUnknown options: --bogus\n")
    }

    @Test func removingABucketPathWithoutRecursiveDoesNothing() {
        var backend = FakeBackend()
        let result = aws("s3 rm s3://b", backend: &backend)
        #expect(result.exitCode == 0)
        #expect(result.stdout.isEmpty)
        #expect(!backend.requests.contains { $0.operation == "DeleteObject" })
    }

    @Test func recursiveRemoveDeletesEveryKey() {
        var backend = FakeBackend()
        backend.reply("ListObjectsV2", .success(["IsTruncated": false, "Contents": [["Key": "d/1"], ["Key": "d/2"]]]))
        let result = aws("s3 rm s3://b/d --recursive", backend: &backend)
        #expect(result.stdout == "delete: s3://b/d/1\ndelete: s3://b/d/2\n")
        #expect(backend.requests.map(\.operation) == ["ListObjectsV2", "DeleteObject", "DeleteObject"])
    }

    @Test func missingObjectDownloadLooksLikeHeadObject() {
        var backend = FakeBackend()
        backend.reply("GetObject", .failure(ServiceError(code: "NoSuchKey", message: "The specified key does not exist.")))
        let result = aws("s3 cp s3://b/nope.txt .", backend: &backend)
        #expect(result.stderr == "fatal error: An error occurred (404) when calling the HeadObject operation: Key \"nope.txt\" does not exist\n")
        #expect(result.exitCode == 1)
        // A missing bucket is the same 404 to HeadObject, worded the same way by the CLI.
        var noBucket = FakeBackend()
        noBucket.reply("GetObject", .failure(ServiceError(code: "NoSuchBucket", message: "The specified bucket does not exist")))
        #expect(aws("s3 cp s3://no-such-bucket/f.txt g.txt", backend: &noBucket).stderr
                == "fatal error: An error occurred (404) when calling the HeadObject operation: Key \"f.txt\" does not exist\n")
    }
}
