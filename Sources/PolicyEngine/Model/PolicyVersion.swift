/// The policy language versions IAM accepts. Only 2012-10-17 knows policy variables.
public enum PolicyVersion: String, Sendable {
    case current = "2012-10-17"
    case legacy = "2008-10-17"

    public var supportsPolicyVariables: Bool { self == .current }
}
