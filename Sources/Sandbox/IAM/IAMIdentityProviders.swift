import AWSModel
import PolicyEngine

/// OpenID Connect identity providers: which issuers' web identity tokens the account trusts, for which audiences.
/// A role then names the provider as a `Federated` principal and is assumed with AssumeRoleWithWebIdentity.
extension Sandbox {
    /// `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`: IAM keeps (and names
    /// the ARN with) the URL without its scheme or a trailing slash.
    static func providerKey(forURL url: String) -> String {
        var key = url.hasPrefix("https://") ? String(url.dropFirst("https://".count)) : url
        while key.hasSuffix("/") { key.removeLast() }
        return key
    }

    /// The provider an ARN names, if the ARN is a well-formed OIDC provider ARN of the caller's account.
    private func provider(arn: String, account: String) -> OpenIDConnectProvider? {
        let prefix = "arn:\(ResourceARN.partition):iam::\(account):oidc-provider/"
        guard arn.hasPrefix(prefix) else { return nil }
        return state[account: account].iam.openIDConnectProviders?[String(arn.dropFirst(prefix.count))]
    }

    /// The provider the ARN names, after checking the caller may act on it (IAM authorizes before it looks).
    private mutating func authorizedProvider(_ call: Call, action: String, missing: (String) -> String) throws(ServiceError) -> OpenIDConnectProvider {
        let arn = try call.required("OpenIDConnectProviderArn")
        guard ARN(arn).map({ $0.service == "iam" && $0.resource.hasPrefix("oidc-provider/") }) ?? false else {
            throw ServiceError(code: "InvalidInput", message: "ARN \(arn) is not valid.")
        }
        try authorize(call, action: action, resource: arn)
        guard let provider = provider(arn: arn, account: call.caller.account) else {
            throw ServiceError(code: "NoSuchEntity", message: missing(arn))
        }
        return provider
    }

    mutating func createOpenIDConnectProvider(_ call: Call) throws(ServiceError) -> AWSValue {
        let url = try call.required("Url")
        let clientIDs = call.strings("ClientIDList")
        let thumbprints = call.strings("ThumbprintList")
        if thumbprints.contains(where: { $0.count != 40 }) {
            throw ServiceError(code: "ValidationError", message: "1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")
        }
        // The URL must be the issuer (`iss`) exactly: https, a host, perhaps a path, and no query.
        guard url.hasPrefix("https://"), url.count > "https://".count, !url.contains("?"), !url.contains("#") else {
            throw ServiceError(code: "ValidationError", message: "Invalid Open ID Connect Provider URL")
        }
        if thumbprints.count > 5 {
            throw ServiceError(code: "InvalidInput", message: "Thumbprint list must contain fewer than 5 entries.")
        }
        if clientIDs.count > 100 {
            throw ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100")
        }
        let key = Self.providerKey(forURL: url)
        let account = call.caller.account
        let arn = "arn:\(ResourceARN.partition):iam::\(account):oidc-provider/\(key)"
        try authorize(call, action: "iam:CreateOpenIDConnectProvider", resource: arn,
                      context: Self.taggingContext(tags: call.tags(), boundary: nil))
        if state[account: account].iam.openIDConnectProviders?[key] != nil {
            throw ServiceError(code: "EntityAlreadyExists", message: "Provider with url \(url) already exists.")
        }
        let provider = OpenIDConnectProvider(url: key, account: account, clientIDs: clientIDs, thumbprints: thumbprints,
                                             created: state.clock.now, tags: call.tags())
        state.accounts[account, default: AccountResources()].iam.openIDConnectProviders =
            (state[account: account].iam.openIDConnectProviders ?? [:]).merging([key: provider]) { $1 }
        var members: [AWSValue.Member] = [.init("OpenIDConnectProviderArn", .string(provider.arn))]
        if !provider.tags.isEmpty { members.append(.init("Tags", provider.tags.response)) }
        return .object(members)
    }

    mutating func getOpenIDConnectProvider(_ call: Call) throws(ServiceError) -> AWSValue {
        let provider = try authorizedProvider(call, action: "iam:GetOpenIDConnectProvider") { "OpenIDConnect Provider not found for arn \($0)" }
        let members: [AWSValue.Member] = [
            .init("Url", .string(provider.url)),
            .init("ClientIDList", .list(provider.clientIDs.map { .string($0) })),
            .init("ThumbprintList", .list(provider.thumbprints.map { .string($0) })),
            .init("CreateDate", .string(SandboxClock.iso8601(provider.created))),
            .init("Tags", provider.tags.response),
        ]
        return .object(members)
    }

    mutating func listOpenIDConnectProviders(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "iam:ListOpenIDConnectProviders", resource: iamARN(call, "oidc-provider", name: "*"))
        let providers = (state[account: call.caller.account].iam.openIDConnectProviders ?? [:]).values.sorted { $0.arn < $1.arn }
        return .object([.init("OpenIDConnectProviderList", .list(providers.map { .object([.init("Arn", .string($0.arn))]) }))])
    }

    mutating func deleteOpenIDConnectProvider(_ call: Call) throws(ServiceError) -> AWSValue {
        // IAM words this one differently from GetOpenIDConnectProvider's.
        let provider = try authorizedProvider(call, action: "iam:DeleteOpenIDConnectProvider") { "OpenId connect Provider \($0) cannot be found." }
        state.accounts[call.caller.account]?.iam.openIDConnectProviders?[provider.url] = nil
        return .object([])
    }

    /// The provider of the account that accepts tokens from this issuer, if any.
    func provider(forIssuer issuer: String, account: String) -> OpenIDConnectProvider? {
        state[account: account].iam.openIDConnectProviders?[Self.providerKey(forURL: issuer)]
    }
}
