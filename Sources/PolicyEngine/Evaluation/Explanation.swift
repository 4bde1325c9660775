/// A decision together with the sentences that explain it and, for a deny, AWS's AccessDenied message.
public struct Evaluation: Sendable {
    public let request: AccessRequest
    public let decision: Decision
    /// Plain sentences for the learner, most important first.
    public let explanation: [String]
    /// Exactly as AWS words it, e.g. `User: arn:… is not authorized to perform: s3:GetObject on resource:
    /// arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action`. Nil when allowed.
    public let accessDeniedMessage: String?
    /// The policy and statement that decided, when one did.
    public let decidingPolicy: String?
    public let decidingStatement: String?
}

extension PolicySet {
    /// Evaluates and explains. Slower than `evaluate(_:)` because it renders text; use it when showing the
    /// result to a person.
    public func explain(_ request: AccessRequest) -> Evaluation {
        let decision = evaluate(request)
        let policy = decision.decidingStatement.flatMap(policy(for:))
        let statement = decision.decidingStatement.flatMap { hit in policy?.statement(at: hit.statementIndex) }
        return Evaluation(
            request: request, decision: decision,
            explanation: sentences(for: decision, request),
            accessDeniedMessage: AccessDeniedMessage.text(for: decision, request, names: layerName),
            decidingPolicy: policy?.name, decidingStatement: statement?.label)
    }

    /// A layer as AWS names it in this request: the resource-based policy of a role is its "role trust policy"
    /// ("Troubleshoot access denied error messages", IAM User Guide).
    func layerName(_ layer: PolicyLayer) -> String {
        layer == .resourceBased && resourcePolicy?.type == .trust ? "role trust policy" : layer.awsName
    }

    private func sentences(for decision: Decision, _ request: AccessRequest) -> [String] {
        let target = "\(request.action) on \(request.resource)"
        var lines: [String] = []
        switch decision.outcome {
        case .explicitDeny:
            guard let hit = decision.decidingStatement, let policy = policy(for: hit),
                  let statement = policy.statement(at: hit.statementIndex) else { return ["Explicitly denied."] }
            lines.append("Explicitly denied: \(statement.label) of \(layerName(hit.layer)) \"\(policy.name)\" denies \(target).")
            let verdict = statement.verdict(for: request)
            if !verdict.applies, statement.principals?.isNegated == true {
                lines.append("  - It is a Deny with NotPrincipal, and the caller has a permissions boundary: such a statement denies every principal with a boundary, whatever NotPrincipal lists. Use ArnNotEquals on aws:PrincipalArn instead.")
            } else {
                lines += verdict.reasons.map { "  - \($0)" }
            }
            lines.append("An explicit deny overrides every allow, in any policy.")
        case .implicitDeny:
            let layer = decision.layerWithoutAllow ?? .identityBased
            lines.append("Implicitly denied: no \(layerName(layer)) allows \(target).")
            lines += implicitDenyDetails(layer, request)
            lines.append("AWS denies by default: a request needs an Allow from every layer that applies and no Deny anywhere.")
        case .allowed:
            lines += allowSentences(decision, request)
        }
        return lines
    }

    private func allowSentences(_ decision: Decision, _ request: AccessRequest) -> [String] {
        let target = "\(request.action) on \(request.resource)"
        var lines: [String] = []
        func granted(by hit: StatementHit?) -> String {
            guard let hit, let policy = policy(for: hit), let statement = policy.statement(at: hit.statementIndex) else { return "" }
            return "\(statement.label) of \(layerName(hit.layer)) \"\(policy.name)\""
        }
        switch decision.route ?? .identityPolicies {
        case .identityPolicies:
            lines.append("Allowed: \(granted(by: decision.decidingStatement)) allows \(target).")
        case .resourcePolicyAlone:
            lines.append("Allowed: \(granted(by: decision.decidingStatement)) names the caller, and in the same account a resource-based policy that names a user or role session is enough on its own.")
        case .resourcePolicyForRole:
            lines.append("Allowed: \(granted(by: decision.decidingStatement)) names the caller's role (or everyone); no identity-based policy is needed, but the permissions boundary and session policy still had to allow.")
        case .identityAndResourcePolicies:
            let identity = firstAllow(in: .identityBased, request)
            lines.append("Allowed: the request crosses accounts (caller in \(request.principal.account ?? "?"), resource in \(request.resourceAccount ?? "?")), so both sides had to allow: \(granted(by: identity)) and \(granted(by: decision.decidingStatement)).")
        case .resourcePolicyForNonIAMPrincipal:
            lines.append("Allowed: \(granted(by: decision.decidingStatement)) names \(request.principal.text), which has no identity-based policies of its own.")
        case .needsNoPermission:
            lines.append("Allowed: \(request.action) needs no permission, and AWS answers it even when a policy explicitly denies it (STS API Reference, GetCallerIdentity).")
        case .rootUser:
            lines.append("Allowed: the caller is the root user of account \(request.principal.account ?? "?"), which has full access to its own account unless a service control policy or an explicit deny says otherwise.")
        }
        if let hit = decision.decidingStatement, let policy = policy(for: hit), let statement = policy.statement(at: hit.statementIndex) {
            lines += statement.verdict(for: request).reasons.map { "  - \($0)" }
        }
        if !serviceControlPolicies.isEmpty {
            lines.append("Every service control policy level (\(serviceControlPolicies.count)) allows it.")
        }
        if !permissionsBoundaries.isEmpty, decision.route != .resourcePolicyAlone {
            lines.append("The permissions boundary allows it too (\(granted(by: firstAllow(in: .permissionsBoundary, request)))).")
        }
        if !sessionPolicies.isEmpty, decision.route != .resourcePolicyAlone {
            lines.append("The session policy allows it too (\(granted(by: firstAllow(in: .sessionPolicy, request)))).")
        }
        lines.append("No applicable policy denies it explicitly.")
        return lines
    }

