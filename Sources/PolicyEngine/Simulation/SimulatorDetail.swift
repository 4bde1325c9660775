import PositionedJSON

/// What IAM's policy simulator reports beside a decision (IAM API Reference, SimulatePrincipalPolicy and its
/// EvaluationResult): the statements that decided it, where they are written, and the condition keys its policies
/// use that the simulated request did not carry, without which a condition cannot hold.
public struct SimulatorDetail: Sendable, Equatable {
    public struct MatchedStatement: Sendable, Equatable {
        public let policyName: String
        public let layer: PolicyLayer
        /// Where the statement's `{` is, line and column from 1.
        public let start: SourcePosition
        /// Just past its `}`.
        public let end: SourcePosition?
    }

    /// For an explicit deny, every Deny statement that applies; for an allow, every Allow statement of the
    /// policies that granted; none for an implicit deny, where nothing matched.
    public let matchedStatements: [MatchedStatement]
    /// Keys of conditions in statements whose action and resource cover the request, as first written, that the
    /// request has no value for ("MissingContextValues").
    public let missingContextKeys: [String]
    /// Whether the permissions boundary alone allows the request; nil when there is none.
    public let allowedByPermissionsBoundary: Bool?
}

extension PolicySet {
    /// The simulator's detail of a decision this set made for `request`.
    public func simulatorDetail(_ request: AccessRequest, decision: Decision) -> SimulatorDetail {
        var matched: [SimulatorDetail.MatchedStatement] = []
        var missing: [String] = []
        var seenKeys = Set<String>()
        let layers: [PolicyLayer] = [.identityBased, .permissionsBoundary, .sessionPolicy, .resourceBased]
        for layer in layers {
            for policy in policies(in: layer) {
                for statement in policy.document.statements {
                    guard let compiled = policy.statement(at: statement.index) else { continue }
                    guard let actions = compiled.actions, actions.verdict(for: request.action).matches,
                          compiled.resources.map({ $0.verdict(for: request.resource, context: request).matches }) ?? true else { continue }
                    for condition in compiled.conditions where request.contextValues(forLowercasedKey: condition.lookupKey) == nil {
                        if seenKeys.insert(condition.lookupKey).inserted { missing.append(condition.key) }
                    }
                    let counts: Bool
                    switch decision.outcome {
                    case .explicitDeny: counts = compiled.effect == .deny
                    // The statements that granted: those of the identity-based policies, and of the resource's
                    // policy where it took part.
                    case .allowed: counts = compiled.effect == .allow && (layer == .identityBased || layer == .resourceBased)
                    case .implicitDeny: counts = false
                    }
                    if counts, compiled.verdict(for: request).applies {
                        matched.append(.init(policyName: policy.name, layer: layer, start: statement.position, end: statement.end))
                    }
                }
            }
        }
        var boundaryAllows: Bool?
        if !permissionsBoundaries.isEmpty {
            boundaryAllows = PolicySet(identityPolicies: permissionsBoundaries).evaluate(request).isAllowed
        }
        return SimulatorDetail(matchedStatements: matched, missingContextKeys: missing, allowedByPermissionsBoundary: boundaryAllows)
    }
}
