/// The sandbox state a lesson starts from, as declared in its front matter under `sandbox`.
public struct SandboxSeed: Hashable, Sendable, Codable {
    public struct Bucket: Hashable, Sendable, Codable {
        public var name: String
        /// Object key to content, in declaration order.
        public var objects: [KeyValue]
        /// The name of a seeded file holding the bucket policy.
        public var policyFile: String?

        public init(name: String, objects: [KeyValue] = [], policyFile: String? = nil) {
            self.name = name
            self.objects = objects
            self.policyFile = policyFile
        }
    }

    public struct Table: Hashable, Sendable, Codable {
        public var name: String
        public var key: String

        public init(name: String, key: String) {
            self.name = name
            self.key = key
        }
    }

    public struct User: Hashable, Sendable, Codable {
        public var name: String
        public var managedPolicies: [String]

        public init(name: String, managedPolicies: [String] = []) {
            self.name = name
            self.managedPolicies = managedPolicies
        }
    }

    public struct Role: Hashable, Sendable, Codable {
        public var name: String
        /// The name of a seeded file holding the trust policy.
        public var trustFile: String
        public var managedPolicies: [String]
        public var description: String

        public init(name: String, trustFile: String, managedPolicies: [String] = [], description: String = "") {
            self.name = name
            self.trustFile = trustFile
            self.managedPolicies = managedPolicies
            self.description = description
        }
    }

    public struct KeyValue: Hashable, Sendable, Codable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// File name to content: the learner's working folder, for `file://` arguments.
    public var files: [KeyValue]
    public var buckets: [Bucket]
    public var tables: [Table]
    public var users: [User]
    public var roles: [Role]

    public init(files: [KeyValue] = [], buckets: [Bucket] = [], tables: [Table] = [], users: [User] = [], roles: [Role] = []) {
        self.files = files
        self.buckets = buckets
        self.tables = tables
        self.users = users
        self.roles = roles
    }

    public var isEmpty: Bool { files.isEmpty && buckets.isEmpty && tables.isEmpty && users.isEmpty && roles.isEmpty }

    public func file(named name: String) -> String? {
        files.first { $0.key == name }?.value
    }
}
