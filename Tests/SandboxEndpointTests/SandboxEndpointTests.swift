import AWSCommands
import AWSModel
import AWSWire
import Foundation
import SandboxEndpoint
import SandboxShell
import Testing

/// The endpoint without HTTP: requests signed here as the SDKs sign them, answers in each protocol's shape, and
/// every malformed request a clear error in that shape, never a crash.
@Suite struct SandboxEndpointTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func endpoint() -> SandboxEndpoint {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-endpoint-\(UUID().uuidString)/sandbox.json").path
        return SandboxEndpoint(state: .initial(), statePath: path, now: { now })
    }

    /// A request signed with the key and secret given, as botocore signs it.
    static func signed(service: String, body: String, headers: [(String, String)] = [], key: String, secret: String) -> SigV4.Request {
        let timestamp = "20270115T080000Z"
        var request = SigV4.Request(method: "POST", path: "/", query: "",
                                    headers: [("Host", "127.0.0.1:4566"), ("X-Amz-Date", timestamp)] + headers.map { ($0.0, $0.1) }, body: Array(body.utf8))
        var credential = SigV4.Credential(accessKey: key, date: "20270115", region: "us-east-1", service: service,
                                          signedHeaders: ["host", "x-amz-date"] + headers.map { $0.0.lowercased() }.sorted(), signature: "")
        credential.signedHeaders.sort()
        let signature = SigV4.signature(of: request, credential: credential, timestamp: timestamp, secret: secret)
        request.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(key)/20270115/us-east-1/\(service)/aws4_request, SignedHeaders=\(credential.signedHeaders.joined(separator: ";")), Signature=\(signature)"))
        return request
    }

    @Test func aSignedQueryRequestIsAnsweredInXMLAndAMissingRoleInItsErrorShape() async throws {
        let endpoint = Self.endpoint()
        let keys = await endpoint.learnerCredentials
        let who = await endpoint.handle(Self.signed(service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15", key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(who.status == 200)
        #expect(who.body.contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"))
        #expect(who.body.contains("<Arn>arn:aws:iam::123456789012:user/learner</Arn>"))
        let missing = await endpoint.handle(Self.signed(service: "iam", body: "Action=GetRole&Version=2010-05-08&RoleName=Nope", key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(missing.status == 404)
        #expect(missing.body.contains("<Error><Type>Sender</Type><Code>NoSuchEntity</Code>"))
    }

    @Test func malformedRequestsGetAWSsErrorsNotACrash() async throws {
        let endpoint = Self.endpoint()
        let keys = await endpoint.learnerCredentials
        let unsigned = await endpoint.handle(SigV4.Request(method: "POST", path: "/", query: "", headers: [], body: []))
        #expect(unsigned.status == 403 && unsigned.body.contains("<Code>MissingAuthenticationToken</Code>"))
        let garbage = await endpoint.handle(SigV4.Request(method: "POST", path: "/", query: "", headers: [("Authorization", "AWS4-HMAC-SHA256 Credential=x")], body: []))
        #expect(garbage.body.contains("<Code>IncompleteSignature</Code>"))
        for body in ["", "Version=2010-05-08", "Action=NoSuchThing&Version=2010-05-08", "Action=GetRole&Version=2010-05-08&RoleName=%ZZ&&&==",
                     "Action=CreateRole&Version=2010-05-08&RoleName=a&AssumeRolePolicyDocument=%3C%26%3E&Tags.member.9.Key=x&MaxSessionDuration=lots"] {
            let reply = await endpoint.handle(Self.signed(service: "iam", body: body, key: keys.accessKeyID, secret: keys.secretAccessKey))
            #expect(reply.status >= 400, "\(body): \(reply.body)")
            #expect(reply.body.contains("<ErrorResponse"), "\(body): \(reply.body)")
        }
        let json = [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.GetItem")]
        let notJSON = await endpoint.handle(Self.signed(service: "dynamodb", body: "{not json", headers: json, key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(notJSON.status == 400 && notJSON.body.contains(#""__type":"com.amazonaws.dynamodb.v20120810#SerializationException""#))
        let wrongTarget = await endpoint.handle(Self.signed(service: "dynamodb", body: "{}", headers: [("X-Amz-Target", "Logs_20140328.DescribeLogGroups")],
                                                            key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(wrongTarget.body.contains("UnknownOperationException"))
        let unknownService = await endpoint.handle(Self.signed(service: "sqs", body: "Action=ListQueues", key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(unknownService.status == 501 && unknownService.body.contains("<Code>NotImplemented</Code><Message>The sandbox does not simulate sqs"))
        // EC2 in its own error shape.
        let badAction = await endpoint.handle(Self.signed(service: "ec2", body: "Action=CreateVpc&Version=2016-11-15", key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(badAction.status == 400 && badAction.body.contains("<Response><Errors><Error><Code>InvalidAction</Code>"))
    }

    @Test func theQueryProtocolsFlattenedMembersAreReadByTheirShapes() throws {
        let form: [(name: String, value: String)] = [
            ("Action", "CreateRole"), ("Version", "2010-05-08"), ("RoleName", "R"), ("AssumeRolePolicyDocument", "{}"),
            ("MaxSessionDuration", "7200"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "blue"), ("Tags.member.2.Key", "env"), ("Tags.member.2.Value", "lab"),
        ]
        let (operation, parameters) = try QueryRequests.decode(service: "iam", form: form).get()
        #expect(operation == "CreateRole")
        #expect(parameters == .object([
            .init("RoleName", .string("R")), .init("AssumeRolePolicyDocument", .string("{}")), .init("MaxSessionDuration", .integer(7200)),
            .init("Tags", .list([.object([.init("Key", .string("team")), .init("Value", .string("blue"))]),
                                 .object([.init("Key", .string("env")), .init("Value", .string("lab"))])])),
        ]))
        let empty = try QueryRequests.decode(service: "iam", form: [("Action", "ListRoles"), ("Version", "2010-05-08")]).get()
        #expect(empty.parameters == .object([]))
    }

    @Test func xmlIsEscapedAndDocumentsGoAsURLEncodedJSON() {
        let text = QueryXML.response(service: "iam", operation: "GetRole", result: .object([
            .init("Role", .object([.init("Description", .string("a < b & \"c\"")),
                                   .init("AssumeRolePolicyDocument", .object([.init("Version", .string("2012-10-17"))]))])),
        ]), requestID: "r")
        #expect(text.contains("<Description>a &lt; b &amp; &quot;c&quot;</Description>"))
        #expect(text.contains("<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>"))
    }

    @Test func anUnknownKeyIsRefusedInItsServicesWordsBeforeTheRequestIsRead() async throws {
        let endpoint = Self.endpoint()
        // A form of 50,000 fields: refused at once, and in the query protocol's shape.
        let huge = "Action=CreateRole&Version=2010-05-08&" + (1...50_000).map { "Tags.member.\($0).Key=k" }.joined(separator: "&")
        let iam = await endpoint.handle(Self.signed(service: "iam", body: huge, key: "AKIANOTASANDBOXKEY00", secret: "x"))
        #expect(iam.status == 403 && iam.body.contains("<Code>InvalidClientTokenId</Code>"))
        let json = [("X-Amz-Target", "DynamoDB_20120810.ListTables")]
        let dynamodb = await endpoint.handle(Self.signed(service: "dynamodb", body: "{}", headers: json, key: "AKIANOTASANDBOXKEY00", secret: "x"))
        #expect(dynamodb.body.contains("UnrecognizedClientException"))
    }

    @Test func aLargeFormIsReadWhole() throws {
        var form: [(name: String, value: String)] = [("Action", "CreateRole"), ("Version", "2010-05-08"), ("RoleName", "R")]
        for index in 1...5_000 {
            form += [("Tags.member.\(index).Key", "k\(index)"), ("Tags.member.\(index).Value", "v")]
        }
        let (_, parameters) = try QueryRequests.decode(service: "iam", form: form).get()
        guard case .object(let members) = parameters, case .list(let tags)? = members.first(where: { $0.key == "Tags" })?.value else {
            Issue.record("no tags in \(parameters)"); return
        }
        #expect(tags.count == 5_000)
        #expect(tags.last == .object([.init("Key", .string("k5000")), .init("Value", .string("v"))]))
    }

    @Test func aCredentialScopedToAnotherDayIsRefusedSayingWhy() async throws {
        let endpoint = Self.endpoint()
        let keys = await endpoint.learnerCredentials
        var request = Self.signed(service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15", key: keys.accessKeyID, secret: keys.secretAccessKey)
        request.headers = request.headers.map { $0.name == "Authorization" ? ($0.name, $0.value.replacingOccurrences(of: "/20270115/", with: "/20270114/")) : $0 }
        let reply = await endpoint.handle(request)
        #expect(reply.status == 403)
        #expect(reply.body.contains("<Code>SignatureDoesNotMatch</Code><Message>Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20270114' != '20270115', from '20270115T080000Z'.</Message>"))
    }

    @Test func aChangeThatCannotBeSavedIsNotMadeAndTheServerSaysSo() async throws {
        // The state file's folder is a file: every save fails.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-blocker-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let heard = Heard()
        let endpoint = SandboxEndpoint(state: .initial(), statePath: blocker + "/sandbox.json", now: { Self.now }, report: { heard.add($0) })
        let keys = await endpoint.learnerCredentials
        let trust = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
        for _ in 1...2 {
            let create = await endpoint.handle(Self.signed(service: "iam", body: "Action=CreateRole&Version=2010-05-08&RoleName=R&AssumeRolePolicyDocument=\(trust)",
                                                           key: keys.accessKeyID, secret: keys.secretAccessKey))
            #expect(create.status == 503 && create.body.contains("<Code>ServiceUnavailable</Code>"), "\(create.body)")
            #expect(create.body.contains("could not save this change, so it was not made"))
        }
        let get = await endpoint.handle(Self.signed(service: "iam", body: "Action=GetRole&Version=2010-05-08&RoleName=R", key: keys.accessKeyID, secret: keys.secretAccessKey))
        #expect(get.body.contains("<Code>NoSuchEntity</Code>"))
        #expect(heard.lines.count == 1, "said once per run of failures: \(heard.lines)")
    }

    @Test func xmlNeverCarriesACharacterAParserRefuses() {
        #expect(QueryXML.escaped("a\u{01}b\u{1B}[0m\tc\nd\re") == "ab[0m\tc\nd&#xD;e")
    }

    @Test func aWrongSignatureIsNamedAsEachServiceNamesIt() async throws {
        let endpoint = Self.endpoint()
        let keys = await endpoint.learnerCredentials
        let dynamodb = await endpoint.handle(Self.signed(service: "dynamodb", body: "{}", headers: [("X-Amz-Target", "DynamoDB_20120810.ListTables")],
                                                         key: keys.accessKeyID, secret: "not-the-secret"))
        #expect(dynamodb.status == 400 && dynamodb.body.contains("#InvalidSignatureException"))
        let ec2 = await endpoint.handle(Self.signed(service: "ec2", body: "Action=DescribeInstances&Version=2016-11-15", key: keys.accessKeyID, secret: "not-the-secret"))
        #expect(ec2.status == 401 && ec2.body.contains("<Code>AuthFailure</Code>"))
        let sts = await endpoint.handle(Self.signed(service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15", key: keys.accessKeyID, secret: "not-the-secret"))
        #expect(sts.status == 403 && sts.body.contains("<Code>SignatureDoesNotMatch</Code>"))
    }
}

/// Lines a reporter heard, from any thread.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var heard: [String] = []
    func add(_ line: String) { lock.withLock { heard.append(line) } }
    var lines: [String] { lock.withLock { heard } }
}
