import AWSCommands
import AWSModel
import Foundation
import Sandbox
import SavedFiles

/// Everything a learner's sandbox session keeps: the simulated AWS, the shell's environment variables and the aws
/// CLI's configuration (profiles). It saves as one JSON document.
public struct ShellState: Codable, Sendable, Equatable, VersionedFormat {
    public static let formatName = "sandbox state"
    /// 1: the first release (no `formatVersion` field). 2: `roleCredentialCache` replaces `profileSessionCounter`.
    /// 3: the sandbox no longer keeps a pending Lambda invocation (it was always cleared before a save).
    /// 4: `unexported` shell variables, and IAM's OIDC providers and service-linked role deletions: a RoleCall of
    /// format 3 would drop them on saving, so it must see the file as newer and keep the original.
    /// 5: a role session's managed session policies, session tags and transitive tag keys, which format 4 would drop
    /// (and so give the session back the permissions its session policies took away), and a table's capacities.
    /// 6: a bucket's Block Public Access settings, which format 5 would drop (and so let a public policy in), an
    /// instance's tags, a function's environment variables, and a stack's capabilities and deletion time. A bucket saved before has no settings, as a bucket
    /// AWS made before April 2023.
    /// 7: users' temporary credentials from GetSessionToken, which format 6 would drop (and so log the learner out of
    /// a session they had started).
    public static let currentFormatVersion = 7

    public var formatVersion = ShellState.currentFormatVersion
    public var sandbox: SandboxState
    /// Variables set with `export`, as the aws CLI reads them (AWS_ACCESS_KEY_ID, AWS_PROFILE, …).
    public var variables: [String: String]
    public var configuration: CLIConfiguration
    /// Names set by a plain `NAME=value` line and never exported: `$NAME` sees them, programs such as the aws CLI
    /// do not, as in a POSIX shell. Optional, so states saved before it load.
    public var unexported: Set<String>?
    /// Credentials the CLI assumed for role_arn profiles, reused until they near expiry (the CLI's cache).
    public var roleCredentialCache: [String: CachedRoleCredentials] = [:]

    public init(sandbox: SandboxState, variables: [String: String], configuration: CLIConfiguration) {
        self.sandbox = sandbox
        self.variables = variables
        self.configuration = configuration
    }

    /// The variables a command started from the shell sees: the exported ones.
    public var environment: [String: String] {
        guard let unexported, !unexported.isEmpty else { return variables }
        return variables.filter { !unexported.contains($0.key) }
    }

    /// Version 1 numbered role sessions with a counter and cached nothing: an empty cache is right for it. Version 2
    /// needs nothing either: the field it drops was empty in every save. Version 3 had no shell variables apart from
    /// the environment (no `unexported`, so every variable stays exported, as it was) and no providers. Version 4
    /// sessions had no managed session policies or session tags: absent is right for them. Version 5 buckets had no
    /// Block Public Access settings, instances no tags and functions no environment: absent is right for them too
    /// (a bucket with no settings is one AWS made before April 2023). Version 6 had no users' sessions.
    public mutating func migrate(from version: Int) {}

    /// A fresh world, with the learner's access keys configured as the default profile, as `aws configure` leaves it.
    /// `idSeed` starts the world's id generator: lessons pass their own, so two lessons never hand out the same
    /// access key or role id.
    public static func initial(idSeed: UInt64 = 0) -> ShellState {
        let sandbox = SandboxState.initial(seed: idSeed)
        var configuration = CLIConfiguration()
        let keys = sandbox.learnerCredentials
        configuration.set("aws_access_key_id", to: keys.accessKeyID, inProfile: "default")
        configuration.set("aws_secret_access_key", to: keys.secretAccessKey, inProfile: "default")
        configuration.set("region", to: SandboxState.region, inProfile: "default")
        configuration.set("output", to: "json", inProfile: "default")
        // The partner account's administrator, for the cross-account lessons: `--profile partner`.
        let partner = sandbox.partnerCredentials
        configuration.set("aws_access_key_id", to: partner.accessKeyID, inProfile: "partner")
        configuration.set("aws_secret_access_key", to: partner.secretAccessKey, inProfile: "partner")
        configuration.set("region", to: SandboxState.region, inProfile: "partner")
        // Like AWS CloudShell, the shell starts with the region in the environment, so every profile has one.
        return ShellState(sandbox: sandbox, variables: ["AWS_DEFAULT_REGION": SandboxState.region], configuration: configuration)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a saved state of this or any earlier format; see `SavedFormat` for files from a newer RoleCall.
    public static func decoded(from data: Data) throws(TolerantDecoder.Failure) -> LoadedFormat<ShellState> {
        try SavedFormat.decode(ShellState.self, from: data)
    }
}
