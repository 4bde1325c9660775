import AWSModel
import PolicyEngine

/// A resource-based policy that applies to a request: a bucket policy, or a role's trust policy.
struct ResourcePolicy {
    var document: String
    var type: PolicyType
    var name: String
}

extension Sandbox {
    /// The caller's ARN as it appears in policies and error messages.
    func principalARN(of caller: Caller) -> String {
        switch caller {
        case .user(let account, let name, _):
            return state[account: account].iam.user(named: name)?.arn ?? ResourceARN.iam(account: account, kind: "user", name: name)
        case .roleSession(let session):
            return session.assumedRoleARN
        case .anonymous:
            return "anonymous"
        }
    }

    /// The document of a managed policy by ARN: AWS managed, or the default version of a customer managed one.
    func managedPolicyDocument(arn: String) -> (name: String, document: String)? {
        if let policy = AWSManagedPolicies.policy(arn: arn) { return (policy.name, policy.document) }
        guard let parsed = ARN(arn), parsed.service == "iam" else { return nil }
        let name = String(parsed.resource.split(separator: "/").last ?? "")
        guard let policy = state[account: parsed.account].iam.policies[name.lowercased()], policy.arn == arn else { return nil }
        return (policy.name, policy.defaultDocument)
    }

    /// A managed policy the caller's account may attach: AWS managed, or customer managed in the same account.
    func attachablePolicyDocument(arn: String, account: String) -> (name: String, document: String)? {
        if AWSManagedPolicies.policy(arn: arn) == nil, ARN(arn)?.account != account { return nil }
        return managedPolicyDocument(arn: arn)
    }

    /// The policies AWS would gather for this caller: identity policies, boundary and session policy.
    /// A document that cannot be compiled is kept as an unusable policy, so explanations can say so.
    func policySet(for caller: Caller, resourcePolicy: ResourcePolicy? = nil) -> PolicySet {
        var set = PolicySet()

        func compiledManaged(arn: String, as type: PolicyType) -> (name: String, result: Result<CompiledPolicy, PolicyRejected>)? {
            if let policy = AWSManagedPolicies.policy(arn: arn) { return (policy.name, cache.compile(policy, type: type)) }
            guard let (name, document) = managedPolicyDocument(arn: arn) else { return nil }
            return (name, cache.compile(document, type: type, name: name))
        }

        func add(_ name: String, _ result: Result<CompiledPolicy, PolicyRejected>, to layer: PolicyLayer) {
            switch result {
            case .success(let policy):
                switch layer {
                case .identityBased: set.identityPolicies.append(policy)
                case .permissionsBoundary: set.permissionsBoundaries.append(policy)
                case .sessionPolicy: set.sessionPolicies.append(policy)
                case .resourceBased: set.resourcePolicy = policy
                case .serviceControlPolicy: set.serviceControlPolicies.append([policy])
                }
            case .failure(let rejected):
                set.unusablePolicies.append(UnusablePolicy(name: name, layer: layer, reason: rejected.message))
            }
        }

        func addIdentity(attached: [String], inline: [NamedDocument], owner: String) {
            for arn in attached {
                if let (name, result) = compiledManaged(arn: arn, as: .identity) { add(name, result, to: .identityBased) }
            }
            for policy in inline {
                let name = InlinePolicyName.display(owner: owner, policy: policy.name)
                add(name, cache.compile(policy.document, type: .identity, name: name), to: .identityBased)
            }
        }

        func addBoundary(_ arn: String?) {
            guard let arn, let (name, result) = compiledManaged(arn: arn, as: .boundary) else { return }
            add(name, result, to: .permissionsBoundary)
        }

        switch caller {
        case .user(let account, let name, _):
            if let user = state[account: account].iam.user(named: name) {
                addIdentity(attached: user.attachedPolicies, inline: user.inlinePolicies, owner: user.name)
                addBoundary(user.permissionsBoundary)
            }
        case .roleSession(let roleSession):
            // A deleted role leaves its sessions with no permissions at all.
            if let role = state[account: roleSession.account].iam.role(named: roleSession.roleName), role.id == roleSession.roleID {
                addIdentity(attached: role.attachedPolicies, inline: role.inlinePolicies, owner: role.name)
                addBoundary(role.permissionsBoundary)
            }
            if let document = roleSession.sessionPolicy {
                add("session policy", cache.compile(document, type: .identity, name: "session policy"), to: .sessionPolicy)
            }
            // Managed session policies must exist, in the role's account or AWS's, when the session uses them.
            for arn in roleSession.sessionPolicyARNs ?? [] {
                if AWSManagedPolicies.policy(arn: arn) != nil || ARN(arn)?.account == roleSession.account,
                   let (name, result) = compiledManaged(arn: arn, as: .identity) {
                    add(name, result, to: .sessionPolicy)
                } else {
                    set.unusablePolicies.append(UnusablePolicy(name: arn, layer: .sessionPolicy,
                                                               reason: "it was passed with --policy-arns, but no managed policy \(arn) exists in the role's account or AWS's"))
                }
            }
        case .anonymous:
            // No identity, no identity policies: only a resource policy that allows everyone lets it in.
            break
        }
        if let resourcePolicy {
            add(resourcePolicy.name, cache.compile(resourcePolicy.document, type: resourcePolicy.type, name: resourcePolicy.name), to: .resourceBased)
        }
        return set
    }

