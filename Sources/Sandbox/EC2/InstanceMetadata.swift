import AWSModel

/// The instance metadata service at 169.254.169.254, as seen from inside an instance: the role name under
/// `iam/security-credentials/`, then the temporary credentials EC2 obtained by assuming that role, renewed well
/// before they expire.
extension Sandbox {
    public enum MetadataError: Error, Equatable, Sendable {
        case noSuchInstance(String)
        case instanceNotRunning(String)
        /// The path is not served; IMDS answers 404 Not Found.
        case notFound
        /// The role's trust policy does not let ec2.amazonaws.com assume it, so there are no credentials.
        case roleNotAssumable(role: String)
        /// IMDSv2: no session token on an instance that requires one, or a token that is wrong or expired (401).
        case unauthorized
        /// A token request without a valid `X-aws-ec2-metadata-token-ttl-seconds` (400).
        case badRequest
        /// The instance's metadata endpoint is turned off: nothing answers at 169.254.169.254.
        case endpointDisabled
    }

    /// IMDSv2 tokens live from 1 second to 6 hours.
    static let metadataTokenTTLs = 1...21_600

    /// `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: TTL`: a session token for this instance.
    public mutating func issueMetadataToken(_ id: String, ttl: Int?, account: String = SandboxState.learnerAccount) -> Result<String, MetadataError> {
        guard let instance = state[account: account].instances[id] else { return .failure(.noSuchInstance(id)) }
        guard (instance.metadataOptions ?? MetadataOptions()).httpEndpoint == "enabled" else { return .failure(.endpointDisabled) }
        guard let ttl, Self.metadataTokenTTLs.contains(ttl) else { return .failure(.badRequest) }
        let token = "AQAEA" + state.ids.hex(40) + "=="
        var tokens = (instance.metadataTokens ?? [:]).filter { $0.value > state.clock.now }
        // Anyone who reaches the metadata service may ask for tokens; the sandbox keeps the newest ones only, so
        // a loop of requests cannot grow the saved state without bound.
        while tokens.count >= Self.metadataTokenLimit, let oldest = tokens.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            tokens[oldest.key] = nil
        }
        tokens[token] = state.clock.now + ttl
        state.accounts[account]?.instances[id]?.metadataTokens = tokens
        return .success(token)
    }

    /// How many unexpired IMDSv2 tokens an instance keeps (the earliest to expire goes first).
    static let metadataTokenLimit = 64

    /// EC2 credentials last about six hours and are replaced at least five minutes before they run out.
    static let instanceCredentialLifetime = 6 * 3600
    static let instanceCredentialRefreshMargin = 5 * 60

    /// The most recently launched instance that is still running.
    public func latestInstanceID(account: String = SandboxState.learnerAccount) -> String? {
        state[account: account].instances.values.filter { $0.state == "running" }.max { ($0.launched, $0.id) < ($1.launched, $1.id) }?.id
    }

    /// `running` or `terminated`, or nil when there is no such instance.
    public func instanceState(_ id: String, account: String = SandboxState.learnerAccount) -> String? {
        state[account: account].instances[id]?.state
    }

    /// The role of an instance's profile, if it has one.
    func instanceRole(_ instance: EC2Instance) -> IAMRole? {
        guard let arn = instance.instanceProfileARN, let profile = instanceProfile(arn: arn),
              let roleName = profile.roleNames.first else { return nil }
        return state[account: profile.account].iam.role(named: roleName)
    }

    /// The credentials code on the instance gets, minting or renewing the role session as EC2 would.
    public mutating func instanceCredentials(_ id: String, account: String = SandboxState.learnerAccount) -> Result<AWSCredentials?, MetadataError> {
        guard let instance = state[account: account].instances[id] else { return .failure(.noSuchInstance(id)) }
        guard instance.state == "running" else { return .failure(.instanceNotRunning(id)) }
        guard let role = instanceRole(instance) else { return .success(nil) }
        guard trustAllowsService(role, service: "ec2.amazonaws.com") else { return .failure(.roleNotAssumable(role: role.name)) }
        if let key = instance.roleSessionKey, let session = state.sessions[key], session.roleID == role.id,
           session.expiration - state.clock.now > Self.instanceCredentialRefreshMargin {
            return .success(AWSCredentials(accessKeyID: session.accessKeyID, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken))
        }
        let session = issueSession(for: role, sessionName: id, duration: Self.instanceCredentialLifetime)
        state.accounts[account]?.instances[id]?.roleSessionKey = session.accessKeyID
        return .success(AWSCredentials(accessKeyID: session.accessKeyID, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken))
    }

    /// The body IMDS returns for a path under `http://169.254.169.254`.
    /// With `token` (the `X-aws-ec2-metadata-token` header) the request is IMDSv2 and the token must be one this
    /// instance issued and still valid; without it, it is IMDSv1, refused when the instance requires tokens.
    public mutating func instanceMetadata(_ id: String, path: String, token: String? = nil,
                                          account: String = SandboxState.learnerAccount) -> Result<String, MetadataError> {
        guard let instance = state[account: account].instances[id] else { return .failure(.noSuchInstance(id)) }
        let options = instance.metadataOptions ?? MetadataOptions()
        guard options.httpEndpoint == "enabled" else { return .failure(.endpointDisabled) }
        if let token {
            guard let expires = instance.metadataTokens?[token], expires > state.clock.now else { return .failure(.unauthorized) }
        } else if options.httpTokens == "required" {
            return .failure(.unauthorized)
        }
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let role = instanceRole(instance)
        switch trimmed {
        case "/latest/meta-data":
            return .success(["ami-id", "hostname", "iam/", "instance-id", "instance-type", "local-hostname", "local-ipv4", "placement/"].joined(separator: "\n"))
        case "/latest/meta-data/instance-id": return .success(instance.id)
        case "/latest/meta-data/ami-id": return .success(instance.imageID)
        case "/latest/meta-data/instance-type": return .success(instance.instanceType)
        case "/latest/meta-data/local-ipv4": return .success(instance.privateIP)
        case "/latest/meta-data/hostname", "/latest/meta-data/local-hostname":
            return .success("ip-" + instance.privateIP.replacingOccurrences(of: ".", with: "-") + ".ec2.internal")
        case "/latest/meta-data/placement": return .success("availability-zone\nregion")
        case "/latest/meta-data/placement/availability-zone": return .success(SandboxState.region + "a")
        case "/latest/meta-data/placement/region": return .success(SandboxState.region)
        case "/latest": return .success("dynamic\nmeta-data")
        case "/latest/dynamic": return .success("instance-identity/")
        case "/latest/dynamic/instance-identity": return .success("document")
        case "/latest/dynamic/instance-identity/document":
            // The instance identity document: who and where the instance is, as code on it reads its Region.
            return .success("""
            {
              "accountId" : "\(instance.account)",
              "architecture" : "x86_64",
              "availabilityZone" : "\(SandboxState.region)a",
              "imageId" : "\(instance.imageID)",
              "instanceId" : "\(instance.id)",
              "instanceType" : "\(instance.instanceType)",
              "pendingTime" : "\(Self.metadataTime(instance.launched))",
              "privateIp" : "\(instance.privateIP)",
              "region" : "\(SandboxState.region)",
              "version" : "2017-09-30"
            }
            """)
        case "/latest/meta-data/iam":
            return role == nil ? .failure(.notFound) : .success("info\nsecurity-credentials/")
        case "/latest/meta-data/iam/info":
            guard role != nil, let arn = instance.instanceProfileARN, let profile = instanceProfile(arn: arn) else { return .failure(.notFound) }
            return .success("""
            {
              "Code" : "Success",
              "LastUpdated" : "\(Self.metadataTime(state.clock.now))",
              "InstanceProfileArn" : "\(arn)",
              "InstanceProfileId" : "\(profile.id)"
            }
            """)
        case "/latest/meta-data/iam/security-credentials":
            guard let role else { return .failure(.notFound) }
            return .success(role.name)
        default:
            let prefix = "/latest/meta-data/iam/security-credentials/"
            guard trimmed.hasPrefix(prefix), let role, String(trimmed.dropFirst(prefix.count)) == role.name else { return .failure(.notFound) }
            switch instanceCredentials(id, account: account) {
            case .failure(let error): return .failure(error)
            case .success(nil): return .failure(.notFound)
            case .success(let credentials?):
                let expiration = state.sessions[credentials.accessKeyID]?.expiration ?? state.clock.now
                return .success("""
                {
                  "Code" : "Success",
                  "LastUpdated" : "\(Self.metadataTime(state.clock.now))",
                  "Type" : "AWS-HMAC",
                  "AccessKeyId" : "\(credentials.accessKeyID)",
                  "SecretAccessKey" : "\(credentials.secretAccessKey)",
                  "Token" : "\(credentials.sessionToken ?? "")",
                  "Expiration" : "\(Self.metadataTime(expiration))"
                }
                """)
            }
        }
    }

    /// IMDS writes times as `2026-01-15T09:00:00Z`.
    static func metadataTime(_ epoch: Int) -> String {
        SandboxClock.iso8601Zulu(epoch)
    }
}
