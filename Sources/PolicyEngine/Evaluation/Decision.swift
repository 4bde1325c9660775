/// The outcome of evaluating one request: a small value, cheap to produce. Its explanation in sentences
/// and the AccessDenied message are rendered on demand by `PolicySet.explain(_:)`.
public struct Decision: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case allowed = "Allowed"
        case explicitDeny = "ExplicitDeny"
        case implicitDeny = "ImplicitDeny"
    }

    /// How an Allow was reached, which decides which layers had to agree.
    public enum Route: String, Sendable {
        /// Identity-based policies allowed (with boundary and session policy where present).
        case identityPolicies
        /// A same-account resource-based policy named the user or role session (or everyone): enough alone.
        case resourcePolicyAlone
        /// A same-account resource-based policy named the session's role: boundary and session policy still apply.
        case resourcePolicyForRole
        /// Cross-account: identity-based and resource-based policies both allowed.
        case identityAndResourcePolicies
        /// A principal without identity policies (a service, a federated identity) allowed by the resource policy.
        case resourcePolicyForNonIAMPrincipal
        /// The account's root user acting in its own account, which no identity policy restricts.
        case rootUser
        /// An action AWS answers for every valid credential whatever the policies say (sts:GetCallerIdentity).
        case needsNoPermission
    }

    public let outcome: Outcome
    /// The Deny statement that decided, or the Allow statement that granted.
    public let decidingStatement: StatementHit?
    /// For an implicit deny: the layer in which no statement allowed the request.
    public let layerWithoutAllow: PolicyLayer?
    /// For an Allow: how it was reached.
    public let route: Route?

    static func explicitDeny(_ hit: StatementHit) -> Decision {
        Decision(outcome: .explicitDeny, decidingStatement: hit, layerWithoutAllow: nil, route: nil)
    }

    static func implicitDeny(_ layer: PolicyLayer) -> Decision {
        Decision(outcome: .implicitDeny, decidingStatement: nil, layerWithoutAllow: layer, route: nil)
    }

    static func allowed(_ route: Route, by hit: StatementHit?) -> Decision {
        Decision(outcome: .allowed, decidingStatement: hit, layerWithoutAllow: nil, route: route)
    }

    public var isAllowed: Bool { outcome == .allowed }
}
