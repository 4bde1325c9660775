import AWSCommands
import AWSModel
import AWSWire
import Foundation
import Sandbox
import SandboxShell
import SavedFiles
import Tutor

/// The sandbox behind an HTTP endpoint that the real aws CLI and the SDKs use: each request's Signature Version 4
/// checked with the sandbox's own keys, read with its service's wire protocol, sent to the same `Sandbox` the
/// tutor and `rolecall sandbox` use (so the policy engine authorizes it as the signer), answered in the protocol's
/// shape, and the state saved after every call. One actor: requests to one sandbox are taken one at a time.
///
/// Served: the query protocol (IAM, STS, CloudFormation), EC2's query dialect, rest-xml (S3, path-style), the JSON
/// protocols (DynamoDB, CloudWatch Logs), rest-json (Lambda) and the instances' metadata service.
public actor SandboxEndpoint {
    public struct Reply: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String
        public var headers: [(name: String, value: String)] = []
    }

    private var shell: ShellState
    private let statePath: String
    private let now: @Sendable () -> Date
    private var requests = 0
    /// The last save's failure, if the last save failed.
    public private(set) var saveProblem: String?

    private let report: @Sendable (String) -> Void

    /// `report` hears of saving failing and working again (the server prints it on standard error).
    public init(state: ShellState, statePath: String, now: @escaping @Sendable () -> Date = { Date() },
                report: @escaping @Sendable (String) -> Void = { _ in }) {
        shell = state
        self.statePath = statePath
        self.now = now
        self.report = report
    }

    /// The keys the learner's own tools sign with: the sandbox's learner user's.
    public var learnerCredentials: AWSCredentials { shell.sandbox.learnerCredentials }

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

    public func handle(_ request: SigV4.Request) -> Reply {
        requests += 1
        let requestID = Self.requestID(requests)
        if let (instance, path) = Self.metadataRoute(request.path) {
            return metadata(instance, path: path, request: request)
        }
        // Which service is asked comes from the credential scope, as AWS routes a custom endpoint.
        let credential: SigV4.Credential
        do throws(SigV4.Failure) {
            credential = try SigV4.credential(of: request)
        } catch {
            return Self.unsignedError(request, code: error.code, message: error.message, requestID: requestID)
        }
        let service = credential.service
        guard let wire = WireProtocol(service: service) else { return Self.notServed(service, requestID: requestID) }
        // The protocol's own error shape for everything from here on.
        func failure(_ code: String, _ message: String) -> Reply {
            Self.error(wire, service: service, code: code, message: message, requestID: requestID, method: request.method)
        }
        // An unknown key is refused before anything of the request is read, as AWS does: an unsigned caller costs
        // the endpoint no parsing.
        guard let secret = shell.sandbox.secret(ofAccessKey: credential.accessKey) else {
            let unknown = ServiceErrors.unknownAccessKey(service: service)
            return failure(unknown.code, unknown.message)
        }
        do throws(SigV4.Failure) {
            try SigV4.verify(request, now: now()) { _ in secret }
        } catch {
            return failure(error.code, error.message)
        }
        let credentials = AWSCredentials(accessKeyID: credential.accessKey, secretAccessKey: secret,
                                         sessionToken: request.values("x-amz-security-token").first)
        func call(_ operation: String, _ parameters: AWSValue) -> Result<AWSValue, ServiceError> {
            send(ServiceRequest(service: service, operation: operation, parameters: parameters, credentials: credentials, region: credential.region))
        }
        switch wire {
        case .restJSON(let bindings):
            guard let (binding, labels) = RestJSON.match(method: request.method, path: request.path, in: bindings) else {
                return failure("UnknownOperationException", "The sandbox's \(service) has no operation at \(request.method) \(request.path).")
            }
            guard let parameters = RestJSON.parameters(binding, labels: labels, query: request.query, headers: { request.values($0).first },
                                                       body: request.body, json: JSONDocuments.parsed) else {
                return failure("SerializationException", "The request body is not JSON.")
            }
            switch call(binding.operation, parameters) {
            case .success(let value):
                let answer = RestJSON.response(binding, result: value)
                return Reply(status: answer.status, contentType: "application/json", body: answer.body, headers: answer.headers)
            case .failure(let error):
                return failure(error.code, error.message)
            }
        case .json(let json):
            guard let target = request.values("x-amz-target").first, let operation = JSONProtocol.operation(target: target, service: json) else {
                return failure("UnknownOperationException", "The X-Amz-Target header does not name an operation of \(service).")
            }
            guard let parameters = request.body.isEmpty ? .object([]) : JSONDocuments.parsed(request.body) else {
                return failure("SerializationException", "The request body is not JSON.")
            }
            switch call(operation, parameters) {
            case .success(let value): return Reply(status: 200, contentType: JSONProtocol.contentType(json), body: JSONProtocol.response(value))
            case .failure(let error): return failure(error.code, error.message)
            }
        case .restXML(let model):
            return restXML(request, model: model, credential: credential, secret: secret, requestID: requestID, call: call, failure: failure)
        case .query, .ec2:
            guard request.method == "POST" || request.method == "GET" else {
                return failure("InvalidAction", "The query protocol takes POST (or GET) requests.")
            }
            let form = Self.formFields(request.method == "POST" ? String(decoding: request.body, as: UTF8.self) : request.query)
            let decoded = if case .ec2 = wire { EC2Query.decode(form: form) } else { QueryRequests.decode(service: service, form: form) }
            let operation: String, parameters: AWSValue
            switch decoded {
            case .success(let found): (operation, parameters) = found
            case .failure(let error): return failure(error.code, error.message)
            }
            switch call(operation, parameters) {
            case .success(let value):
                if case .ec2 = wire {
                    return Reply(status: 200, contentType: "text/xml", body: EC2Query.response(operation: operation, result: value, requestID: requestID))
                }
                let answer = QueryRequests.completed(value, service: service, operation: operation)
                return Reply(status: 200, contentType: "text/xml", body: QueryXML.response(service: service, operation: operation, result: answer, requestID: requestID))
            case .failure(let error):
                return failure(error.code, error.message)
            }
        }
    }

    /// S3: the operation from the method, path and query; a streaming body decoded (its chunk signatures
    /// checked); every checksum sent checked against the body; the answer's headers and body by the model.
    private func restXML(_ request: SigV4.Request, model: WireModel, credential: SigV4.Credential, secret: String, requestID: String,
                         call: (String, AWSValue) -> Result<AWSValue, ServiceError>, failure: (String, String) -> Reply) -> Reply {
        let query = Self.formFields(request.query)
        guard let (operation, labels) = RestXML.match(RestXML.Target(method: request.method, path: request.path, query: query), model: model) else {
            let asked = query.isEmpty ? "" : "?" + query.map(\.name).joined(separator: "&")
            return failure("NotImplemented", "The sandbox's S3 does not serve \(request.method) \(request.path)\(asked): it serves buckets, objects and bucket policies.")
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
                return failure(error.code, error.message)
            }
        }
        do throws(AWSChunked.Failure) {
            try AWSChunked.verifyChecksums(body, fields: checksums)
        } catch {
            return failure(error.code, error.message)
        }
        let parameters: AWSValue
        switch RestXML.parameters(operation, labels: labels, query: query, headers: request.headers, body: body, model: model) {
        case .success(let value): parameters = value
        case .failure(let error): return failure(error.code, error.message)
        }
        switch call(operation.name, parameters) {
        case .success(let value):
            let encoding = query.first { $0.name == "encoding-type" }?.value
            let answer = RestXML.response(operation, result: value, encodingType: encoding, model: model)
            return Reply(status: answer.status, contentType: answer.contentType ?? "application/xml", body: answer.body,
                         headers: answer.headers + [("x-amz-request-id", requestID)])
        case .failure(let error):
            return failure(error.code, error.message)
        }
    }

    /// An error in the protocol's own shape, with the status AWS answers it with.
    static func error(_ wire: WireProtocol, service: String, code: String, message: String, requestID: String, method: String) -> Reply {
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
    private func metadata(_ instance: String, path: String, request: SigV4.Request) -> Reply {
        var sandbox = Sandbox(state: shell.sandbox)
        let result: Result<String, Sandbox.MetadataError>
        if path == "/latest/api/token" {
            guard request.method == "PUT" else { return Reply(status: 405, contentType: "text/plain", body: "") }
            let ttl = request.values("x-aws-ec2-metadata-token-ttl-seconds").first.flatMap { Int($0) }
            result = sandbox.issueMetadataToken(instance, ttl: ttl)
        } else {
            guard request.method == "GET" else { return Reply(status: 405, contentType: "text/plain", body: "") }
            result = sandbox.instanceMetadata(instance, path: path, token: request.values("x-aws-ec2-metadata-token").first)
        }
        let before = shell.sandbox
        shell.sandbox = sandbox.state
        if shell.sandbox != before, let problem = save() {
            // A token the sandbox could not keep would be refused later: the caller hears of it now.
            shell.sandbox = before
            return Reply(status: 500, contentType: "text/plain", body: problem + "\n")
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

    /// One call to the sandbox, and the state saved after it when the call changed more than the sandbox's clock
    /// (every call moves it a second): what a client was told it made or changed is on disk before the answer
    /// goes out, and a read costs no write. A read's second is saved with the next write.
    private func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        let before = shell.sandbox
        // The backend `rolecall aws` uses: AWS's server-side validation first, and the Lambda runtime plugged in.
        var backend = ShellBackend(sandbox: Sandbox(state: before), terminalWidth: 80)
        let result = backend.send(request)
        shell.sandbox = backend.sandbox.state
        var onlyTheClock = backend.sandbox.state
        onlyTheClock.clock = before.clock
        if onlyTheClock != before, let problem = save() {
            // What could not be saved did not happen: the client is told so and may retry, and the sandbox in
            // memory stays what the file holds.
            shell.sandbox = before
            return .failure(ServiceError(code: "ServiceUnavailable", message: "The sandbox could not save this change, so it was not made: \(problem)"))
        }
        return result
    }

    /// Writes the state now (on stopping: the seconds of reads since the last write are kept too).
    public func saveNow() -> String? {
        save()
    }

    /// Saves the state; a failure is said once on the server's standard error when it starts, and returned.
    private func save() -> String? {
        do throws(SaveFailure) {
            try SandboxFile.save(shell, to: statePath)
            if saveProblem != nil { report("rolecall-endpoint: saving works again.") }
            saveProblem = nil
            return nil
        } catch {
            if saveProblem == nil { report("rolecall-endpoint: " + error.message) }
            saveProblem = error.message
            return error.message
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
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// A request id in AWS's form (a UUID), counted so a run is reproducible.
    static func requestID(_ number: Int) -> String {
        let hex = String(UInt64(truncatingIfNeeded: number), radix: 16)
        return "7e1f5c2a-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
