import AWSModel
/// One API call a command made and how it ended, so lesson checks can ask "did the last command fail with
/// AccessDenied?" without parsing stderr.
public struct ServiceCallRecord: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case success
        case failure(code: String)
    }

    public var service: String
    public var operation: String
    public var outcome: Outcome
    /// The access key the call was signed with: whose call it was (a checks' `ran … as role NAME`).
    public var accessKeyID: String?
    /// The request's top-level text parameters (a role name, a role ARN, a bucket): what the call was about, for
    /// checks such as `ran iam get-role on Auditor`.
    public var arguments: [String]

    public init(service: String, operation: String, outcome: Outcome, accessKeyID: String? = nil, parameters: AWSValue? = nil) {
        self.service = service
        self.operation = operation
        self.outcome = outcome
        self.accessKeyID = accessKeyID
        if case .object(let members)? = parameters {
            arguments = members.compactMap { $0.value.stringValue }
        } else {
            arguments = []
        }
    }

    /// Whether the call named `value` as one of its parameters; names in IAM are unique regardless of case.
    public func names(_ value: String) -> Bool {
        arguments.contains { $0.lowercased() == value.lowercased() }
    }
}
