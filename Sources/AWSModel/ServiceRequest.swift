/// Credentials a request is signed with: an access key pair, and a session token for temporary credentials.
public struct AWSCredentials: Sendable, Hashable, Codable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// One API call: which service and operation, its parameters by API member name, and who signs it.
public struct ServiceRequest: Sendable {
    /// The CLI's service name: "iam", "sts", "s3", "dynamodb", "ec2", "lambda", "cloudformation", "logs".
    public var service: String
    /// The API operation name, e.g. "CreateRole".
    public var operation: String
    /// An `.object` keyed by API member names, e.g. "RoleName".
    public var parameters: AWSValue
    public var credentials: AWSCredentials?
    public var region: String

    public init(service: String, operation: String, parameters: AWSValue = .object([]), credentials: AWSCredentials?, region: String = "us-east-1") {
        self.service = service
        self.operation = operation
        self.parameters = parameters
        self.credentials = credentials
        self.region = region
    }
}

/// An error a service returns, as the aws CLI shows it: `An error occurred (Code) when calling the Op operation: message`.
public struct ServiceError: Error, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Whatever answers service calls: the sandbox, or a fake in tests.
public protocol AWSBackend {
    mutating func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError>
}
