/// How a Principal element named the caller. The strength matters: AWS lets a same-account resource
/// policy that names a user or role session grant access on its own, while naming the account only
/// delegates to that account's identity-based policies.
public enum PrincipalGrant: Int, Sendable, Comparable {
    /// The account (its id or root ARN): the account's own identity policies must also allow.
    case account = 1
    /// `"*"`: everyone.
    case everyone = 2
    /// The role a session belongs to: the session's boundary and session policy still apply.
    case role = 3
    /// The exact user, role session, service or federated identity.
    case exact = 4

    public static func < (lhs: PrincipalGrant, rhs: PrincipalGrant) -> Bool { lhs.rawValue < rhs.rawValue }

    var phrase: String {
        switch self {
        case .account: return "names the caller's account, which delegates to the account's identity-based policies"
        case .everyone: return "names everyone (\"*\")"
        case .role: return "names the role the caller's session belongs to"
        case .exact: return "names the caller exactly"
        }
    }
}

/// The compiled Principal / NotPrincipal element.
struct PrincipalMatcher: Sendable {
    let isNegated: Bool
    private let isEveryone: Bool
    private let entries: [PrincipalEntry]

    init(_ element: PrincipalElement) {
        isNegated = element.isNegated
        isEveryone = element.isEveryone
        entries = element.entries
    }

    /// How strongly the element names the caller; nil when it does not name them at all.
    func grant(for principal: RequestPrincipal) -> PrincipalGrant? {
        if isEveryone { return .everyone }
        var best: PrincipalGrant?
        for entry in entries {
            if let grant = Self.grant(entry, principal), best.map({ grant > $0 }) ?? true { best = grant }
        }
        return best
    }

    /// For Principal: the grant; for NotPrincipal: `.everyone` when the caller is *not* listed.
    func applies(to principal: RequestPrincipal) -> PrincipalGrant? {
        let named = grant(for: principal)
        guard isNegated else { return named }
        return named == nil ? .everyone : nil
    }

    func verdict(for principal: RequestPrincipal) -> ElementVerdict {
        let outcome = applies(to: principal)
        let name = isNegated ? "NotPrincipal" : "Principal"
        if isNegated {
            return outcome != nil
                ? ElementVerdict(matches: true, reason: "\(principal.text) is not listed in NotPrincipal, so the statement applies")
                : ElementVerdict(matches: false, reason: "NotPrincipal lists \(principal.text), so the statement does not apply")
        }
        guard let outcome else {
            let listed = isEveryone ? "\"*\"" : list(entries.map { "\($0.kind.rawValue): \($0.value.value)" })
            return ElementVerdict(matches: false, reason: "\(name) \(listed) does not name \(principal.text)")
        }
        return ElementVerdict(matches: true, reason: "\(name) \(outcome.phrase)")
    }

    private static func grant(_ entry: PrincipalEntry, _ principal: RequestPrincipal) -> PrincipalGrant? {
        let value = entry.value.value
        switch entry.kind {
        case .aws:
            if value == "*" { return .everyone }
            // An identity provider's token is only ever named under "Federated", even by its account's id.
            if principal.kind == .identityProvider { return nil }
            if value.count == 12, value.allSatisfy(\.isNumber) {
                return principal.account == value && principal.kind != .service ? .account : nil
            }
            if value == principal.text { return .exact }
            guard let arn = ARN(value), arn.service == "iam" || arn.service == "sts" else { return nil }
            if arn.service == "iam" && arn.resource == "root" {
                guard principal.account == arn.account else { return nil }
                return principal.kind == .accountRoot ? .exact : .account
            }
            if arn.service == "iam", arn.resource.hasPrefix("role/"),
               case .assumedRole(let roleName, _) = principal.kind, principal.account == arn.account,
               arn.resource.split(separator: "/").last.map(String.init) == roleName {
                return .role
            }
            return nil
        case .service, .federated, .canonicalUser:
            return value == principal.text ? .exact : nil
        }
    }
}
