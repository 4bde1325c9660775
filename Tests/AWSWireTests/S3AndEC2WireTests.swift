import AWSModel
import Foundation
import Testing
@testable import AWSWire

/// S3's and EC2's wire protocols, read from the generated wire model: which operation a request is, its members
/// from the path, query, headers and body, streaming bodies and their checksums, and answers in the shape
/// botocore reads.
@Suite struct S3AndEC2WireTests {
    // MARK: S3's operations by method, path and query

    func match(_ method: String, _ path: String, _ query: [(String, String)] = []) -> (String, [String: String])? {
        RestXML.match(RestXML.Target(method: method, path: path, query: query.map { (name: $0.0, value: $0.1) })).map { ($0.operation.name, $0.labels) }
    }

    @Test func eachRequestIsTheOperationItsOwnQueryNames() {
        #expect(match("GET", "/")?.0 == "ListBuckets")
        #expect(match("GET", "/b", [("list-type", "2"), ("prefix", ""), ("encoding-type", "url")])?.0 == "ListObjectsV2")
        #expect(match("GET", "/b")?.0 == "ListObjects")
        #expect(match("GET", "/b/")?.0 == "ListObjects")
        #expect(match("GET", "/b", [("policy", "")])?.0 == "GetBucketPolicy")
        #expect(match("PUT", "/b", [("policy", "")])?.0 == "PutBucketPolicy")
        #expect(match("PUT", "/b")?.0 == "CreateBucket")
        #expect(match("HEAD", "/b")?.0 == "HeadBucket")
        #expect(match("DELETE", "/b", [("policy", "")])?.0 == "DeleteBucketPolicy")
        // A key is the rest of the path, slashes and encoded characters included, decoded once.
        let object = match("PUT", "/b/dir/a%20b%2Bc.txt", [("x-id", "PutObject")])
        #expect(object?.0 == "PutObject")
        #expect(object?.1 == ["Bucket": "b", "Key": "dir/a b+c.txt"])
        // A subresource the sandbox does not serve is not mistaken for a listing.
        #expect(match("GET", "/b", [("acl", "")]) == nil)
        #expect(match("POST", "/b/k", [("uploads", "")]) == nil)
        #expect(match("GET", "/b/k", [("tagging", "")]) == nil)
        #expect(match("GET", "/b/%ZZ") == nil)
    }

    @Test func membersComeFromThePathQueryHeadersAndBody() throws {
        let operation = try #require(WireModel.s3.operation(named: "PutObject"))
        let parameters = try RestXML.parameters(operation, labels: ["Bucket": "b", "Key": "k"], query: [],
                                                headers: [("Content-Type", "text/plain"), ("x-amz-meta-Team", "blue"), ("Content-Length", "5")],
                                                body: Array("hello".utf8)).get()
        #expect(parameters["Bucket"] == .string("b") && parameters["Key"] == .string("k"))
        #expect(parameters["Body"] == .string("hello"))
        #expect(parameters["ContentType"] == .string("text/plain"))
        #expect(parameters["ContentLength"] == .integer(5))
        #expect(parameters["Metadata"] == .object([.init("team", .string("blue"))]))
        let binary = RestXML.parameters(operation, labels: ["Bucket": "b", "Key": "k"], query: [], headers: [], body: [0xFF, 0xFE, 0x00])
        #expect(throws: ServiceError.self) { try binary.get() }
    }

    /// The body botocore sends with `--create-bucket-configuration LocationConstraint=eu-west-1`, read back, so a
    /// bucket made through the endpoint outside us-east-1 names its Region as S3 requires.
    @Test func aBucketsConfigurationIsReadFromItsXMLBody() throws {
        let operation = try #require(WireModel.s3.operation(named: "CreateBucket"))
        let body = #"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"#
        let parameters = try RestXML.parameters(operation, labels: ["Bucket": "b"], query: [], headers: [], body: Array(body.utf8)).get()
        #expect(parameters["CreateBucketConfiguration"] == .object([.init("LocationConstraint", .string("eu-west-1"))]))
        let empty = try RestXML.parameters(operation, labels: ["Bucket": "b"], query: [], headers: [], body: []).get()
        #expect(empty["CreateBucketConfiguration"] == nil)
        #expect(WireText.xmlUnescaped("a&amp;lt;b &lt;c&gt; &quot;&apos;") == "a&lt;b <c> \"'")
    }

