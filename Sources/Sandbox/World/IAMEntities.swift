/// A policy document stored under a name (an inline policy).
struct NamedDocument: Codable, Hashable, Sendable {
    var name: String
    var document: String
}

struct Tag: Codable, Hashable, Sendable {
    var key: String
    var value: String

    /// Tag keys are case-insensitive in IAM and STS (`env` and `Env` are one key): every comparison of keys goes
    /// through this.
    static func normalizedKey(_ key: String) -> String { key.lowercased() }
    var normalizedKey: String { Self.normalizedKey(key) }
}

struct AccessKey: Codable, Hashable, Sendable {
    var id: String
    var secret: String
    var isActive: Bool
    var created: Int
}

struct IAMUser: Codable, Hashable, Sendable {
    var name: String
    var id: String
    var path: String
    var account: String
    var created: Int
    var attachedPolicies: [String] = []
    var inlinePolicies: [NamedDocument] = []
    var accessKeys: [AccessKey] = []
    var tags: [Tag] = []
    var permissionsBoundary: String?

    var arn: String { ResourceARN.iam(account: account, kind: "user", path: path, name: name) }
}

struct IAMRole: Codable, Hashable, Sendable {
    var name: String
    var id: String
    var path: String
    var account: String
    var created: Int
    var trustPolicy: String
    var description: String?
    var maxSessionDuration: Int = 3600
    var attachedPolicies: [String] = []
    var inlinePolicies: [NamedDocument] = []
    var tags: [Tag] = []
    var permissionsBoundary: String?

    var arn: String { ResourceARN.iam(account: account, kind: "role", path: path, name: name) }
}

struct PolicyVersion: Codable, Hashable, Sendable {
    var id: String
    var document: String
    var created: Int
}

struct CustomerManagedPolicy: Codable, Hashable, Sendable {
    var name: String
    var id: String
    var path: String
    var account: String
    var description: String?
    var created: Int
    var updated: Int
    var defaultVersion: String
    var versions: [PolicyVersion]
    /// The next version number; AWS never reuses a deleted version's id.
    var nextVersion: Int = 2

    var arn: String { ResourceARN.iam(account: account, kind: "policy", path: path, name: name) }
    var defaultDocument: String { versions.first { $0.id == defaultVersion }?.document ?? "" }
}

struct InstanceProfile: Codable, Hashable, Sendable {
    var name: String
    var id: String
    var path: String
    var account: String
    var created: Int
    var roleNames: [String] = []

    var arn: String { ResourceARN.iam(account: account, kind: "instance-profile", path: path, name: name) }
}

/// One AWS account's IAM. Names are unique case-insensitively, so entities are kept by lower-cased name.
struct IAMAccount: Codable, Hashable, Sendable {
    var users: [String: IAMUser] = [:]
    var roles: [String: IAMRole] = [:]
    var policies: [String: CustomerManagedPolicy] = [:]
    var instanceProfiles: [String: InstanceProfile] = [:]
    /// By URL without `https://` (`token.actions.githubusercontent.com`). Optional, so states saved before
    /// identity providers existed still load.
    var openIDConnectProviders: [String: OpenIDConnectProvider]?
    /// Deletion tasks of service-linked roles, by task id: the role's name once deleted.
    var serviceLinkedRoleDeletions: [String: String]?

    func user(named name: String) -> IAMUser? { users[name.lowercased()] }
    func role(named name: String) -> IAMRole? { roles[name.lowercased()] }
    func instanceProfile(named name: String) -> InstanceProfile? { instanceProfiles[name.lowercased()] }
}

/// An OpenID Connect identity provider registered in IAM: whose web identity tokens the account accepts, and for
/// which audiences (client ids).
struct OpenIDConnectProvider: Codable, Hashable, Sendable {
    /// The issuer URL without `https://`, as IAM shows it and names the provider's ARN with.
    var url: String
    var account: String
    var clientIDs: [String]
    var thumbprints: [String]
    var created: Int
    var tags: [Tag] = []

    var arn: String { "arn:\(ResourceARN.partition):iam::\(account):oidc-provider/\(url)" }
}

extension IAMRole {
    /// IAM keeps service-linked roles under this path, and it is how they are told apart: AWS owns them.
    var isServiceLinked: Bool { path.hasPrefix("/aws-service-role/") }
}
