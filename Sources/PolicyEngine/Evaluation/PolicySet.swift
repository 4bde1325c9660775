/// All the policies that apply to one kind of request: the caller's identity-based policies, the
/// resource's policy (a bucket policy, or a role's trust policy for sts:AssumeRole), the caller's
/// permissions boundary, the session policies, and the SCPs of each organization level above the account.
public struct PolicySet: Sendable {
    public var identityPolicies: [CompiledPolicy]
    public var resourcePolicy: CompiledPolicy?
    /// AWS allows one boundary per principal; several here must all allow.
    public var permissionsBoundaries: [CompiledPolicy]
    /// A session's inline policy and the managed policies passed with it (`--policy-arns`): together they say what
    /// the session may use, so one of them must allow an action (and none deny it).
    public var sessionPolicies: [CompiledPolicy]
    /// One array per organization level (root, OUs, account); every level must allow.
    public var serviceControlPolicies: [[CompiledPolicy]]
    /// Policies that apply to the caller but could not be read, so they take no part in the decision.
    /// Explanations name them, so nobody is told a caller has no policies while some are attached.
    public var unusablePolicies: [UnusablePolicy]

    public init(
        identityPolicies: [CompiledPolicy] = [], resourcePolicy: CompiledPolicy? = nil,
        permissionsBoundaries: [CompiledPolicy] = [], sessionPolicies: [CompiledPolicy] = [],
        serviceControlPolicies: [[CompiledPolicy]] = [], unusablePolicies: [UnusablePolicy] = []
    ) {
        self.identityPolicies = identityPolicies
        self.resourcePolicy = resourcePolicy
        self.permissionsBoundaries = permissionsBoundaries
        self.sessionPolicies = sessionPolicies
        self.serviceControlPolicies = serviceControlPolicies
        self.unusablePolicies = unusablePolicies
    }

    func policies(in layer: PolicyLayer, level: Int = 0) -> [CompiledPolicy] {
        switch layer {
        case .serviceControlPolicy: return level < serviceControlPolicies.count ? serviceControlPolicies[level] : []
        case .resourceBased: return resourcePolicy.map { [$0] } ?? []
        case .identityBased: return identityPolicies
        case .permissionsBoundary: return permissionsBoundaries
        case .sessionPolicy: return sessionPolicies
        }
    }

    func policy(for hit: StatementHit) -> CompiledPolicy? {
        let policies = policies(in: hit.layer, level: hit.level)
        return hit.policyIndex < policies.count ? policies[hit.policyIndex] : nil
    }
}

/// A policy attached to the caller whose document could not be compiled, and why.
public struct UnusablePolicy: Sendable, Equatable {
    public let name: String
    public let layer: PolicyLayer
    public let reason: String

    public init(name: String, layer: PolicyLayer, reason: String) {
        self.name = name
        self.layer = layer
        self.reason = reason
    }
}
