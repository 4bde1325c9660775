import AWSModel
/// Finds the credentials a command signs with, in botocore's order: environment variables (skipped when
/// --profile is given), a profile's `role_arn` with a source (assumed through the backend), a web identity token
/// (`AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`, or a profile's `web_identity_token_file` and `role_arn`), the
/// profile's own keys, and finally the instance metadata service.
struct CredentialResolver {
    let profile: ProfileSelection
    let environment: CLIEnvironment
    /// Reads a token file named by the configuration (nil when it cannot be read).
    var readFile: (String) -> String? = { _ in nil }

    /// Records every call made on the way (AssumeRole for role profiles), like the command's own calls.
    func resolve(
        backend: inout some AWSBackend, calls: inout [ServiceCallRecord], cache: inout [String: CachedRoleCredentials]
    ) throws(CLIFailure) -> AWSCredentials {
        if !profile.isExplicit, let fromEnvironment = try environmentCredentials() {
            return fromEnvironment
        }
        try profile.requireExists(in: environment.configuration)
        // botocore's assume-role provider leaves a profile with a token file to the web identity provider.
        let settings = environment.configuration.profiles[profile.name] ?? [:]
        let hasSource = settings["source_profile"] != nil || settings["credential_source"] != nil
        if !(settings["role_arn"] != nil && hasSource) || settings["web_identity_token_file"] != nil,
           let webIdentity = try webIdentityCredentials(settings: settings, backend: &backend, calls: &calls, cache: &cache) {
            return webIdentity
        }
        if let credentials = try profileCredentials(
            profile.name, backend: &backend, calls: &calls, cache: &cache, visited: []
        ) {
            return credentials
        }
        if let instance = environment.instanceMetadataCredentials { return instance }
        throw .noCredentials
    }

    private func environmentCredentials() throws(CLIFailure) -> AWSCredentials? {
        let variables = environment.variables
        let accessKey = variables["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secretKey = variables["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (accessKey, secretKey) {
        case let (access?, secret?):
            // With an expiration botocore treats the keys as refreshable: it reads the variables again when they run
            // out, and stops before sending anything if they are still expired.
            if let expiration = variables["AWS_CREDENTIAL_EXPIRATION"].flatMap(RoleCredentialCache.epoch), expiration <= environment.now {
                throw .general("Credentials were refreshed, but the refreshed credentials are still expired.")
            }
            let token = variables["AWS_SESSION_TOKEN"] ?? variables["AWS_SECURITY_TOKEN"]
            return AWSCredentials(accessKeyID: access, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil)
        case (.some, nil):
            throw .general("Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")
        case (nil, .some):
            throw .general("Partial credentials found in env, missing: AWS_ACCESS_KEY_ID")
        case (nil, nil):
            return nil
        }
    }

    /// botocore's AssumeRoleWithWebIdentityProvider: each setting from the environment first, then the profile.
    private func webIdentityCredentials(
        settings: [String: String], backend: inout some AWSBackend, calls: inout [ServiceCallRecord],
        cache: inout [String: CachedRoleCredentials]
    ) throws(CLIFailure) -> AWSCredentials? {
        // With --profile, botocore reads none of these from the environment.
        func setting(_ variable: String, _ key: String) -> String? {
            (profile.isExplicit ? nil : environment.variables[variable].flatMap { $0.isEmpty ? nil : $0 }) ?? settings[key]
        }
        guard let tokenFile = setting("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file") else { return nil }
        guard let roleARN = setting("AWS_ROLE_ARN", "role_arn") else {
            // botocore's words, its missing space included.
            throw .general("The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.")
        }
        var webSettings = settings
        webSettings["role_session_name"] = setting("AWS_ROLE_SESSION_NAME", "role_session_name")
        let cacheKey = "web-identity\u{1F}" + RoleCredentialCache.key(roleARN: roleARN, settings: webSettings)
        if let cached = RoleCredentialCache.usable(cache[cacheKey], now: environment.now) { return cached }
        guard let token = readFile(tokenFile)?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw .general("Unable to load web identity token from file: \(tokenFile)")
        }
        let parameters: [(String, AWSValue)] = [
            ("RoleArn", .string(roleARN)),
            ("RoleSessionName", .string(webSettings["role_session_name"] ?? "botocore-session-\(environment.now)")),
            ("WebIdentityToken", .string(token)),
        ]
        // Unsigned, as botocore sends it: the token is the credential.
        return try exchange("AssumeRoleWithWebIdentity", parameters: parameters, signedWith: nil, region: settings["region"],
                            cacheKey: cacheKey, backend: &backend, calls: &calls, cache: &cache)
    }