    /// Block Public Access travels as a configuration document both ways: read from the body botocore sends for
    /// `put-public-access-block`, and answered as the document (its root named by the member) for
    /// `get-public-access-block` and `get-bucket-policy-status`, which the aws CLI reads back.
    @Test func publicAccessBlockIsAConfigurationDocumentBothWays() throws {
        #expect(match("GET", "/b", [("publicAccessBlock", "")])?.0 == "GetPublicAccessBlock")
        #expect(match("PUT", "/b", [("publicAccessBlock", "")])?.0 == "PutPublicAccessBlock")
        #expect(match("DELETE", "/b", [("publicAccessBlock", "")])?.0 == "DeletePublicAccessBlock")
        #expect(match("GET", "/b", [("policyStatus", "")])?.0 == "GetBucketPolicyStatus")
        let put = try #require(WireModel.s3.operation(named: "PutPublicAccessBlock"))
        let body = #"<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><BlockPublicPolicy>false</BlockPublicPolicy></PublicAccessBlockConfiguration>"#
        let parameters = try RestXML.parameters(put, labels: ["Bucket": "b"], query: [], headers: [], body: Array(body.utf8)).get()
        #expect(parameters["PublicAccessBlockConfiguration"] == .object([.init("BlockPublicAcls", .bool(true)), .init("BlockPublicPolicy", .bool(false))]))
        let get = try #require(WireModel.s3.operation(named: "GetPublicAccessBlock"))
        let answer = RestXML.response(get, result: .object([.init("PublicAccessBlockConfiguration", .object([
            .init("BlockPublicAcls", .bool(true)), .init("IgnorePublicAcls", .bool(false)),
        ]))]), encodingType: nil)
        #expect(answer.body == #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls></PublicAccessBlockConfiguration>"# + "\n")
        #expect(answer.contentType == "application/xml")
        let status = try #require(WireModel.s3.operation(named: "GetBucketPolicyStatus"))
        #expect(RestXML.response(status, result: .object([.init("PolicyStatus", .object([.init("IsPublic", .bool(true))]))]), encodingType: nil).body
            .contains("<PolicyStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsPublic>true</IsPublic></PolicyStatus>"))
        #expect(ErrorStatus.of("NoSuchPublicAccessBlockConfiguration") == 404)
    }

    @Test func answersPutHeaderMembersInHeadersAndTheRestInXML() throws {
        let head = try #require(WireModel.s3.operation(named: "HeadObject"))
        let answer = RestXML.response(head, result: .object([
            .init("LastModified", .string("2027-01-15T08:00:00+00:00")), .init("ContentLength", .integer(6)),
            .init("ETag", .string("\"abc\"")), .init("ContentType", .string("binary/octet-stream")), .init("Metadata", .object([.init("team", .string("blue"))])),
        ]), encodingType: nil)
        #expect(answer.body.isEmpty)
        #expect(answer.contentType == "binary/octet-stream")
        let headers = Dictionary(answer.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["Last-Modified"] == "Fri, 15 Jan 2027 08:00:00 GMT")
        #expect(headers["Content-Length"] == "6" && headers["ETag"] == "\"abc\"" && headers["x-amz-meta-team"] == "blue")

        let list = try #require(WireModel.s3.operation(named: "ListObjectsV2"))
        let listing = RestXML.response(list, result: .object([
            .init("IsTruncated", .bool(false)),
            .init("Contents", .list([.object([.init("Key", .string("a b/c+d")), .init("Size", .integer(3))])])),
            .init("Name", .string("b")), .init("Prefix", .string("")), .init("KeyCount", .integer(1)),
        ]), encodingType: "url")
        // Contents is a flattened list: one element per object, no wrapper; the key percent-encoded as asked.
        #expect(listing.body.contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsTruncated>false</IsTruncated><Contents><Key>a%20b/c%2Bd</Key><Size>3</Size></Contents><Name>b</Name>"))
        #expect(listing.body.contains("<EncodingType>url</EncodingType><KeyCount>1</KeyCount>"))

        let policy = try #require(WireModel.s3.operation(named: "GetBucketPolicy"))
        #expect(RestXML.response(policy, result: .object([.init("Policy", .string(#"{"Version":"2012-10-17"}"#))]), encodingType: nil).body == #"{"Version":"2012-10-17"}"#)
        let delete = try #require(WireModel.s3.operation(named: "DeleteObject"))
        #expect(RestXML.response(delete, result: .object([]), encodingType: nil).status == 204)
    }

    @Test func errorsAreS3sAndAHeadRequestsIsItsStatusAlone() {
        let missing = RestXML.error(code: "NoSuchKey", message: "The specified key does not exist.", requestID: "r", method: "GET")
        #expect(missing.status == 404 && missing.body.contains("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"))
        #expect(RestXML.error(code: "NoSuchKey", message: "m", requestID: "r", method: "HEAD") == (404, ""))
        #expect(RestXML.error(code: "403", message: "Forbidden", requestID: "r", method: "HEAD") == (403, ""))
    }

    // MARK: Streaming bodies and checksums

    /// AWS's worked example of a chunked upload (S3 API reference, "Signature Calculations for the Authorization
    /// Header: Transferring Payload in Multiple Chunks"): 66,560 bytes of `a` in a 64 KiB chunk, a 1 KiB chunk and
    /// the final empty one, each signature chained from the request's.
    static let exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let exampleSignatures = ["ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                                    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                                    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"]

    static func exampleRequest(signatures: [String] = exampleSignatures, tamper: Bool = false) -> SigV4.Request {
        var body: [UInt8] = []
        for (size, signature) in zip([65_536, 1_024, 0], signatures) {
            body += Array("\(String(size, radix: 16));chunk-signature=\(signature)\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size) + Array("\r\n".utf8)
        }
        if tamper { body[70_000 - 3_500] = UInt8(ascii: "b") }
        return SigV4.Request(method: "PUT", path: "/examplebucket/chunkObject.txt", query: "", headers: [
            ("Host", "s3.amazonaws.com"), ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"), ("Content-Length", "\(body.count)"),
        ], body: body)
    }

    @Test func awsWorkedChunkedExampleIsAcceptedAndDecoded() throws {
        let request = Self.exampleRequest()
        #expect(request.body.count == 66_824)
        let credential = try SigV4.verify(request, now: Date(timeIntervalSince1970: 1_369_353_600)) { _ in Self.exampleSecret }
        let signing = AWSChunked.signing(of: request, credential: credential, secret: Self.exampleSecret)
        let decoded = try AWSChunked.decode(request.body, signing: signing)
        #expect(decoded.data == [UInt8](repeating: UInt8(ascii: "a"), count: 66_560))
        #expect(decoded.trailers.isEmpty)
    }

    @Test func aChangedChunkOrABrokenChainIsRefused() throws {
        let now = Date(timeIntervalSince1970: 1_369_353_600)
        for request in [Self.exampleRequest(tamper: true), Self.exampleRequest(signatures: [Self.exampleSignatures[1], Self.exampleSignatures[0], Self.exampleSignatures[2]])] {
            let credential = try SigV4.verify(request, now: now) { _ in Self.exampleSecret }
            let signing = AWSChunked.signing(of: request, credential: credential, secret: Self.exampleSecret)
            #expect(throws: AWSChunked.Failure.signatureDoesNotMatch) { try AWSChunked.decode(request.body, signing: signing) }
        }
        // Cut short: the final chunk never came.
        let whole = Self.exampleRequest()
        let credential = try SigV4.verify(whole, now: now) { _ in Self.exampleSecret }
        let signing = AWSChunked.signing(of: whole, credential: credential, secret: Self.exampleSecret)
        #expect(throws: AWSChunked.Failure.incompleteBody) { try AWSChunked.decode(Array(whole.body.prefix(66_700)), signing: signing) }
    }

    @Test func anUnsignedStreamCarriesItsChecksumInATrailer() throws {
        let body = Array("c\r\nhello world\n\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n".utf8)
        let decoded = try AWSChunked.decode(body, signing: nil)
        #expect(String(decoding: decoded.data, as: UTF8.self) == "hello world\n")
        #expect(decoded.trailers.map(\.name) == ["x-amz-checksum-crc32"])
        try AWSChunked.verifyChecksums(decoded.data, fields: decoded.trailers)
    }

    /// Checksums as the aws CLI computed them for these bodies (seen on the wire).
    @Test func checksumsAreTheSDKsAndAWrongOneIsBadDigest() throws {
        try AWSChunked.verifyChecksums(Array("hello world\n".utf8), fields: [("x-amz-checksum-crc32", "rwg7LQ==")])
        try AWSChunked.verifyChecksums(Array("hi there".utf8), fields: [("x-amz-checksum-crc32", "46N27A==")])
        // CRC32C of "123456789" is 0xE3069283, the standard check value.
        try AWSChunked.verifyChecksums(Array("123456789".utf8), fields: [("x-amz-checksum-crc32c", "4waSgw==")])
        try AWSChunked.verifyChecksums(Array("hi".utf8), fields: [("Content-MD5", "SfaKXIST7CwL9ImCHCH8Ow==")])
        #expect(throws: AWSChunked.Failure.badDigest("CRC32")) {
            try AWSChunked.verifyChecksums(Array("hello world!".utf8), fields: [("x-amz-checksum-crc32", "rwg7LQ==")])
        }
        #expect(AWSChunked.Failure.badDigest("CRC32").message == "The CRC32 you specified did not match the calculated checksum.")
    }

    // MARK: EC2

    @Test func ec2FormsAreFlattenedAndNamedByTheirQueryNames() throws {
        let form: [(name: String, value: String)] = [
            ("Action", "RunInstances"), ("Version", "2016-11-15"), ("ImageId", "ami-1"), ("MinCount", "1"), ("MaxCount", "1"),
            ("IamInstanceProfile.Name", "AppProfile"), ("MetadataOptions.HttpTokens", "required"),
            ("TagSpecification.1.ResourceType", "instance"), ("TagSpecification.1.Tag.1.Key", "team"), ("TagSpecification.1.Tag.1.Value", "blue"),
        ]
        let (operation, parameters) = try EC2Query.decode(form: form).get()
        #expect(operation == "RunInstances")
        #expect(parameters["ImageId"] == .string("ami-1") && parameters["MinCount"] == .integer(1))
        #expect(parameters["IamInstanceProfile"] == .object([.init("Name", .string("AppProfile"))]))
        #expect(parameters["MetadataOptions"] == .object([.init("HttpTokens", .string("required"))]))
        #expect(parameters["TagSpecifications"] == .list([.object([.init("ResourceType", .string("instance")),
                                                                   .init("Tags", .list([.object([.init("Key", .string("team")), .init("Value", .string("blue"))])]))])]))
        let describe = try EC2Query.decode(form: [("Action", "DescribeInstances"), ("InstanceId.1", "i-1"), ("InstanceId.2", "i-2"),
                                                  ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "running")]).get()
        #expect(describe.parameters["InstanceIds"] == .list([.string("i-1"), .string("i-2")]))
        #expect(describe.parameters["Filters"] == .list([.object([.init("Name", .string("instance-state-name")), .init("Values", .list([.string("running")]))])]))
        #expect(throws: ServiceError.self) { try EC2Query.decode(form: [("Action", "CreateVpc")]).get() }
    }

    @Test func ec2AnswersUseItsElementNamesAndItems() {
        let body = EC2Query.response(operation: "DescribeInstances", result: .object([
            .init("Reservations", .list([.object([.init("ReservationId", .string("r-1")), .init("Instances", .list([.object([
                .init("InstanceId", .string("i-1")), .init("State", .object([.init("Code", .integer(16)), .init("Name", .string("running"))])),
                .init("NotInTheModel", .string("dropped")),
            ])]))])])),
        ]), requestID: "req")
        #expect(body.contains("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item></reservationSet>"))
        #expect(!body.contains("dropped"))
        #expect(EC2Query.error(code: "InvalidInstanceID.NotFound", message: "The instance ID 'i-1' does not exist", requestID: "r")
            .contains("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors><RequestID>r</RequestID></Response>"))
    }
}
