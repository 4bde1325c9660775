/// Who is making a request, read from the ARN (or service name) the request carries.
public struct RequestPrincipal: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case accountRoot
        case user(name: String)
        case role(name: String)
        /// A role session from sts:AssumeRole*; `role` is the role's name without path.
        case assumedRole(role: String, session: String)
        case federatedUser(name: String)
        /// An AWS service such as `lambda.amazonaws.com`.
        case service
        /// An identity provider in IAM (`…:oidc-provider/…`, `…:saml-provider/…`), for AssumeRoleWith*: a policy names
        /// it as a `Federated` principal, never as an `AWS` one.
        case identityProvider
        /// Anything else (`*`, a canonical user id, an identity provider): has no identity policies.
        case other
    }

    public let text: String
    public let kind: Kind
    /// The account the principal belongs to; nil for services and other principals.
    public let account: String?
    public let partition: String

    public init(_ text: String) {
        self.text = text
        if text.utf8.count == 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            kind = .accountRoot
            account = text
            partition = "aws"
            return
        }
        guard let arn = ARN(text), arn.service == "iam" || arn.service == "sts" else {
            kind = text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") ? .service : .other
            account = nil
            partition = "aws"
            return
        }
        account = arn.account
        partition = arn.partition
        let resource = arn.resource
        let type = resource.utf8.firstIndex(of: UInt8(ascii: "/")).map { String(resource[..<$0]) } ?? resource
        let lastName = resource.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(resource[resource.utf8.index(after: $0)...]) } ?? ""
        switch (arn.service, type) {
        case ("iam", "root"):
            kind = .accountRoot
        case ("iam", "user") where !lastName.isEmpty:
            kind = .user(name: lastName)
        case ("iam", "role") where !lastName.isEmpty:
            kind = .role(name: lastName)
        case ("sts", "assumed-role"):
            // Cut as bytes: every request's caller is read here, and `split` by Character is several times slower.
            let path = resource.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            kind = path.count == 3 ? .assumedRole(role: String(decoding: path[1], as: UTF8.self), session: String(decoding: path[2], as: UTF8.self)) : .other
        case ("sts", "federated-user") where !lastName.isEmpty:
            kind = .federatedUser(name: lastName)
        case ("iam", "oidc-provider"), ("iam", "saml-provider"):
            kind = .identityProvider
        default:
            kind = .other
        }
    }

    /// What `aws:PrincipalArn` holds: for a role session it is the role's ARN, not the session's.
    public var principalArn: String {
        if case .assumedRole(let role, _) = kind, let account {
            return "arn:\(partition):iam::\(account):role/\(role)"
        }
        if case .accountRoot = kind, let account, !text.hasPrefix("arn:") {
            return "arn:\(partition):iam::\(account):root"
        }
        return text
    }

    /// Whether identity-based policies can exist for this principal at all.
    var hasIdentityPolicies: Bool {
        switch kind {
        case .user, .role, .assumedRole, .federatedUser: return true
        case .accountRoot, .service, .identityProvider, .other: return false
        }
    }
}
