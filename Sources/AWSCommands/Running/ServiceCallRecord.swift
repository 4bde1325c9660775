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

    public init(service: String, operation: String, outcome: Outcome, accessKeyID: String? = nil) {
        self.service = service
        self.operation = operation
        self.outcome = outcome
        self.accessKeyID = accessKeyID
    }
}
