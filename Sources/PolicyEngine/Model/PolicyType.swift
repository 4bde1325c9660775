/// Where a policy is attached, which decides the grammar IAM accepts for it.
public enum PolicyType: String, CaseIterable, Sendable {
    /// Attached to a user, group or role; has no Principal.
    case identity
    /// A role's trust policy (AssumeRolePolicyDocument): a resource-based policy on the role itself.
    case trust
    /// Attached to a resource such as a bucket; must name a Principal.
    case resource
    /// A managed policy used as a permissions boundary: identity grammar.
    case boundary
    /// An AWS Organizations service control policy.
    case scp

    /// The largest document IAM accepts, counted in characters without whitespace.
    public var sizeQuota: (limit: Int, quotaName: String) {
        switch self {
        case .identity, .boundary: return (6_144, "PolicySize")
        case .trust: return (2_048, "ACLSizePerRole")
        case .resource: return (20_480, "PolicySize")
        case .scp: return (5_120, "PolicySize")
        }
    }

    var namesPrincipal: Bool { self == .trust || self == .resource }
}
