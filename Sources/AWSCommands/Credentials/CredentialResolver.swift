import AWSModel
/// Finds the credentials a command signs with, in botocore's order: environment variables (skipped when
/// --profile is given), a profile's `role_arn` (assumed through the backend), the profile's own keys, and
/// finally the instance metadata service.
struct CredentialResolver {
    let profile: ProfileSelection
    let environment: CLIEnvironment

    /// Records every call made on the way (AssumeRole for role profiles), like the command's own calls.
    func resolve(
        backend: inout some AWSBackend, calls: inout [ServiceCallRecord], cache: inout [String: CachedRoleCredentials]
    ) throws(CLIFailure) -> AWSCredentials {
        if !profile.isExplicit, let fromEnvironment = try environmentCredentials() {
            return fromEnvironment
        }
        try profile.requireExists(in: environment.configuration)
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
        let request = ServiceRequest(service: "sts", operation: "AssumeRole", parameters: .object(pairs: parameters),
                                     credentials: source, region: settings["region"] ?? "us-east-1")
        switch backend.send(request) {
        case .failure(let error):
            calls.append(ServiceCallRecord(service: "sts", operation: "AssumeRole", outcome: .failure(code: error.code),
                                           accessKeyID: source.accessKeyID, parameters: request.parameters))
            throw .service(error, operation: "AssumeRole")
        case .success(let response):
            calls.append(ServiceCallRecord(service: "sts", operation: "AssumeRole", outcome: .success,
                                           accessKeyID: source.accessKeyID, parameters: request.parameters))
            guard let credentials = response["Credentials"],
                  let access = credentials["AccessKeyId"]?.stringValue,
                  let secret = credentials["SecretAccessKey"]?.stringValue else {
                throw .general("AssumeRole returned no credentials")
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
