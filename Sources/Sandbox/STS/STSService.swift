import AWSModel
import PolicyEngine

/// STS: who am I, and assuming roles for temporary credentials.
extension Sandbox {
    /// AWS caps a session obtained with role credentials at one hour, whatever the role allows.
    static let chainedSessionLimit = 3600
    static let defaultSessionDuration = 3600

    /// STS's operations, dispatched by `Sandbox.dispatch`.
    static let stsService = SimulatedService(name: "sts", operations: [
        "GetCallerIdentity": { sandbox, call throws(ServiceError) in sandbox.callerIdentity(call.caller) },
        "AssumeRole": { sandbox, call throws(ServiceError) in try sandbox.assumeRole(call) },
        "GetSessionToken": { sandbox, call throws(ServiceError) in try sandbox.getSessionToken(call) },
    ])

    /// GetSessionToken's default and longest sessions for an IAM user: 12 and 36 hours.
    static let defaultUserSessionDuration = 43_200
    static let longestUserSessionDuration = 129_600

    /// Needs no permission: AWS answers it for every valid credential, which makes it the first debugging step.
    func callerIdentity(_ caller: Caller) -> AWSValue {
        let userID: String
        switch caller {
        case .user(let account, let name, _): userID = state[account: account].iam.user(named: name)?.id ?? ""
        case .roleSession(let session): userID = session.assumedRoleID
        case .anonymous: userID = "anonymous"
        }
        return .object([
            .init("UserId", .string(userID)), .init("Account", .string(caller.account)), .init("Arn", .string(principalARN(of: caller))),
        ])
    }

    mutating func assumeRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let roleARN = try call.required("RoleArn")
        let sessionName = try call.required("RoleSessionName")
        let duration = try call.integer("DurationSeconds")
        let externalID = call.optional("ExternalId")
        try Validation.check([(sessionName, .roleSessionName), (externalID, .externalID)],
                             numeric: Validation.range(duration, member: "durationSeconds", min: 900, max: 43200))

        // The sandbox's users have no MFA devices, so no serial number is one of theirs: STS refuses the code, as it
        // does for a device not associated with the caller (rather than assuming the role without MFA).
        if call.optional("SerialNumber") != nil || call.optional("TokenCode") != nil {
            throw ServiceErrors.mfaNotAssociated
        }

        // Session tags: those passed, and the transitive ones of the session that assumes this role (chaining).
        let inherited = Self.transitiveTags(of: call.caller)
        let passed = call.tags()
        let tags = inherited.filter { tag in !passed.contains { $0.normalizedKey == tag.normalizedKey } } + passed
        let transitiveKeys = Self.transitiveKeys(of: call.caller) + call.strings("TransitiveTagKeys")
        // A chained session keeps the source identity the first session set.
        let sourceIdentity = call.optional("SourceIdentity") ?? Self.sourceIdentity(of: call.caller)

        var context: [String: [String]] = ["sts:RoleSessionName": [sessionName]]
        if let externalID { context["sts:ExternalId"] = [externalID] }
        if let sourceIdentity { context["sts:SourceIdentity"] = [sourceIdentity] }
        for (key, values) in Self.taggingContext(tags: tags, boundary: nil) { context[key] = values }
        if !transitiveKeys.isEmpty { context["sts:TransitiveTagKeys"] = transitiveKeys }

        // A role that does not exist is reported as a denial, not a missing entity: AWS does not reveal which roles exist.
        let parsed = ARN(roleARN)
        let roleName = String(parsed?.resource.split(separator: "/").last ?? "")
        guard let parsed, parsed.service == "iam", parsed.resource.hasPrefix("role/"),
              let role = state[account: parsed.account].iam.role(named: roleName), role.arn == roleARN else {
            let message = "User: \(principalARN(of: call.caller)) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)"
            state.lastDenial = Denial(service: "sts", operation: "AssumeRole", action: "sts:AssumeRole", resource: roleARN,
                                      principal: principalARN(of: call.caller), decision: "ImplicitDeny",
                                      explanation: ["There is no role \(roleARN) in the sandbox, so no trust policy can allow assuming it. Check the account id and the role name (role names in ARNs are case-sensitive)."],
                                      message: message)
            throw ServiceErrors.accessDenied(service: "sts", message: message)
        }
        let trust = ResourcePolicy(document: role.trustPolicy, type: .trust, name: "trust policy of role \(role.name)")
        try authorize(call, action: "sts:AssumeRole", resource: role.arn, resourceAccount: role.account, resourcePolicy: trust, context: context)
        // Tagging the session and setting its source identity are permissions of their own, which the trust policy
        // (and, in the same account, an identity policy) must grant too.
        if !tags.isEmpty {
            try authorize(call, action: "sts:TagSession", resource: role.arn, resourceAccount: role.account, resourcePolicy: trust, context: context)
        }
        if call.optional("SourceIdentity") != nil {
            try authorize(call, action: "sts:SetSourceIdentity", resource: role.arn, resourceAccount: role.account, resourcePolicy: trust, context: context)
        }

