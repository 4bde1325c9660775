import AWSCommands
import AWSModel
import AWSWire
import Foundation
import Sandbox

/// What the sandbox's HTTP endpoint does with one request, with no server and no disk: the request's Signature
/// Version 4 checked with the sandbox's own keys, read with its service's wire protocol into the call the sandbox
/// takes (`decode`), and the call's result written back in that protocol's shape (`Call.answer`). Whoever holds the
/// sandbox makes the call in between: `rolecall-endpoint` sends it straight to the sandbox, the tutor runs it as
/// the aws command it is, so it is recorded and checked like a typed one.
///
/// Served: the query protocol (IAM, STS, CloudFormation), EC2's query dialect, rest-xml (S3, path-style), the JSON
/// protocols (DynamoDB, CloudWatch Logs), rest-json (Lambda) and the instances' metadata service.
public enum EndpointCore {
    public struct Reply: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String
        public var headers: [(name: String, value: String)] = []
        /// The AWS error code when the reply is an error (for the shell's note; the client reads it from the body).
        public var errorCode: String?

        public init(status: Int, contentType: String, body: String, headers: [(name: String, value: String)] = []) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.headers = headers
        }
    }

    /// A request read into a call of the sandbox, and how to answer it.
    public struct Call: Sendable {
        public let request: ServiceRequest
        public let answer: @Sendable (Result<AWSValue, ServiceError>) -> Reply
    }

    /// What a request comes to: an answer already (a bad signature, an unreadable body, the metadata service is
    /// asked), or a call to make.
    public enum Step: Sendable {
        case answered(Reply)
        case call(Call)
        /// `/instances/ID/latest/…`: the metadata service, which changes the sandbox (its tokens) by itself.
        case metadata(instance: String, path: String)
    }

    /// How each served service's requests and answers travel (its model's `protocol`).
    enum WireProtocol {
        case query
        case ec2
        case json(JSONProtocol.Service)
        case restJSON([RestJSON.Binding])
        case restXML(WireModel)

        init?(service: String) {
            switch service {
            case "iam", "sts", "cloudformation": self = .query
            case "ec2": self = .ec2
            case "lambda": self = .restJSON(RestJSON.lambda)
            case "s3": self = .restXML(.s3)
            default:
                guard let json = JSONProtocol.services[service] else { return nil }
                self = .json(json)
            }
        }
    }

    /// Reads a request as AWS would, up to the call it asks for. `sandbox` gives the keys' secrets; `now` is the
    /// server's clock, for the signature's time.
    public static func decode(_ request: SigV4.Request, sandbox: SandboxState, now: Date, requestID: String) -> Step {
        if let (instance, path) = metadataRoute(request.path) { return .metadata(instance: instance, path: path) }
        // Which service is asked comes from the credential scope, as AWS routes a custom endpoint.
        let credential: SigV4.Credential
        do throws(SigV4.Failure) {
            credential = try SigV4.credential(of: request)
        } catch .missingAuthentication where request.method == "POST" {
            // STS takes AssumeRoleWithWebIdentity unsigned (botocore sends it so): the token is the credential.
            let form = formFields(String(decoding: request.body, as: UTF8.self))
            guard form.first(where: { $0.0 == "Action" })?.1 == "AssumeRoleWithWebIdentity",
                  case .success(let (operation, parameters)) = QueryRequests.decode(service: "sts", form: form) else {
                return .answered(unsignedError(request, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token", requestID: requestID))
            }
            return .call(Call(request: ServiceRequest(service: "sts", operation: operation, parameters: parameters, credentials: nil)) { result in
                switch result {
                case .success(let value):
                    return Reply(status: 200, contentType: "text/xml", body: QueryXML.response(service: "sts", operation: operation, result: value, requestID: requestID))
                case .failure(let error):
                    return Self.error(.query, service: "sts", code: error.code, message: error.message, requestID: requestID, method: "POST")
                }
            })
        } catch {
            return .answered(unsignedError(request, code: error.code, message: error.message, requestID: requestID))
        }
        let service = credential.service
        guard let wire = WireProtocol(service: service) else { return .answered(notServed(service, requestID: requestID)) }
        // The scope's region becomes a word of the recorded command line: only a region's letters are taken.
        guard !credential.region.isEmpty, credential.region.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            return .answered(unsignedError(request, code: "IncompleteSignature", message: "Credential should be scoped to a valid region, not '\(credential.region)'.", requestID: requestID))
        }
        // The protocol's own error shape for everything from here on.
        let method = request.method
        @Sendable func failure(_ code: String, _ message: String) -> Reply {
            error(wire, service: service, code: code, message: message, requestID: requestID, method: method)
        }
        // An unknown key is refused before anything of the request is read, as AWS does: an unsigned caller costs
        // the endpoint no parsing.
        guard let secret = sandbox.secret(ofAccessKey: credential.accessKey) else {
            let unknown = ServiceErrors.unknownAccessKey(service: service)
            return .answered(failure(unknown.code, unknown.message))
        }
        do throws(SigV4.Failure) {
            try SigV4.verify(request, now: now) { _ in secret }
        } catch .signatureDoesNotMatch {
            // Each service names a wrong signature its own way (EC2: AuthFailure; DynamoDB, Lambda, Logs:
            // InvalidSignatureException), as the sandbox already says in process.
            let mismatch = ServiceErrors.signatureMismatch(service: service)
            return .answered(failure(mismatch.code, mismatch.message))
        } catch {
            return .answered(failure(error.code, error.message))
        }
        // A presigned URL carries its session token in the query.
        let token = request.values("x-amz-security-token").first ?? (try? SigV4.presigned(request))??.sessionToken
        let credentials = AWSCredentials(accessKeyID: credential.accessKey, secretAccessKey: secret, sessionToken: token)
        func call(_ operation: String, _ parameters: AWSValue, answer: @escaping @Sendable (AWSValue) -> Reply) -> Step {
            .call(Call(request: ServiceRequest(service: service, operation: operation, parameters: parameters, credentials: credentials, region: credential.region)) { result in
                switch result {
                case .success(let value): answer(value)
                case .failure(let error): failure(error.code, error.message)
                }
            })
        }
        switch wire {
        case .restJSON(let bindings):
            guard let (binding, labels) = RestJSON.match(method: request.method, path: request.path, in: bindings) else {
                return .answered(failure("UnknownOperationException", "The sandbox's \(service) has no operation at \(request.method) \(request.path)."))
            }
            guard let parameters = RestJSON.parameters(binding, labels: labels, query: request.query, headers: { request.values($0).first },
                                                       body: request.body, json: JSONDocuments.parsed) else {
                return .answered(failure("SerializationException", "The request body is not JSON."))
            }
            return call(binding.operation, parameters) { value in
                let answer = RestJSON.response(binding, result: value)
                return Reply(status: answer.status, contentType: "application/json", body: answer.body, headers: answer.headers)
            }
        case .json(let json):
            guard let target = request.values("x-amz-target").first, let operation = JSONProtocol.operation(target: target, service: json) else {
                return .answered(failure("UnknownOperationException", "The X-Amz-Target header does not name an operation of \(service)."))
            }
            guard let parameters = request.body.isEmpty ? .object([]) : JSONDocuments.parsed(request.body) else {
                return .answered(failure("SerializationException", "The request body is not JSON."))
            }
            return call(operation, parameters) { value in
                Reply(status: 200, contentType: JSONProtocol.contentType(json), body: JSONProtocol.response(value))
            }
        case .restXML(let model):
            return restXML(request, model: model, credential: credential, secret: secret, requestID: requestID, failure: failure) { operation, parameters, answer in
                call(operation, parameters, answer: answer)
            }
        case .query, .ec2:
            guard request.method == "POST" || request.method == "GET" else {
                return .answered(failure("InvalidAction", "The query protocol takes POST (or GET) requests."))
            }
            let form = formFields(request.method == "POST" ? String(decoding: request.body, as: UTF8.self) : request.query)
            let isEC2 = if case .ec2 = wire { true } else { false }
            let decoded = isEC2 ? EC2Query.decode(form: form) : QueryRequests.decode(service: service, form: form)
            switch decoded {
            case .failure(let error):
                return .answered(failure(error.code, error.message))
            case .success(let (operation, parameters)):
                return call(operation, parameters) { value in
                    if isEC2 {
                        return Reply(status: 200, contentType: "text/xml", body: EC2Query.response(operation: operation, result: value, requestID: requestID))
                    }
                    let answer = QueryRequests.completed(value, service: service, operation: operation)
                    return Reply(status: 200, contentType: "text/xml", body: QueryXML.response(service: service, operation: operation, result: answer, requestID: requestID))
                }
            }
        }
    }

    /// S3: the operation from the method, path and query; a streaming body decoded (its chunk signatures
    /// checked); every checksum sent checked against the body; the answer's headers and body by the model.
    private static func restXML(_ request: SigV4.Request, model: WireModel, credential: SigV4.Credential, secret: String, requestID: String,
                                failure: @escaping @Sendable (String, String) -> Reply,
                                call: (String, AWSValue, @escaping @Sendable (AWSValue) -> Reply) -> Step) -> Step {
        // A presigned URL's own parameters are its signature, not members of the call.
        let query = formFields(request.query).filter { !$0.name.hasPrefix("X-Amz-") }
        guard let (operation, labels) = RestXML.match(RestXML.Target(method: request.method, path: request.path, query: query), model: model) else {
            let asked = query.isEmpty ? "" : "?" + query.map(\.name).joined(separator: "&")
            return .answered(failure("NotImplemented", "The sandbox's S3 does not serve \(request.method) \(request.path)\(asked): it serves buckets, objects and bucket policies."))
        }
        var body = request.body
        var checksums = request.headers
        let streaming = AWSChunked.streaming(request.values("x-amz-content-sha256").first)
        if streaming.chunked || request.values("content-encoding").contains(where: { $0.contains("aws-chunked") }) {
            do throws(AWSChunked.Failure) {
                let signing = streaming.signed ? AWSChunked.signing(of: request, credential: credential, secret: secret) : nil
                let decoded = try AWSChunked.decode(body, signing: signing)
                if let declared = request.values("x-amz-decoded-content-length").first.flatMap(Int.init), declared != decoded.data.count {
                    throw .incompleteBody
                }
                body = decoded.data
                checksums += decoded.trailers
            } catch {
                return .answered(failure(error.code, error.message))
            }
        }
        do throws(AWSChunked.Failure) {
            try AWSChunked.verifyChecksums(body, fields: checksums)
        } catch {
            return .answered(failure(error.code, error.message))
        }
        switch RestXML.parameters(operation, labels: labels, query: query, headers: checksums, body: body, model: model) {
        case .failure(let error):
            return .answered(failure(error.code, error.message))
        case .success(let parameters):
            let encoding = query.first { $0.name == "encoding-type" }?.value
            return call(operation.name, parameters) { value in
                let answer = RestXML.response(operation, result: value, encodingType: encoding, model: model)
                return Reply(status: answer.status, contentType: answer.contentType ?? "application/xml", body: answer.body,
                             headers: answer.headers + [("x-amz-request-id", requestID)])
            }
        }
    }

    /// An error in the protocol's own shape, with the status AWS answers it with.
    static func error(_ wire: WireProtocol, service: String, code: String, message: String, requestID: String, method: String) -> Reply {
        var reply = shapedError(wire, service: service, code: code, message: message, requestID: requestID, method: method)
        reply.errorCode = code
        return reply
    }

    private static func shapedError(_ wire: WireProtocol, service: String, code: String, message: String, requestID: String, method: String) -> Reply {
        switch wire {
        case .restJSON:
            let error = RestJSON.error(code: code, message: message)
            return Reply(status: error.status, contentType: "application/json", body: error.body, headers: error.headers)
        case .json(let json):
            return Reply(status: ErrorStatus.ofJSONProtocol(code), contentType: JSONProtocol.contentType(json),
                         body: JSONProtocol.error(json, code: code, message: message))
        case .ec2:
            return Reply(status: ErrorStatus.of(code), contentType: "text/xml", body: EC2Query.error(code: code, message: message, requestID: requestID))
        case .restXML:
            let error = RestXML.error(code: code, message: message, requestID: requestID, method: method)
            return Reply(status: error.status, contentType: "application/xml", body: error.body, headers: [("x-amz-request-id", requestID)])
        case .query:
            return Reply(status: ErrorStatus.of(code), contentType: "text/xml",
                         body: QueryXML.error(service: service, code: code, message: message, requestID: requestID))
        }
    }

    /// A request with no usable signature names no service; it is answered in the shape its form suggests (a
    /// JSON target, a query form, else S3's XML), since the client that sent it parses by its own protocol.
    static func unsignedError(_ request: SigV4.Request, code: String, message: String, requestID: String) -> Reply {
        if let target = request.values("x-amz-target").first, let json = JSONProtocol.services.values.first(where: { target.hasPrefix($0.targetPrefix) }) {
            return error(.json(json), service: "", code: code, message: message, requestID: requestID, method: request.method)
        }
        if request.path.hasPrefix("/2015-03-31/") {
            return error(.restJSON(RestJSON.lambda), service: "lambda", code: code, message: message, requestID: requestID, method: request.method)
        }
        if request.method == "POST", request.values("content-type").contains(where: { $0.hasPrefix("application/x-www-form-urlencoded") }) {
            return error(.query, service: "sts", code: code, message: message, requestID: requestID, method: request.method)
        }
        return error(.restXML(.s3), service: "s3", code: code, message: message, requestID: requestID, method: request.method)
    }

    // MARK: The instance metadata service

    /// `/instances/ID/latest/…`: the metadata service as instance ID sees it at 169.254.169.254, for an SDK told
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT=http://HOST:PORT/instances/ID/`.
    static func metadataRoute(_ path: String) -> (instance: String, path: String)? {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, parts[1] == "instances" else { return nil }
        let rest = parts[2]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let instance = String(rest[..<slash]), inner = String(rest[slash...])
        guard inner.hasPrefix("/latest/") || inner == "/latest" else { return nil }
        return (instance, inner)
    }

    /// IMDSv2's token (`PUT /latest/api/token`) and the metadata paths, with IMDS's statuses: 401 for a missing or
    /// wrong token where one is required, 404 for what is not there, 400 for a token request without a valid TTL.
    /// Issuing a token changes the sandbox.
    public static func metadata(_ instance: String, path: String, request: SigV4.Request, sandbox: inout Sandbox) -> Reply {
        let result: Result<String, Sandbox.MetadataError>
        if path == "/latest/api/token" {
            guard request.method == "PUT" else { return Reply(status: 405, contentType: "text/plain", body: "") }
            let ttl = request.values("x-aws-ec2-metadata-token-ttl-seconds").first.flatMap { Int($0) }
            result = sandbox.issueMetadataToken(instance, ttl: ttl)
        } else {
            guard request.method == "GET" else { return Reply(status: 405, contentType: "text/plain", body: "") }
            result = sandbox.instanceMetadata(instance, path: path, token: request.values("x-aws-ec2-metadata-token").first)
        }
        switch result {
        case .success(let body):
            return Reply(status: 200, contentType: "text/plain", body: body)
        case .failure(let error):
            let status = switch error {
            case .unauthorized: 401
            case .badRequest: 400
            case .roleNotAssumable, .instanceNotRunning, .endpointDisabled, .noSuchInstance, .notFound: 404
            }
            return Reply(status: status, contentType: "text/plain", body: "")
        }
    }

    /// A service the sandbox does not simulate, said in the query protocol's error shape (the CLI prints it as an
    /// error of the call).
    static func notServed(_ service: String, requestID: String) -> Reply {
        let message = "The sandbox does not simulate \(service): its endpoint serves IAM, STS, CloudFormation, EC2, S3, DynamoDB, CloudWatch Logs and Lambda."
        return Reply(status: 501, contentType: "text/xml", body: QueryXML.error(service: service, code: "NotImplemented", message: message, requestID: requestID))
    }

    /// `a=1&b=x%20y` (a form body or a query string) into its fields, in order; `+` is a space, as in any form.
    static func formFields(_ text: String) -> [(name: String, value: String)] {
        WireText.fields(text, plusIsSpace: true)
    }

    /// A request id in AWS's form (a UUID), counted so a run is reproducible.
    public static func requestID(_ number: Int) -> String {
        let hex = String(UInt64(truncatingIfNeeded: number), radix: 16)
        return "7e1f5c2a-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
