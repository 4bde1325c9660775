import AWSModel
import Foundation

/// The rest-json protocol (Lambda): each operation is a method and a URI template, its members in the path, the
/// query string, headers and a JSON body (or one member as the raw body), and its answer likewise; an error is
/// its HTTP status, `x-amzn-ErrorType` and `{"message"}`. The bindings are botocore's `http` traits and member
/// locations, written out here for the operations the sandbox simulates.
public enum RestJSON {
    public struct Binding: Sendable {
        public var operation: String
        public var method: String
        /// The path's segments: literals, or `{Member}` for a member in the path.
        public var path: [String]
        /// Query parameter → member, and its kind.
        public var query: [String: (member: String, isInteger: Bool)] = [:]
        /// Header (lower-case) → member.
        public var headers: [String: String] = [:]
        /// The member that is the whole body (a blob), instead of a JSON body.
        public var payload: String?
        /// Members that are blobs inside a JSON body (base64 on the wire; the sandbox holds their text).
        public var blobs: [[String]] = []
        public var status: Int
        /// The member that is the answer's HTTP status.
        public var statusMember: String?
        /// Member → header of the answer.
        public var responseHeaders: [String: String] = [:]
        /// The member that is the answer's whole body.
        public var responsePayload: String?
    }

    static let functions = ["2015-03-31", "functions"]
    static let qualifier: [String: (member: String, isInteger: Bool)] = ["Qualifier": ("Qualifier", false)]

    /// botocore 1.43's Lambda model, for the operations the sandbox simulates.
    public static let lambda: [Binding] = [
        Binding(operation: "CreateFunction", method: "POST", path: functions, blobs: [["Code", "ZipFile"]], status: 201),
        Binding(operation: "ListFunctions", method: "GET", path: functions,
                query: ["MasterRegion": ("MasterRegion", false), "FunctionVersion": ("FunctionVersion", false), "Marker": ("Marker", false),
                        "MaxItems": ("MaxItems", true)], status: 200),
        Binding(operation: "GetFunction", method: "GET", path: functions + ["{FunctionName}"], query: qualifier, status: 200),
        Binding(operation: "DeleteFunction", method: "DELETE", path: functions + ["{FunctionName}"], query: qualifier, status: 204),
        Binding(operation: "GetFunctionConfiguration", method: "GET", path: functions + ["{FunctionName}", "configuration"], query: qualifier, status: 200),
        Binding(operation: "UpdateFunctionConfiguration", method: "PUT", path: functions + ["{FunctionName}", "configuration"], status: 200),
        Binding(operation: "Invoke", method: "POST", path: functions + ["{FunctionName}", "invocations"], query: qualifier,
                headers: ["x-amz-invocation-type": "InvocationType", "x-amz-log-type": "LogType", "x-amz-client-context": "ClientContext"],
                payload: "Payload", status: 200, statusMember: "StatusCode",
                responseHeaders: ["FunctionError": "X-Amz-Function-Error", "LogResult": "X-Amz-Log-Result", "ExecutedVersion": "X-Amz-Executed-Version"],
                responsePayload: "Payload"),
    ]

    /// The binding a request matches, and the members its path holds.
    public static func match(method: String, path: String, in bindings: [Binding]) -> (Binding, [AWSValue.Member])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { WireText.percentDecoded($0) ?? String($0) }
        for binding in bindings where binding.method == method && binding.path.count == segments.count {
            var labels: [AWSValue.Member] = []
            var matches = true
            for (pattern, segment) in zip(binding.path, segments) {
                if pattern.hasPrefix("{") {
                    labels.append(AWSValue.Member(String(pattern.dropFirst().dropLast()), .string(segment)))
                } else if pattern != segment {
                    matches = false
                    break
                }
            }
            if matches { return (binding, labels) }
        }
        return nil
    }

    /// The parameters of a matched request: its path's members, query, headers and body.
    public static func parameters(_ binding: Binding, labels: [AWSValue.Member], query: String, headers: (String) -> String?, body: [UInt8],
                                  json: ([UInt8]) -> AWSValue?) -> AWSValue? {
        var members = labels
        for (name, value) in WireText.fields(query) {
            guard let (member, isInteger) = binding.query[name] else { continue }
            members.append(AWSValue.Member(member, isInteger ? Int(value).map(AWSValue.integer) ?? .string(value) : .string(value)))
        }
        for (header, member) in binding.headers {
            if let value = headers(header) { members.append(AWSValue.Member(member, .string(value))) }
        }
        if let payload = binding.payload {
            if !body.isEmpty { members.append(AWSValue.Member(payload, .string(String(decoding: body, as: UTF8.self)))) }
        } else if !body.isEmpty {
            guard case .object(var fields)? = json(body) else { return nil }
            for path in binding.blobs { fields = decodingBase64(fields, at: path) }
            members += fields
        }
        return .object(members)
    }

    /// The member at `path` of `fields`, base64-decoded into the text the sandbox holds: a function's code is the
    /// text of the first file of its zip (the sandbox's functions are lists of aws commands).
    static func decodingBase64(_ fields: [AWSValue.Member], at path: [String]) -> [AWSValue.Member] {
        guard let first = path.first else { return fields }
        return fields.map { member in
            guard member.key == first else { return member }
            if path.count == 1, case .string(let text) = member.value, let data = Data(base64Encoded: text) {
                let bytes = Array(data)
                return AWSValue.Member(member.key, .string(ZipArchive.firstFile(bytes).map { String(decoding: $0, as: UTF8.self) }
                    ?? String(decoding: bytes, as: UTF8.self)))
            }
            if case .object(let inner) = member.value { return AWSValue.Member(member.key, .object(decodingBase64(inner, at: Array(path.dropFirst())))) }
            return member
        }
    }

    /// The answer: its status, headers and body.
    public static func response(_ binding: Binding, result: AWSValue) -> (status: Int, headers: [(name: String, value: String)], body: String) {
        guard case .object(let members) = result else { return (binding.status, [], result.compactJSON) }
        var status = binding.status
        var headers: [(name: String, value: String)] = []
        var body: String?
        var rest: [AWSValue.Member] = []
        for member in members {
            if member.key == binding.statusMember, case .integer(let code) = member.value {
                status = code
            } else if let header = binding.responseHeaders[member.key] {
                headers.append((header, QueryXML.scalar(member.value)))
            } else if member.key == binding.responsePayload {
                body = QueryXML.scalar(member.value)
            } else {
                rest.append(member)
            }
        }
        if let body { return (status, headers, body) }
        if status == 204 { return (status, headers, "") }
        return (status, headers, rest.isEmpty ? "{}" : AWSValue.object(rest).compactJSON)
    }

    /// An error: the status AWS answers it with, `x-amzn-ErrorType`, and the message.
    public static func error(code: String, message: String) -> (status: Int, headers: [(name: String, value: String)], body: String) {
        let status = ErrorStatus.of(code)
        let body = AWSValue.object([AWSValue.Member("Type", .string("User")), AWSValue.Member("message", .string(message))]).compactJSON
        return (status, [("x-amzn-ErrorType", code)], body)
    }
}