        let isChained = call.caller.isRoleSession
        let seconds = duration ?? Self.defaultSessionDuration
        if isChained, seconds > Self.chainedSessionLimit {
            throw ServiceError(code: "ValidationError", message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        try Self.checkDuration(seconds, of: role)
        let sessionPolicy = try Self.sessionPolicy(of: call)
        let sessionPolicyARNs = Self.sessionPolicyARNs(of: call)
        var session = issueSession(for: role, sessionName: sessionName, duration: seconds, chained: isChained,
                                   sessionPolicy: sessionPolicy, sourceIdentity: sourceIdentity)
        session.sessionPolicyARNs = sessionPolicyARNs.isEmpty ? nil : sessionPolicyARNs
        session.sessionTags = tags.isEmpty ? nil : tags
        session.transitiveTagKeys = transitiveKeys.isEmpty ? nil : transitiveKeys
        state.sessions[session.accessKeyID] = session
        var members: [AWSValue.Member] = [
            .init("Credentials", credentialsResponse(session)),
            .init("AssumedRoleUser", .object([.init("AssumedRoleId", .string(session.assumedRoleID)), .init("Arn", .string(session.assumedRoleARN))])),
        ]
        if sessionPolicy != nil || !sessionPolicyARNs.isEmpty || !passed.isEmpty {
            members.append(.init("PackedPolicySize", .integer(Self.packedPolicySize(policy: sessionPolicy, arns: sessionPolicyARNs, tags: passed))))
        }
        if let sourceIdentity = session.sourceIdentity { members.append(.init("SourceIdentity", .string(sourceIdentity))) }
        return .object(members)
    }

    /// Temporary credentials for an IAM user, with the user's own permissions. It needs no permission: it only
    /// authenticates ("You cannot use policies to control authentication operations"); the credentials it gives
    /// cannot call it again, nor can a role session's.
    mutating func getSessionToken(_ call: Call) throws(ServiceError) -> AWSValue {
        guard case .user(let account, let name, false) = call.caller, let user = state[account: account].iam.user(named: name) else {
            throw ServiceErrors.sessionCredentialsRefused(operation: "GetSessionToken")
        }
        let duration = try call.integer("DurationSeconds")
        try Validation.check([], numeric: Validation.range(duration, member: "durationSeconds", min: 900, max: Self.longestUserSessionDuration))
        // The sandbox's users have no MFA devices: a code is refused as STS refuses one for a device not the user's.
        if call.optional("SerialNumber") != nil || call.optional("TokenCode") != nil {
            throw ServiceErrors.mfaNotAssociated
        }
        let session = UserSession(
            accessKeyID: state.ids.uniqueID(prefix: "ASIA"), secretAccessKey: state.ids.secretAccessKey(),
            sessionToken: state.ids.sessionToken(), account: account, userName: name, userID: user.id,
            expiration: state.clock.now + (duration ?? Self.defaultUserSessionDuration))
        state.userSessions = (state.userSessions ?? [:]).merging([session.accessKeyID: session]) { $1 }
        pruneExpiredSessions()
        return .object([.init("Credentials", Self.credentials(session.accessKeyID, session.secretAccessKey, session.sessionToken,
                                                               expiring: session.expiration))])
    }

    /// A session may last at most its role's maximum (AssumeRole and AssumeRoleWithWebIdentity alike).
    static func checkDuration(_ seconds: Int, of role: IAMRole) throws(ServiceError) {
        if seconds > role.maxSessionDuration {
            throw ServiceError(code: "ValidationError", message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
    }

    /// The inline session policy a call passes (`Policy`), checked as an identity-based policy: it narrows the
    /// session, and a malformed one is refused before any session is made.
    static func sessionPolicy(of call: some ServiceParameters) throws(ServiceError) -> String? {
        guard let policy = call.optional("Policy") else { return nil }
        let check = PolicyEngine.check(policy, as: .identity)
        if let error = check.errors.first { throw ServiceError(code: "MalformedPolicyDocument", message: error.message) }
        return policy
    }

    /// The managed policies a call passes as session policies (`PolicyArns`, `[{"arn": …}]`).
    static func sessionPolicyARNs(of call: some ServiceParameters) -> [String] {
        call.list("PolicyArns").compactMap { $0["arn"]?.stringValue }
    }

    /// How full the packed form of the session's policies and tags is, in percent. AWS does not publish its packing;
    /// this grows with the plain text they take, as the real figure does.
    static func packedPolicySize(policy: String?, arns: [String], tags: [Tag]) -> Int {
        let text = (policy.map(quotaSize) ?? 0) + arns.reduce(0) { $0 + $1.count } + tags.reduce(0) { $0 + $1.key.count + $1.value.count }
        return min(100, max(1, text * 100 / 2048))
    }

    static func transitiveTags(of caller: Caller) -> [Tag] {
        guard case .roleSession(let session) = caller, let keys = session.transitiveTagKeys else { return [] }
        let transitive = Set(keys.map(Tag.normalizedKey))
        return (session.sessionTags ?? []).filter { transitive.contains($0.normalizedKey) }
    }

    static func transitiveKeys(of caller: Caller) -> [String] {
        guard case .roleSession(let session) = caller else { return [] }
        return session.transitiveTagKeys ?? []
    }

    static func sourceIdentity(of caller: Caller) -> String? {
        guard case .roleSession(let session) = caller else { return nil }
        return session.sourceIdentity
    }

    func credentialsResponse(_ session: RoleSession) -> AWSValue {
        Self.credentials(session.accessKeyID, session.secretAccessKey, session.sessionToken, expiring: session.expiration)
    }

    /// STS's `Credentials`, for a role's session and a user's alike.
    static func credentials(_ accessKeyID: String, _ secret: String, _ token: String, expiring expiration: Int) -> AWSValue {
        .object([
            .init("AccessKeyId", .string(accessKeyID)), .init("SecretAccessKey", .string(secret)),
            .init("SessionToken", .string(token)), .init("Expiration", .string(SandboxClock.iso8601(expiration))),
        ])
    }

    /// Mints temporary credentials for a role, for learners' AssumeRole calls and for services that assume roles.
    mutating func issueSession(for role: IAMRole, sessionName: String, duration: Int, chained: Bool = false,
                               sessionPolicy: String? = nil, sourceIdentity: String? = nil) -> RoleSession {
        let session = RoleSession(
            accessKeyID: state.ids.uniqueID(prefix: "ASIA"), secretAccessKey: state.ids.secretAccessKey(),
            sessionToken: state.ids.sessionToken(), account: role.account, roleName: role.name, roleID: role.id, roleARN: role.arn,
            sessionName: sessionName, expiration: state.clock.now + duration, isChained: chained,
            sessionPolicy: sessionPolicy, sourceIdentity: sourceIdentity
        )
        state.sessions[session.accessKeyID] = session
        pruneExpiredSessions()
        return session
    }

    /// Long-expired sessions can never authenticate again; dropping them keeps saved states small. Their key ids
    /// are kept, so that using one still reads as an expired token.
    private mutating func pruneExpiredSessions() {
        let cutoff = state.clock.now - 86_400
        let dropped = state.sessions.filter { $0.value.expiration <= cutoff }
        let droppedUsers = state.userSessions?.filter { $0.value.expiration <= cutoff } ?? [:]
        guard !dropped.isEmpty || !droppedUsers.isEmpty else { return }
        state.expiredSessionKeys = (state.expiredSessionKeys ?? []).union(dropped.keys).union(droppedUsers.keys)
        for key in dropped.keys { state.sessions[key] = nil }
        for key in droppedUsers.keys { state.userSessions?[key] = nil }
    }

    /// Whether a service principal may assume the role under its trust policy, as AWS checks before a service
    /// uses a role it was handed.
    func trustAllowsService(_ role: IAMRole, service: String) -> Bool {
        guard let trust = cache.policy(role.trustPolicy, type: .trust, name: "trust policy of role \(role.name)") else { return false }
        let request = AccessRequest(principal: service, action: "sts:AssumeRole", resource: role.arn, resourceAccount: role.account)
        return PolicySet(resourcePolicy: trust).evaluate(request).isAllowed
    }
}
