/// AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic"):
/// 1. an explicit Deny in any applicable policy wins;
/// 2. every SCP level must allow;
/// 3. in the same account, a resource-based policy that names the user or role session allows on its own;
///    one that names the session's role skips the identity check but not the boundary or session policy;
/// 4. otherwise an identity-based policy must allow, and so must the permissions boundary and the session
///    policy where present;
/// 5. across accounts, the resource-based policy must allow as well; a role's trust policy must always allow.
/// Actions AWS performs for any authenticated caller, before and regardless of policy evaluation.
enum ActionsWithoutPermission {
    /// "No permissions are required to perform this operation. If an administrator attaches a policy to your
    /// identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this
    /// operation." (AWS STS API Reference, GetCallerIdentity)
    static let actions: [String] = ["sts:getcalleridentity"]

    /// Compared without allocating: this runs before every decision.
    static func contains(_ action: String) -> Bool {
        actions.contains { candidate in
            candidate.utf8.count == action.utf8.count
                && zip(candidate.utf8, action.utf8).allSatisfy { $0 == asciiLowercased($1) }
        }
    }
}

extension PolicySet {
    public func evaluate(_ request: AccessRequest) -> Decision {
        if ActionsWithoutPermission.contains(request.action) { return .allowed(.needsNoPermission, by: nil) }
        return request.storage.actionUTF8.withUnsafeBufferPointer { action in
            request.storage.resourceUTF8.withUnsafeBufferPointer { resource in
                decide(LayerInput(action: action, resource: resource, request: request))
            }
        }
    }

    struct LayerInput {
        let action: UnsafeBufferPointer<UInt8>
        let resource: UnsafeBufferPointer<UInt8>
        let request: AccessRequest
    }

    struct LayerScan {
        var deny: StatementHit?
        var allow: StatementHit?
        var strongestGrant: PrincipalGrant?
    }

    @inline(__always)
    func scan(_ policies: [CompiledPolicy], layer: PolicyLayer, level: Int = 0, _ input: LayerInput) -> LayerScan {
        var result = LayerScan()
        for policyIndex in policies.indices {
            // The policy array keeps every policy alive for the whole scan, so the hot loop can borrow the
            // program without reference counting.
            let stop = Unmanaged.passUnretained(policies[policyIndex].program)._withUnsafeGuaranteedRef { program -> Bool in
                for slot in program.statements.indices {
                    let statement = program.statements[slot]
                    if !statement.isDeny, result.strongestGrant == .exact { continue }
                    guard program.actionCovered(statement, input.action) else { continue }
                    let grant: PrincipalGrant
                    if statement.needsFullCheck {
                        guard let named = policies[policyIndex].statements[Int(statement.compiledIndex)].applies(
                            action: input.action, resource: input.resource, request: input.request) else { continue }
                        grant = named
                    } else {
                        guard program.resourceCovered(statement, input.resource) else { continue }
                        grant = .exact
                    }
                    let hit = StatementHit(layer: layer, level: level, policyIndex: policyIndex, statementIndex: Int(statement.sourceIndex))
                    if statement.isDeny {
                        result.deny = hit
                        return true
                    }
                    if result.allow == nil || grant > (result.strongestGrant ?? .account) {
                        result.allow = hit
                        result.strongestGrant = grant
                    }
                }
                return false
            }
            if stop { return result }
        }
        return result
    }