    private func firstAllow(in layer: PolicyLayer, _ request: AccessRequest) -> StatementHit? {
        for (policyIndex, policy) in policies(in: layer).enumerated() {
            for statement in policy.statements where statement.effect == .allow && statement.verdict(for: request).applies {
                return StatementHit(layer: layer, level: 0, policyIndex: policyIndex, statementIndex: statement.index)
            }
        }
        return nil
    }

    private func implicitDenyDetails(_ layer: PolicyLayer, _ request: AccessRequest) -> [String] {
        var lines: [String] = []
        switch layer {
        case .serviceControlPolicy:
            for level in serviceControlPolicies.indices where !levelAllows(level, request) {
                lines.append("Service control policy level \(level + 1) has no statement that allows it; every level from the organization root down to the account must allow.")
            }
            return lines
        case .resourceBased:
            if resourcePolicy == nil {
                lines.append("There is no resource-based policy, and this request needs one.")
            } else if resourcePolicy?.type == .trust {
                lines.append("A role's trust policy must allow the caller itself; an identity-based policy alone cannot let anyone assume a role.")
            }
            if request.isCrossAccount {
                lines.append("The request crosses accounts (caller in \(request.principal.account ?? "?"), resource in \(request.resourceAccount ?? "?")), so the resource-based policy must allow it as well as the caller's identity-based policy.")
            }
        case .identityBased:
            if identityPolicies.isEmpty, !unusablePolicies.contains(where: { $0.layer == .identityBased }) {
                lines.append("The caller has no identity-based policies.")
            }
            if request.isCrossAccount {
                lines.append("The request crosses accounts, so the caller's own identity-based policy must allow it even though the resource-based policy may.")
            }
        case .permissionsBoundary:
            lines.append("The permissions boundary sets the maximum permissions: an identity-based policy can only grant what the boundary also allows.")
        case .sessionPolicy:
            lines.append("The session policies limit this session: it can only use permissions that both the role's policies and a session policy allow.")
        }
        for unusable in unusablePolicies where unusable.layer == layer {
            lines.append("\"\(unusable.name)\" is attached but could not be used, so it grants nothing: \(unusable.reason).")
        }
        lines += nearMisses(in: layer, request)
        return lines
    }

    private func levelAllows(_ level: Int, _ request: AccessRequest) -> Bool {
        serviceControlPolicies[level].contains { policy in
            policy.statements.contains { $0.effect == .allow && $0.verdict(for: request).applies }
        }
    }

    /// Allow statements that cover the action but missed on something else — the usual reason a learner
    /// expected an Allow.
    private func nearMisses(in layer: PolicyLayer, _ request: AccessRequest) -> [String] {
        var lines: [String] = []
        for policy in policies(in: layer) {
            for statement in policy.statements where statement.effect == .allow {
                let verdict = statement.verdict(for: request)
                // An Allow with NotAction that excludes this action: the reason PowerUserAccess grants no iam:*.
                if !verdict.applies, statement.actions?.isNegated == true, verdict.reasons.count == 1, let reason = verdict.reasons.first {
                    lines.append("\(statement.label) of \"\(policy.name)\" allows every action except those its NotAction lists: \(reason).")
                    if lines.count == 5 { return lines }
                    continue
                }
                guard !verdict.applies, verdict.reasons.count > 1, let reason = verdict.reasons.last else { continue }
                lines.append("\(statement.label) of \"\(policy.name)\" covers the action but not this request: \(reason).")
                if lines.count == 5 { return lines }
            }
        }
        return lines
    }
}

/// AWS's AccessDenied wording ("Troubleshooting access denied error messages", IAM User Guide).
enum AccessDeniedMessage {
    /// `names`: how this request's policy set names each layer (a role's trust policy is not a bucket policy).
    static func text(for decision: Decision, _ request: AccessRequest, names: (PolicyLayer) -> String = { $0.awsName }) -> String? {
        let onResource = request.resource.isEmpty || request.resource == "*" ? "" : " on resource: \(request.resource)"
        let head = "User: \(request.principal.text) is not authorized to perform: \(request.action)\(onResource)"
        switch decision.outcome {
        case .allowed:
            return nil
        case .explicitDeny:
            let name = names(decision.decidingStatement?.layer ?? .identityBased)
            // "in an identity-based policy", but "in the role trust policy": a role has one.
            let article = name == "role trust policy" ? "the" : name.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "\(head) with an explicit deny in \(article) \(name)"
        case .implicitDeny:
            return "\(head) because no \(names(decision.layerWithoutAllow ?? .identityBased)) allows the \(request.action) action"
        }
    }
}
