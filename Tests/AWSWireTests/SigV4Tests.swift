import Foundation
import Testing
@testable import AWSWire

/// The verifier accepts what botocore (the aws CLI's and boto3's signer) signs, and refuses every change to it.
@Suite struct SigV4Tests {
    struct Vectors: Decodable {
        struct Vector: Decodable {
            var name: String
            var method: String
            var path: String
            var query: String
            var headers: [[String]]
            var body: String
        }
        var accessKey: String
        var secret: String
        var now: String
        var vectors: [Vector]
    }

    static let fixture: Vectors = {
        let url = Bundle.module.url(forResource: "Fixtures/sigv4-vectors", withExtension: "json")!
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }()

    static var now: Date { SigV4.Timestamp.date(from: fixture.now)! }

    static func request(_ vector: Vectors.Vector) -> SigV4.Request {
        SigV4.Request(method: vector.method, path: vector.path, query: vector.query,
                      headers: vector.headers.map { ($0[0], $0[1]) }, body: Array(vector.body.utf8))
    }

    static func secret(_ key: String) -> String? { key == fixture.accessKey ? fixture.secret : nil }

    @Test(arguments: fixture.vectors.map(\.name)) func acceptsWhatBotocoreSigned(_ name: String) throws {
        let vector = try #require(Self.fixture.vectors.first { $0.name == name })
        let credential = try SigV4.verify(Self.request(vector), now: Self.now, secret: Self.secret)
        #expect(credential.accessKey == Self.fixture.accessKey)
    }

    @Test(arguments: fixture.vectors.map(\.name)) func refusesAnyChange(_ name: String) throws {
        let vector = try #require(Self.fixture.vectors.first { $0.name == name })
        let original = Self.request(vector)
        var tampered: [(String, SigV4.Request)] = []
        var body = original
        body.body += Array("x".utf8)
        if original.values("x-amz-content-sha256").isEmpty {
            tampered.append(("the body", body))
        } else {
            if original.values("x-amz-content-sha256") == ["UNSIGNED-PAYLOAD"] {
                // The client chose not to sign the body: any body is taken (TLS and checksums guard it on AWS).
                try SigV4.verify(body, now: Self.now, secret: Self.secret)
            } else {
                // S3 signs the hash the client declares: a body that is not the declared one is its own error.
                #expect(throws: SigV4.Failure.contentSHA256Mismatch) { try SigV4.verify(body, now: Self.now, secret: Self.secret) }
            }
            var declared = body
            declared.headers = declared.headers.map { $0.name.lowercased() == "x-amz-content-sha256" ? ($0.name, String(repeating: "0", count: 64)) : $0 }
            tampered.append(("the declared hash", declared))
        }
        var path = original
        path.path += "x"
        tampered.append(("the path", path))
        var query = original
        query.query += query.query.isEmpty ? "extra=1" : "&extra=1"
        tampered.append(("the query", query))
        var host = original
        host.headers = host.headers.map { $0.name.lowercased() == "host" ? ($0.name, "127.0.0.1:4567") : $0 }
        tampered.append(("a signed header", host))
        var method = original
        method.method = original.method == "POST" ? "PUT" : "POST"
        tampered.append(("the method", method))
        for (what, request) in tampered {
            #expect(throws: SigV4.Failure.signatureDoesNotMatch, "changing \(what)") {
                try SigV4.verify(request, now: Self.now, secret: Self.secret)
            }
        }
        #expect(throws: SigV4.Failure.signatureDoesNotMatch, "another secret") {
            try SigV4.verify(original, now: Self.now) { _ in "not-the-secret" }
        }
        #expect(throws: SigV4.Failure.invalidClientTokenId, "an unknown key") {
            try SigV4.verify(original, now: Self.now) { _ in nil }
        }
    }

    @Test func anUnsignedHeaderMayChangeAndAClockFarOffIsRefused() throws {
        let vector = Self.fixture.vectors[0]
        var request = Self.request(vector)
        request.headers.append(("User-Agent", "aws-cli/2.22"))
        try SigV4.verify(request, now: Self.now, secret: Self.secret)
        try SigV4.verify(request, now: Self.now.addingTimeInterval(14 * 60), secret: Self.secret)
        #expect(throws: SigV4.Failure.requestTimeTooSkewed(requestTime: "20261130T120000Z", serverTime: "20261130T121600Z")) {
            try SigV4.verify(request, now: Self.now.addingTimeInterval(16 * 60), secret: Self.secret)
        }
    }

    @Test func aMissingOrMalformedHeaderSaysSoInAWSsWords() {
        let bare = SigV4.Request(method: "POST", path: "/", query: "", headers: [("Host", "x")], body: [])
        #expect(throws: SigV4.Failure.missingAuthentication) { try SigV4.verify(bare, now: Self.now, secret: Self.secret) }
        var basic = bare
        basic.headers.append(("Authorization", "Basic dXNlcjpwYXNz"))
        #expect(throws: SigV4.Failure.incompleteSignature("Authorization header requires 'AWS4-HMAC-SHA256' as its algorithm.")) {
            try SigV4.verify(basic, now: Self.now, secret: Self.secret)
        }
        var partial = bare
        partial.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/iam/aws4_request"))
        #expect(throws: SigV4.Failure.self) { try SigV4.verify(partial, now: Self.now, secret: Self.secret) }
    }

    @Test func pathsAreNormalisedAndEncodedAsTheSDKsSignThem() {
        #expect(SigV4.canonicalPath("/a/./b/../c//d/", service: "lambda") == "/a/c/d/")
        #expect(SigV4.canonicalPath("/2015-03-31/functions/arn%3Aaws/x", service: "lambda") == "/2015-03-31/functions/arn%253Aaws/x")
        #expect(SigV4.canonicalPath("/bucket/a%20b/../c", service: "s3") == "/bucket/a%20b/../c", "S3 signs the path as sent")
        #expect(SigV4.canonicalQuery("b=2&a=3&a=1&c") == "a=1&a=3&b=2&c=")
        #expect(SigV4.canonicalQuery("prefix=a%20b%2Fc") == "prefix=a%20b%2Fc")
    }

    /// One reading of a query string for every protocol: fields in order, decoded, malformed ones kept as written.
    @Test func queryStringsAreReadIntoFieldsInOrder() {
        let fields = WireText.fields("b=x%20y&a=1&&flag&d=e+f&bad=%zz")
        #expect(fields.map(\.name) == ["b", "a", "flag", "d", "bad"])
        #expect(fields.map(\.value) == ["x y", "1", "", "e+f", "%zz"])
        #expect(WireText.fields("d=e+f", plusIsSpace: true).first?.value == "e f")
        #expect(WireText.fields("").isEmpty)
    }
}
