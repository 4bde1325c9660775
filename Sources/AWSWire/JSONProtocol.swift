import AWSModel

/// The JSON protocols (DynamoDB: 1.0, CloudWatch Logs: 1.1): a POST to `/` naming the operation in
/// `X-Amz-Target: Prefix.Operation`, the parameters as the body's JSON, the answer as JSON, and an error as
/// `{"__type": …, "message": …}`, which botocore reads the code from (after any `#`).
public enum JSONProtocol {
    public struct Service: Sendable {
        public var targetPrefix: String
        public var version: String
        /// DynamoDB qualifies its error types with its namespace; Logs does not.
        public var errorNamespace: String?
    }

    public static let services: [String: Service] = [
        "dynamodb": Service(targetPrefix: "DynamoDB_20120810", version: "1.0", errorNamespace: "com.amazonaws.dynamodb.v20120810"),
        "logs": Service(targetPrefix: "Logs_20140328", version: "1.1", errorNamespace: nil),
    ]

    /// The operation an `X-Amz-Target` names for the service, or nil when it names another service's.
    public static func operation(target: String, service: Service) -> String? {
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == service.targetPrefix, !parts[1].isEmpty else { return nil }
        return parts[1]
    }

    public static func contentType(_ service: Service) -> String { "application/x-amz-json-\(service.version)" }

    public static func response(_ value: AWSValue) -> String {
        if case .object(let members) = value, members.isEmpty { return "{}" }
        return value.compactJSON
    }

    public static func error(_ service: Service, code: String, message: String) -> String {
        let type = service.errorNamespace.map { $0 + "#" + code } ?? code
        return AWSValue.object([AWSValue.Member("__type", .string(type)), AWSValue.Member("message", .string(message))]).compactJSON
    }
}
