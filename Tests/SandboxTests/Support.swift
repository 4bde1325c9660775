import AWSModel
@testable import Sandbox

/// A sandbox driven the way the aws command layer drives it, with short helpers for the learner's calls.
struct TestWorld {
    var sandbox = Sandbox(state: .initial())
    var credentials: AWSCredentials

    init() {
        credentials = sandbox.state.learnerCredentials
    }

    @discardableResult
    mutating func call(_ service: String, _ operation: String, _ parameters: KeyValuePairs<String, AWSValue?> = [:],
                       as credentials: AWSCredentials? = nil) -> Result<AWSValue, ServiceError> {
        sandbox.send(ServiceRequest(service: service, operation: operation, parameters: .object(parameters),
                                    credentials: credentials ?? self.credentials))
    }

    /// The call's response, or a recorded issue and `.null` when it failed.
    @discardableResult
    mutating func ok(_ service: String, _ operation: String, _ parameters: KeyValuePairs<String, AWSValue?> = [:],
                     as credentials: AWSCredentials? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> AWSValue {
        switch call(service, operation, parameters, as: credentials) {
        case .success(let value): return value
        case .failure(let error):
            Issue.record("\(operation) failed: \(error.code): \(error.message)", sourceLocation: sourceLocation)
            return .null
        }
    }

    /// The call's error, or a recorded issue when it succeeded.
    mutating func error(_ service: String, _ operation: String, _ parameters: KeyValuePairs<String, AWSValue?> = [:],
                        as credentials: AWSCredentials? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> ServiceError? {
        switch call(service, operation, parameters, as: credentials) {
        case .success(let value):
            Issue.record("\(operation) succeeded unexpectedly: \(value)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return error
        }
    }

    static let ec2Trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let accountTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
    static let s3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"

    /// Assumes a role and returns the session's credentials.
    mutating func assume(_ roleName: String, session: String = "s1", account: String = "123456789012", as caller: AWSCredentials? = nil,
                         extra: KeyValuePairs<String, AWSValue?> = [:]) -> AWSCredentials? {
        var parameters: [AWSValue.Member] = [.init("RoleArn", .string("arn:aws:iam::\(account):role/\(roleName)")), .init("RoleSessionName", .string(session))]
        for (key, value) in extra { if let value { parameters.append(.init(key, value)) } }
        let result = sandbox.send(ServiceRequest(service: "sts", operation: "AssumeRole", parameters: .object(parameters), credentials: caller ?? credentials))
        guard case .success(let response) = result, let keys = response["Credentials"] else { return nil }
        return AWSCredentials(accessKeyID: keys["AccessKeyId"]!.stringValue!, secretAccessKey: keys["SecretAccessKey"]!.stringValue!,
                              sessionToken: keys["SessionToken"]?.stringValue)
    }
}

import Testing
