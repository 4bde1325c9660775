/// What `~/.aws/config` and `~/.aws/credentials` hold together: profiles by name, each a set of settings
/// (aws_access_key_id, aws_secret_access_key, region, output, role_arn, source_profile, external_id,
/// duration_seconds, role_session_name).
///
/// The two files are one value here because the sandbox has no file system of its own to keep them apart,
/// and the CLI merges them the same way when it looks a setting up.
public struct CLIConfiguration: Codable, Equatable, Sendable {
    public var profiles: [String: [String: String]]

    public init(profiles: [String: [String: String]] = [:]) {
        self.profiles = profiles
    }

    public func setting(_ name: String, inProfile profile: String) -> String? {
        profiles[profile]?[name]
    }

    public mutating func set(_ name: String, to value: String, inProfile profile: String) {
        profiles[profile, default: [:]][name] = value
    }
}