    private func profileCredentials(
        _ name: String, backend: inout some AWSBackend, calls: inout [ServiceCallRecord], cache: inout [String: CachedRoleCredentials],
        visited: [String]
    ) throws(CLIFailure) -> AWSCredentials? {
        let settings = environment.configuration.profiles[name] ?? [:]
        if let roleARN = settings["role_arn"] {
            let source = try sourceCredentials(
                of: name, settings: settings, backend: &backend, calls: &calls, cache: &cache,
                visited: visited + [name])
            return try assumeRole(roleARN, settings: settings, source: source, backend: &backend, calls: &calls,
                                  cache: &cache)
        }
        guard let access = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] else {
            return nil
        }
        return AWSCredentials(accessKeyID: access, secretAccessKey: secret, sessionToken: settings["aws_session_token"])
    }

    private func sourceCredentials(
        of name: String, settings: [String: String], backend: inout some AWSBackend, calls: inout [ServiceCallRecord],
        cache: inout [String: CachedRoleCredentials], visited: [String]
    ) throws(CLIFailure) -> AWSCredentials {
        if let sourceProfile = settings["source_profile"] {
            guard environment.configuration.profiles[sourceProfile] != nil else {
                throw .general("The source_profile \"\(sourceProfile)\" referenced in the profile \"\(name)\" does not exist.")
            }
            if visited.contains(sourceProfile) && sourceProfile != name {
                throw .general("Infinite loop in credential configuration detected. Attempting to load from profile \(sourceProfile) which has already been visited. Visited profiles: \(visited.joined(separator: " -> "))")
            }
            // A profile may name itself as source when it also holds keys: then its keys are the source.
            let sourceSettings = environment.configuration.profiles[sourceProfile] ?? [:]
            if sourceProfile == name || sourceSettings["role_arn"] == nil {
                if let access = sourceSettings["aws_access_key_id"], let secret = sourceSettings["aws_secret_access_key"] {
                    return AWSCredentials(accessKeyID: access, secretAccessKey: secret, sessionToken: sourceSettings["aws_session_token"])
                }
                throw .general("The source profile \"\(sourceProfile)\" must have credentials.")
            }
            guard let chained = try profileCredentials(sourceProfile, backend: &backend, calls: &calls,
                                                       cache: &cache, visited: visited) else {
                throw .general("The source profile \"\(sourceProfile)\" must have credentials.")
            }
            return chained
        }
        switch settings["credential_source"] {
        case "Environment"?:
            if let fromEnvironment = try environmentCredentials() { return fromEnvironment }
            throw .general("No credentials found in credential_source referenced in profile \(name)")
        case "Ec2InstanceMetadata"?:
            if let instance = environment.instanceMetadataCredentials { return instance }
            throw .general("No credentials found in credential_source referenced in profile \(name)")
        case let other?:
            throw .general("The credential_source \"\(other)\" is not supported for profile \(name).")
        case nil:
            throw .general("The profile \"\(name)\" contains role_arn but neither source_profile nor credential_source.")
        }
    }

    private func assumeRole(
        _ roleARN: String, settings: [String: String], source: AWSCredentials, backend: inout some AWSBackend,
        calls: inout [ServiceCallRecord], cache: inout [String: CachedRoleCredentials]
    ) throws(CLIFailure) -> AWSCredentials {
        let cacheKey = RoleCredentialCache.key(roleARN: roleARN, settings: settings)
        if let cached = RoleCredentialCache.usable(cache[cacheKey], now: environment.now) { return cached }
        var parameters: [(String, AWSValue)] = [("RoleArn", .string(roleARN))]
        // botocore names the session after the time it starts.
        let sessionName = settings["role_session_name"] ?? "botocore-session-\(environment.now)"
        parameters.append(("RoleSessionName", .string(sessionName)))
        if let externalID = settings["external_id"] { parameters.append(("ExternalId", .string(externalID))) }
        if let duration = settings["duration_seconds"], let seconds = Int(duration) {
            parameters.append(("DurationSeconds", .integer(seconds)))
        }
        return try exchange("AssumeRole", parameters: parameters, signedWith: source, region: settings["region"], cacheKey: cacheKey,
                            backend: &backend, calls: &calls, cache: &cache)
    }

    /// One STS call for a role's credentials, recorded like the command's own calls and cached until they are
    /// about to expire.
    private func exchange(
        _ operation: String, parameters: [(String, AWSValue)], signedWith source: AWSCredentials?, region: String?, cacheKey: String,
        backend: inout some AWSBackend, calls: inout [ServiceCallRecord], cache: inout [String: CachedRoleCredentials]
    ) throws(CLIFailure) -> AWSCredentials {
        let request = ServiceRequest(service: "sts", operation: operation, parameters: .object(pairs: parameters),
                                     credentials: source, region: region ?? "us-east-1")
        switch backend.send(request) {
        case .failure(let error):
            calls.append(ServiceCallRecord(service: "sts", operation: operation, outcome: .failure(code: error.code),
                                           accessKeyID: source?.accessKeyID, parameters: request.parameters))
            throw .service(error, operation: operation)
        case .success(let response):
            calls.append(ServiceCallRecord(service: "sts", operation: operation, outcome: .success,
                                           accessKeyID: source?.accessKeyID, parameters: request.parameters))
            guard let credentials = response["Credentials"],
                  let access = credentials["AccessKeyId"]?.stringValue,
                  let secret = credentials["SecretAccessKey"]?.stringValue else {
                throw .general("\(operation) returned no credentials")
            }
            let assumed = AWSCredentials(accessKeyID: access, secretAccessKey: secret,
                                         sessionToken: credentials["SessionToken"]?.stringValue)
            if let expiration = credentials["Expiration"]?.stringValue.flatMap(RoleCredentialCache.epoch) {
                cache[cacheKey] = CachedRoleCredentials(accessKeyID: access, secretAccessKey: secret,
                                                        sessionToken: assumed.sessionToken, expiration: expiration)
            }
            return assumed
        }
    }
}
