/// Temporary credentials issued by STS for a role: who holds them and until when.
struct RoleSession: Codable, Hashable, Sendable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String
    var account: String
    var roleName: String
    var roleID: String
    var roleARN: String
    var sessionName: String
    var expiration: Int
    /// Set when these credentials were obtained with other role credentials (role chaining).
    var isChained: Bool
    var sessionPolicy: String?
    var sourceIdentity: String?
    /// Managed policies passed as session policies (`--policy-arns`): read when each request is authorized, as the
    /// policies they name are then.
    var sessionPolicyARNs: [String]?
    /// Session tags (`--tags`): the session's `aws:PrincipalTag/…`, over the role's own tags of the same key.
    var sessionTags: [Tag]?
    /// The session tags that pass on to the sessions this one assumes (role chaining).
    var transitiveTagKeys: [String]?

    var assumedRoleARN: String { ResourceARN.assumedRole(account: account, role: roleName, session: sessionName) }
    var assumedRoleID: String { "\(roleID):\(sessionName)" }
}

/// Temporary credentials an IAM user got with GetSessionToken: the user's own permissions for a while, with IAM's
/// operations and most of STS's out of reach (STS API Reference, GetSessionToken).
struct UserSession: Codable, Hashable, Sendable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String
    var account: String
    var userName: String
    /// The user's unique id: a user deleted and made again under the same name is another user, whom these
    /// credentials do not reach.
    var userID: String
    var expiration: Int
}
