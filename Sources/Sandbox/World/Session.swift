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

    var assumedRoleARN: String { ResourceARN.assumedRole(account: account, role: roleName, session: sessionName) }
    var assumedRoleID: String { "\(roleID):\(sessionName)" }
}
