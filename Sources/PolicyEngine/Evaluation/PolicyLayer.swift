/// The kinds of policy that take part in a decision, named as AWS names them in AccessDenied messages.
public enum PolicyLayer: String, Sendable, CaseIterable {
    case serviceControlPolicy
    case resourceBased
    case identityBased
    case permissionsBoundary
    case sessionPolicy

    /// The phrase AWS uses: "no identity-based policy allows", "an explicit deny in a permissions boundary".
    public var awsName: String {
        switch self {
        case .serviceControlPolicy: return "service control policy"
        case .resourceBased: return "resource-based policy"
        case .identityBased: return "identity-based policy"
        case .permissionsBoundary: return "permissions boundary"
        case .sessionPolicy: return "session policy"
        }
    }
}

/// Which statement of which policy decided, by position, so a decision stays a small value.
public struct StatementHit: Sendable, Equatable {
    public let layer: PolicyLayer
    /// Index of the SCP level (0 = nearest the root); 0 for other layers.
    public let level: Int
    public let policyIndex: Int
    public let statementIndex: Int
}
