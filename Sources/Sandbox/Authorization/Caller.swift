/// Who signed a request, once the access key has been looked up.
enum Caller: Hashable, Sendable {
    case user(account: String, name: String)
    case roleSession(RoleSession)

    var account: String {
        switch self {
        case .user(let account, _): return account
        case .roleSession(let session): return session.account
        }
    }

    var isRoleSession: Bool {
        if case .roleSession = self { return true }
        return false
    }
}
