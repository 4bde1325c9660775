/// The whole simulated world, as plain values: it saves to JSON and loads back to the same world.
public struct SandboxState: Codable, Hashable, Sendable {
    public static let learnerAccount = "123456789012"
    public static let partnerAccount = "210987654321"
    public static let region = "us-east-1"
    public static let learnerUserName = "learner"
    /// The address requests appear to come from, for aws:SourceIp conditions (a documentation range).
    public static let learnerSourceIP = "203.0.113.10"

    public var clock: SandboxClock
    var ids: IDGenerator
    var accounts: [String: AccountResources]
    /// Temporary credentials by access key id.
    var sessions: [String: RoleSession] = [:]
    /// Users' temporary credentials (GetSessionToken) by access key id; optional, so states saved before load.
    var userSessions: [String: UserSession]?
    /// Access key ids of sessions dropped long after they expired: AWS keeps answering ExpiredToken for them, not
    /// InvalidClientTokenId. (Optional so that states saved before it existed still load.)
    var expiredSessionKeys: Set<String>?
    /// S3 bucket names are global, so buckets live outside the accounts.
    var buckets: [String: S3Bucket] = [:]
    /// The learner's working folder: file name → content, for `file://` arguments.
    public var files: [String: String] = [:]
    var lastDenial: Denial?

    init(clock: SandboxClock, ids: IDGenerator, accounts: [String: AccountResources]) {
        self.clock = clock
        self.ids = ids
        self.accounts = accounts
    }

    /// The IAM user holding a long-term access key, with its account and the key: the one lookup authentication,
    /// "caller is" checks and `whoami` share.
    /// The secret of an access key: a role session's, or an active IAM user key's; nil for a key the sandbox does
    /// not know (what signed a request over HTTP is checked with it).
    public func secret(ofAccessKey id: String) -> String? {
        if let session = sessions[id] { return session.secretAccessKey }
        if let session = userSessions?[id] { return session.secretAccessKey }
        guard let owner = accessKeyOwner(id), owner.key.isActive else { return nil }
        return owner.key.secret
    }

    func accessKeyOwner(_ id: String) -> (account: String, user: IAMUser, key: AccessKey)? {
        for (account, resources) in accounts {
            for user in resources.iam.users.values {
                if let key = user.accessKeys.first(where: { $0.id == id }) { return (account, user, key) }
            }
        }
        return nil
    }

    subscript(account id: String) -> AccountResources {
        get { accounts[id] ?? AccountResources() }
        set { accounts[id] = newValue }
    }
}
