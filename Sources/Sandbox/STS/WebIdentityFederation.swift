import AWSModel
import PolicyEngine

/// AssumeRoleWithWebIdentity: a workload outside AWS (a GitHub Actions job) trades an OIDC ID token for a role's
/// temporary credentials, with no AWS keys at all. The call is unsigned; the token is the credential.
extension Sandbox {
    /// STS's calls that need no signature, dispatched by `Sandbox.send` before authentication.
    static let unsignedOperations: [String: @Sendable (inout Sandbox, UnsignedCall) throws(ServiceError) -> AWSValue] = [
        "sts.AssumeRoleWithWebIdentity": { sandbox, call throws(ServiceError) in try sandbox.assumeRoleWithWebIdentity(call) },
    ]

    static func invalidIdentityToken(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidIdentityToken", message: message)
    }

    mutating func assumeRoleWithWebIdentity(_ call: UnsignedCall) throws(ServiceError) -> AWSValue {
        let roleARN = try call.required("RoleArn")
        let sessionName = try call.required("RoleSessionName")
        let tokenText = try call.required("WebIdentityToken")
        let duration = try call.integer("DurationSeconds")
        try Validation.check([(sessionName, .roleSessionName)],
                             numeric: Validation.range(duration, member: "durationSeconds", min: 900, max: 43200))
        // A token read from a file (`file://token.jwt`) may end with the file's line break: `decode` reads past it.
        let token: WebIdentityToken
        switch WebIdentityToken.decode(tokenText) {
        case .failure(.malformed), .failure(.badSignature):
            // AWS's documented words for a token it cannot validate: not a JWT, or not signed by its issuer's key.
            throw Self.invalidIdentityToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.")
        case .failure(.missingClaim(let claim)): throw Self.invalidIdentityToken("Missing a required claim: \(claim)")
        case .success(let decoded): token = decoded
        }

        let denied = "Not authorized to perform sts:AssumeRoleWithWebIdentity"
        guard let parsed = ARN(roleARN), parsed.service == "iam", parsed.resource.hasPrefix("role/") else {
            throw ServiceError(code: "ValidationError", message: "Request ARN is invalid")
        }
        let roleName = String(parsed.resource.split(separator: "/").last ?? "")
        guard let role = state[account: parsed.account].iam.role(named: roleName), role.arn == roleARN else {
            recordWebIdentityDenial(roleARN: roleARN, principal: token.issuer, message: denied,
                                    explanation: ["There is no role \(roleARN) in the sandbox. Check the account id and the role name."])
            throw ServiceErrors.accessDenied(service: "sts", message: denied)
        }
        // The issuer must be the provider's URL exactly, as STS compares them.
        guard let provider = provider(forIssuer: token.issuer, account: role.account), token.issuer == "https://" + provider.url else {
            throw Self.invalidIdentityToken("No OpenIDConnect provider found in your account for \(token.issuer)")
        }
        guard provider.clientIDs.contains(token.audience) else {
            throw Self.invalidIdentityToken("Incorrect token audience")
        }
        guard token.issuedAt <= state.clock.now else {
            throw Self.invalidIdentityToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.")
        }
        guard state.clock.now < token.expiresAt else {
            throw ServiceError(code: "ExpiredTokenException", message: "Token expired: current date/time \(state.clock.now) must be before the expiration date/time \(token.expiresAt)")
        }

        let (trust, request) = webIdentityTrust(of: role, provider: provider, token: token, sessionName: sessionName)
        guard trust.evaluate(request).isAllowed else {
            let evaluation = trust.explain(request)
            recordWebIdentityDenial(roleARN: roleARN, principal: provider.arn, message: denied, explanation: evaluation.explanation,
                                    decision: evaluation.decision.outcome.rawValue)
            throw ServiceErrors.accessDenied(service: "sts", message: denied)
        }
        let seconds = duration ?? Self.defaultSessionDuration
        try Self.checkDuration(seconds, of: role)
        // A session policy narrows the session as it does for AssumeRole.
        let sessionPolicy = try Self.sessionPolicy(of: call)
        var session = issueSession(for: role, sessionName: sessionName, duration: seconds, sessionPolicy: sessionPolicy)
        let sessionPolicyARNs = Self.sessionPolicyARNs(of: call)
        if !sessionPolicyARNs.isEmpty {
            session.sessionPolicyARNs = sessionPolicyARNs
            state.sessions[session.accessKeyID] = session
        }
        return .object([
            .init("Credentials", credentialsResponse(session)),
            .init("SubjectFromWebIdentityToken", .string(token.subject)),
            .init("AssumedRoleUser", .object([.init("AssumedRoleId", .string(session.assumedRoleID)), .init("Arn", .string(session.assumedRoleARN))])),
            .init("Provider", .string(provider.arn)),
            .init("Audience", .string(token.audience)),
        ])
    }

    /// The role's trust policy and the request it judges: the provider as the `Federated` principal, and the token's
    /// claims as condition keys named after the provider (`token.actions.githubusercontent.com:sub`).
    func webIdentityTrust(of role: IAMRole, provider: OpenIDConnectProvider, token: WebIdentityToken,
                          sessionName: String) -> (PolicySet, AccessRequest) {
        var context: [String: [String]] = [
            "\(provider.url):aud": [token.audience], "\(provider.url):sub": [token.subject],
            "sts:RoleSessionName": [sessionName],
            "aws:CurrentTime": [SandboxClock.iso8601Zulu(state.clock.now)], "aws:EpochTime": [String(state.clock.now)],
        ]
        for (claim, value) in token.otherClaims where Self.githubClaimKeys.contains(claim) && provider.url == "token.actions.githubusercontent.com" {
            context["\(provider.url):\(claim)"] = [value]
        }
        let request = AccessRequest(principal: provider.arn, action: "sts:AssumeRoleWithWebIdentity", resource: role.arn,
                                    resourceAccount: role.account, context: context)
        return (PolicySet(resourcePolicy: cache.policy(role.trustPolicy, type: .trust, name: "trust policy of role \(role.name)")), request)
    }

    /// Whether a GitHub Actions job whose token has `subject` (and the usual audience) may assume the role through
    /// the account's GitHub provider, for task checks: false when the account has no such provider.
    public func roleTrustsGitHubToken(_ name: String, subject: String, account: String = SandboxState.learnerAccount) -> Bool {
        guard let role = state[account: account].iam.role(named: name),
              let provider = provider(forIssuer: WebIdentityToken.githubIssuer, account: account),
              provider.clientIDs.contains(WebIdentityToken.stsAudience) else { return false }
        let token = WebIdentityToken.github(subject: subject, issuedAt: state.clock.now)
        let (trust, request) = webIdentityTrust(of: role, provider: provider, token: token, sessionName: "check")
        return trust.evaluate(request).isAllowed
    }

    /// The GitHub claims STS offers as condition keys besides `aud` and `sub` (since January 2026).
    static let githubClaimKeys: Set = ["actor", "actor_id", "job_workflow_ref", "repository", "repository_id", "workflow", "ref", "environment"]

    private mutating func recordWebIdentityDenial(roleARN: String, principal: String, message: String, explanation: [String],
                                                  decision: String = "ImplicitDeny") {
        state.lastDenial = Denial(service: "sts", operation: "AssumeRoleWithWebIdentity", action: "sts:AssumeRoleWithWebIdentity",
                                  resource: roleARN, principal: principal, decision: decision, explanation: explanation, message: message)
    }
}