    private func decide(_ input: LayerInput) -> Decision {
        let request = input.request.storage

        // Step 1: explicit denies, gathering allows on the way so no policy is read twice.
        // SCPs govern principals of member accounts only, not AWS services.
        var levelWithoutAllow = false
        if request.callerHasAccount {
            for level in serviceControlPolicies.indices {
                let scan = scan(serviceControlPolicies[level], layer: .serviceControlPolicy, level: level, input)
                if let deny = scan.deny { return .explicitDeny(deny) }
                if scan.allow == nil { levelWithoutAllow = true }
            }
        }
        var resourceScan = LayerScan()
        if let resourcePolicy {
            resourceScan = scan([resourcePolicy], layer: .resourceBased, input)
            if let deny = resourceScan.deny { return .explicitDeny(deny) }
            let hasBoundary = !permissionsBoundaries.isEmpty || unusablePolicies.contains { $0.layer == .permissionsBoundary }
            if hasBoundary, let statement = resourcePolicy.statements.first(where: {
                $0.isNotPrincipalDenyIgnoringPrincipal(action: input.action, resource: input.resource, request: input.request)
            }) {
                return .explicitDeny(StatementHit(layer: .resourceBased, level: 0, policyIndex: 0, statementIndex: statement.index))
            }
        }
        let identityScan = scan(identityPolicies, layer: .identityBased, input)
        if let deny = identityScan.deny { return .explicitDeny(deny) }
        // A boundary or session policy that could not be read limits to nothing: failing open would grant more.
        var boundaryAllows = !unusablePolicies.contains { $0.layer == .permissionsBoundary }
        for index in permissionsBoundaries.indices {
            var boundaryScan = scan([permissionsBoundaries[index]], layer: .permissionsBoundary, input)
            if let deny = boundaryScan.deny {
                boundaryScan.deny = StatementHit(layer: .permissionsBoundary, level: 0, policyIndex: index, statementIndex: deny.statementIndex)
                return .explicitDeny(boundaryScan.deny!)
            }
            if boundaryScan.allow == nil { boundaryAllows = false }
        }
        // Session policies together bound the session: one must allow. One that could not be read allows nothing.
        var sessionAllows = true
        if !sessionPolicies.isEmpty || unusablePolicies.contains(where: { $0.layer == .sessionPolicy }) {
            let sessionScan = scan(sessionPolicies, layer: .sessionPolicy, input)
            if let deny = sessionScan.deny { return .explicitDeny(deny) }
            sessionAllows = sessionScan.allow != nil
        }

        // Step 2: every SCP level must allow.
        if levelWithoutAllow { return .implicitDeny(.serviceControlPolicy) }

        let isTrustPolicy = resourcePolicy?.type == .trust

        // Principals without identity policies (services, web identities) depend on the resource policy alone.
        if !request.callerHasIdentityPolicies && !request.callerIsAccountRoot {
            if let allow = resourceScan.allow { return .allowed(.resourcePolicyForNonIAMPrincipal, by: allow) }
            return .implicitDeny(.resourceBased)
        }

        // Step 5 first for cross-account requests: both sides must allow.
        if request.isCrossAccount {
            guard identityScan.allow != nil || request.callerIsAccountRoot else { return .implicitDeny(.identityBased) }
            guard boundaryAllows else { return .implicitDeny(.permissionsBoundary) }
            guard sessionAllows else { return .implicitDeny(.sessionPolicy) }
            guard let allow = resourceScan.allow else { return .implicitDeny(.resourceBased) }
            return .allowed(.identityAndResourcePolicies, by: allow)
        }

        // Step 3: same-account resource-based policy.
        if let allow = resourceScan.allow, let grant = resourceScan.strongestGrant {
            switch grant {
            case .exact:
                return .allowed(.resourcePolicyAlone, by: allow)
            case .everyone:
                if request.callerIsRoleSession { break }
                return .allowed(.resourcePolicyAlone, by: allow)
            case .role, .account:
                break
            }
            if grant == .role || grant == .everyone {
                guard boundaryAllows else { return .implicitDeny(.permissionsBoundary) }
                guard sessionAllows else { return .implicitDeny(.sessionPolicy) }
                return .allowed(.resourcePolicyForRole, by: allow)
            }
        }
        // A role's trust policy must itself allow the caller; an identity policy alone cannot let anyone in.
        if isTrustPolicy && resourceScan.allow == nil { return .implicitDeny(.resourceBased) }

        // Step 4: identity-based policies, boundary, session policy.
        if request.callerIsAccountRoot {
            return .allowed(.rootUser, by: nil)
        }
        guard let identityAllow = identityScan.allow else { return .implicitDeny(.identityBased) }
        guard boundaryAllows else { return .implicitDeny(.permissionsBoundary) }
        guard sessionAllows else { return .implicitDeny(.sessionPolicy) }
        return .allowed(.identityPolicies, by: identityAllow)
    }
}