    /// Context keys AWS adds to every request.
    func globalContext(for caller: Caller, region: String = SandboxState.region) -> [String: [String]] {
        // Keys are written lowercased, as the engine reads them (`AccessRequest` lowercases any that are not):
        // every request carries these, and lowercasing a dozen keys was a tenth of the cost of authorizing.
        var context: [String: [String]] = [
            "aws:currenttime": [SandboxClock.iso8601Zulu(state.clock.now)],
            "aws:epochtime": [String(state.clock.now)],
            "aws:securetransport": ["true"],
            // The Region the request was sent to: a policy that allows only some Regions sees the learner's `--region`
            // (IAM's, whatever the learner says, is its global endpoint's: see `AWSPartition.requestedRegion`).
            "aws:requestedregion": [region],
            "aws:sourceip": [SandboxState.learnerSourceIP],
        ]
        switch caller {
        case .user(let account, let name, let temporary):
            if let user = state[account: account].iam.user(named: name) {
                context["aws:userid"] = [user.id]
                for tag in user.tags { context[Self.principalTagKey(tag.key)] = [tag.value] }
            }
            // Present only with temporary credentials ("AWS global condition context keys"), false without MFA.
            context["aws:multifactorauthpresent"] = temporary ? ["false"] : nil
        case .roleSession(let session):
            context["aws:userid"] = [session.assumedRoleID]
            context["aws:multifactorauthpresent"] = ["false"]
            if let role = state[account: session.account].iam.role(named: session.roleName) {
                for tag in role.tags { context[Self.principalTagKey(tag.key)] = [tag.value] }
            }
            // A session tag wins over the role's tag of the same key (keys are case-insensitive, so written lowercased).
            for tag in session.sessionTags ?? [] { context[Self.principalTagKey(tag.key)] = [tag.value] }
            if let sourceIdentity = session.sourceIdentity { context["aws:sourceidentity"] = [sourceIdentity] }
        case .anonymous:
            context["aws:userid"] = ["anonymous"]
        }
        return context
    }

    /// `aws:principaltag/KEY`, lowercased as the engine reads context keys, so no request has to rebuild its context.
    static func principalTagKey(_ key: String) -> String { "aws:principaltag/" + Tag.normalizedKey(key) }

    /// Asks the policy engine whether the caller may do `action` on `resource`; a denial is recorded for `explain`
    /// and thrown as the service's own AccessDenied error.
    mutating func authorize(
        _ call: Call, action: String, resource: String, resourceAccount: String? = nil,
        resourcePolicy: ResourcePolicy? = nil, context extra: [String: [String]] = [:]
    ) throws(ServiceError) {
        try authorize(caller: call.caller, service: call.service, operation: call.operation, action: action, resource: resource,
                      resourceAccount: resourceAccount, resourcePolicy: resourcePolicy, context: extra,
                      region: AWSPartition.requestedRegion(endpointPrefix: call.service, region: call.region), calledVia: call.calledVia)
    }

    mutating func authorize(
        caller: Caller, service: String, operation: String, action: String, resource: String, resourceAccount: String? = nil,
        resourcePolicy: ResourcePolicy? = nil, context extra: [String: [String]] = [:], region: String = SandboxState.region,
        calledVia: String? = nil
    ) throws(ServiceError) {
        var context = globalContext(for: caller, region: region)
        // A service acting with the caller's own credentials (CloudFormation without a service role) makes its
        // calls as a forward access session: aws:ViaAWSService is true and aws:CalledVia names the service, and
        // the call does not come from the caller's address (AWS's "deny outside our network" example must exempt
        // it with aws:ViaAWSService, or it breaks the services acting for you).
        if let calledVia {
            context["aws:sourceip"] = nil
            context["aws:viaawsservice"] = ["true"]
            for key in ["aws:calledvia", "aws:calledviafirst", "aws:calledvialast"] { context[key] = [calledVia] }
        }
        for (key, values) in extra { context[key] = values }
        let request = AccessRequest(principal: principalARN(of: caller), action: action, resource: resource,
                                    resourceAccount: resourceAccount ?? caller.account, context: context)
        let policies = policySet(for: caller, resourcePolicy: resourcePolicy)
        guard !policies.evaluate(request).isAllowed else { return }
        let evaluation = policies.explain(request)
        var message = evaluation.accessDeniedMessage
            ?? "User: \(request.principal.text) is not authorized to perform: \(action) on resource: \(resource)"
        if service == "iam", let shown = iamResourceInMessage(resource, action: action) {
            message = message.replacingOccurrences(of: "on resource: \(resource)", with: "on resource: \(shown)")
        }
        state.lastDenial = Denial(service: service, operation: operation, action: action, resource: resource,
                                  principal: request.principal.text, decision: evaluation.decision.outcome.rawValue,
                                  explanation: evaluation.explanation, message: message)
        throw ServiceErrors.accessDenied(service: service, message: message, resource: resource,
                                         sameAccount: caller != .anonymous && caller.account == (resourceAccount ?? caller.account))
    }
}

/// How explanations name a user's or role's inline policy: `dev/ReadReports (inline)`.
enum InlinePolicyName {
    static func display(owner: String, policy: String) -> String {
        "\(owner)/\(policy) (inline)"
    }
}
