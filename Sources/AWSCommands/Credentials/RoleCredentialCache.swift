import AWSModel

/// Credentials the CLI got by assuming a profile's role, kept until they are about to expire, as the aws CLI keeps
/// them in `~/.aws/cli/cache`: the next command with the same profile uses them instead of assuming the role again.
public struct CachedRoleCredentials: Codable, Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Seconds since 1970, on the sandbox clock.
    public var expiration: Int

    var credentials: AWSCredentials {
        AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }
}

enum RoleCredentialCache {
    /// botocore refreshes assumed-role credentials that expire within 15 minutes.
    static let refreshWindow = 15 * 60

    /// The cache key: what botocore hashes for its cache file name (the role and the options of the call).
    static func key(roleARN: String, settings: [String: String]) -> String {
        [roleARN, settings["role_session_name"] ?? "", settings["external_id"] ?? "", settings["duration_seconds"] ?? "",
         settings["mfa_serial"] ?? ""].joined(separator: "\u{1F}")
    }

    static func usable(_ cached: CachedRoleCredentials?, now: Int) -> AWSCredentials? {
        guard let cached, cached.expiration - now > refreshWindow else { return nil }
        return cached.credentials
    }

    /// Seconds since 1970 of an ISO 8601 time as STS writes it (`2026-01-15T10:00:00Z` or `…+00:00`), read as every
    /// time a learner types is.
    static func epoch(_ text: String) -> Int? {
        ISO8601Reading.epochMilliseconds(text).map { $0 >= 0 ? $0 / 1000 : ($0 - 999) / 1000 }
    }
}
