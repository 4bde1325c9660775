/// Who signed a request, once the access key has been looked up.
enum Caller: Hashable, Sendable {
    case user(account: String, name: String)
    case roleSession(RoleSession)
    /// An unsigned request (`--no-sign-request`), which S3 weighs against bucket policies that allow everyone.
    case anonymous

    var account: String {
        switch self {
        case .user(let account, _): return account
        case .roleSession(let session): return session.account
        case .anonymous: return ""
        }
    }

    var isRoleSession: Bool {
        if case .roleSession = self { return true }
        return false
    }
}
