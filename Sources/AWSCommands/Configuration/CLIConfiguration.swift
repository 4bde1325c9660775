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

extension CLIConfiguration {
    /// Settings `aws configure set` writes to `~/.aws/credentials`; everything else goes to `~/.aws/config`.
    static let credentialKeys: Set<String> = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"]

    /// `~/.aws/config` as the CLI would have written it: `[default]`, then `[profile NAME]` sections.
    public var configFile: String {
        render(sectionName: { $0 == "default" ? "default" : "profile \($0)" }) { !Self.credentialKeys.contains($0) }
    }

    /// `~/.aws/credentials`: `[NAME]` sections holding the keys.
    public var credentialsFile: String {
        render(sectionName: { $0 }) { Self.credentialKeys.contains($0) }
    }

    private func render(sectionName: (String) -> String, keeping: (String) -> Bool) -> String {
        var sections: [String] = []
        let names = profiles.keys.sorted { ($0 == "default" ? 0 : 1, $0) < ($1 == "default" ? 0 : 1, $1) }
        for name in names {
            let settings = (profiles[name] ?? [:]).filter { keeping($0.key) }.sorted { $0.key < $1.key }
            guard !settings.isEmpty else { continue }
            sections.append("[\(sectionName(name))]\n" + settings.map { "\($0.key) = \($0.value)\n" }.joined())
        }
        return sections.joined(separator: "\n")
    }
}
