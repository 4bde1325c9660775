/// Who signed a request, once the access key has been looked up.
enum Caller: Hashable, Sendable {
    /// An IAM user, with its long-term access key or with temporary credentials it got from GetSessionToken
    /// (`temporary`), which carry `aws:MultiFactorAuthPresent` as temporary credentials do.
    case user(account: String, name: String, temporary: Bool)
    case roleSession(RoleSession)
    /// An unsigned request (`--no-sign-request`), which S3 weighs against bucket policies that allow everyone.
    case anonymous

    var account: String {
        switch self {
        case .user(let account, _, _): return account
        case .roleSession(let session): return session.account
        case .anonymous: return ""
        }
    }

    var isRoleSession: Bool {
        if case .roleSession = self { return true }
        return false
    }
}
