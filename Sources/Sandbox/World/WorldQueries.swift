import AWSModel
import PolicyEngine

/// Read-only questions about the world, asked by task checks ("role S3Reader trusts service ec2.amazonaws.com").
/// They look at the learner's account unless told otherwise.
extension Sandbox {
    public func roleExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.role(named: name) != nil
    }

    /// Whether the role is one IAM made for a service (`create-service-linked-role`), not one someone named alike.
    public func roleIsServiceLinked(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.role(named: name)?.isServiceLinked == true
    }

    /// Whether the account has an OIDC provider for the URL (with or without `https://`) that accepts the audience.
    public func openIDConnectProvider(_ url: String, hasAudience audience: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.openIDConnectProviders?[Self.providerKey(forURL: url)]?.clientIDs.contains(audience) == true
    }

    /// The role's maximum session duration in seconds, or nil when there is no such role.
    public func maxSessionDuration(ofRole name: String, account: String = SandboxState.learnerAccount) -> Int? {
        state[account: account].iam.role(named: name)?.maxSessionDuration
    }

    /// Whether the role's trust policy has an Allow for sts:AssumeRole naming this principal: a service
    /// (`ec2.amazonaws.com`), an account (12 digits or its root ARN) or a user or role ARN. Conditions are not
    /// weighed: a trust that lets an account in only with an external id still trusts that account.
    public func roleTrusts(_ name: String, principal: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let role = state[account: account].iam.role(named: name),
              let document = cache.trustDocument(role.trustPolicy) else { return false }
        let accountID: String? = principal.count == 12 && principal.allSatisfy(\.isNumber) ? principal
            : principal.hasPrefix("arn:aws:iam::") && principal.hasSuffix(":root") ? String(principal.dropFirst(13).prefix(12)) : nil
        for statement in document.statements where statement.effect.value == .allow {
            let actions = statement.action?.patterns.map { $0.value.lowercased() } ?? []
            guard statement.action?.isNegated == false, actions.contains(where: { $0 == "sts:assumerole" || $0 == "sts:*" || $0 == "*" }) else { continue }
            for entry in statement.principal?.entries ?? [] {
                let value = entry.value.value
                switch entry.kind {
                case .service where value == principal: return true
                case .aws:
                    if value == principal { return true }
                    if let accountID, value == accountID || value == ResourceARN.accountRoot(accountID) { return true }
                default: continue
                }
            }
        }
        return false
    }

    /// A managed policy attached to the role, named by ARN or by policy name.
    public func roleHasManagedPolicy(_ name: String, policy: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let role = state[account: account].iam.role(named: name) else { return false }
        return role.attachedPolicies.contains { $0 == policy || $0.split(separator: "/").last.map(String.init) == policy }
    }

    public func roleHasInlinePolicy(_ name: String, policy: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.role(named: name)?.inlinePolicies.contains { $0.name == policy } ?? false
    }

    public func roleHasPermissionsBoundary(_ name: String, policy: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let boundary = state[account: account].iam.role(named: name)?.permissionsBoundary else { return false }
        return boundary == policy || boundary.split(separator: "/").last.map(String.init) == policy
    }

    /// Whether a session of the role would be allowed the action on the resource by the role's own policies.
    public func roleAllows(_ name: String, action: String, resource: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let role = state[account: account].iam.role(named: name) else { return false }
        let session = RoleSession(accessKeyID: "", secretAccessKey: "", sessionToken: "", account: account, roleName: role.name, roleID: role.id,
                                  roleARN: role.arn, sessionName: "check", expiration: .max, isChained: false)
        let caller = Caller.roleSession(session)
        let request = AccessRequest(principal: session.assumedRoleARN, action: action, resource: resource, resourceAccount: account,
                                    context: globalContext(for: caller))
        return policySet(for: caller).evaluate(request).isAllowed
    }

    public func roleMaxSessionDuration(_ name: String, account: String = SandboxState.learnerAccount) -> Int? {
        state[account: account].iam.role(named: name)?.maxSessionDuration
    }

    public func userExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.user(named: name) != nil
    }

    public func customerPolicyExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.policies[name.lowercased()] != nil
    }

    public func instanceProfileHasRole(_ profile: String, role: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].iam.instanceProfile(named: profile)?.roleNames.contains { $0.lowercased() == role.lowercased() } ?? false
    }

    /// A running instance (the given one, or any when nil) whose instance profile holds the role.
    public func instanceUsesRole(_ instance: String?, role: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].instances.values.contains { candidate in
            (instance == nil || candidate.id == instance) && candidate.state == "running"
                && instanceRole(candidate)?.name.lowercased() == role.lowercased()
        }
    }

    public func functionExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].functions[name] != nil
    }

    public func functionUsesRole(_ name: String, role: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let function = state[account: account].functions[name] else { return false }
        return function.roleARN == role || function.roleARN.split(separator: "/").last.map(String.init) == role
    }

    public func stackStatus(_ name: String, account: String = SandboxState.learnerAccount) -> String? {
        state[account: account].stacks.values.filter { $0.name == name }.max { $0.created < $1.created }?.status
    }

    /// Whether the newest stack of that name works through the role: its service role is the role's ARN.
    public func stackUsesRole(_ name: String, role: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let stack = state[account: account].stacks.values.filter({ $0.name == name }).max(by: { $0.created < $1.created }),
              let roleARN = stack.roleARN, let owned = state[account: account].iam.role(named: role) else { return false }
        return owned.arn == roleARN
    }

    public func bucketExists(_ name: String) -> Bool { state.buckets[name] != nil }

    public func objectExists(bucket: String, key: String) -> Bool { state.buckets[bucket]?.objects[key] != nil }

    public func tableExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].tables[name] != nil
    }

    public func logGroupExists(_ name: String, account: String = SandboxState.learnerAccount) -> Bool {
        state[account: account].logGroups[name] != nil
    }

    /// The role session or user that owns the access key, for "caller is …" checks.
    /// The running instance whose role session signs with this key: a call made with it was made on that instance
    /// (by code using the metadata service's credentials), so it is recorded as `instance exec ID -- aws …`.
    public func instance(signingWith key: String, account: String = SandboxState.learnerAccount) -> String? {
        state[account: account].instances.first { $0.value.roleSessionKey == key && $0.value.state == "running" }?.key
    }

    public func owner(ofAccessKey id: String) -> (user: String?, role: String?) {
        if let session = state.sessions[id] { return (nil, session.roleName) }
        if let session = state.userSessions?[id] { return (session.userName, nil) }
        return (state.accessKeyOwner(id)?.user.name, nil)
    }

    /// Names the sandbox knows, for tab completion.
    public func names(account: String = SandboxState.learnerAccount) -> (roles: [String], policies: [String], buckets: [String], instances: [String], profiles: [String], functions: [String]) {
        let resources = state[account: account]
        return (
            resources.iam.roles.values.map(\.name).sorted(),
            (resources.iam.policies.values.map(\.arn) + AWSManagedPolicies.published.map(\.arn)).sorted(),
            state.buckets.values.filter { $0.owner == account }.map(\.name).sorted(),
            resources.instances.keys.sorted(),
            resources.iam.instanceProfiles.values.map(\.name).sorted(),
            resources.functions.keys.sorted()
        )
    }
}
