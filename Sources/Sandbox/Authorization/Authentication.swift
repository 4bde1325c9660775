import AWSModel

extension Sandbox {
    /// Finds who owns the access key, as AWS does before anything else: unknown keys, wrong secrets and expired
    /// sessions fail here with the service's own error.
    func authenticate(_ request: ServiceRequest) throws(ServiceError) -> Caller {
        guard let credentials = request.credentials else {
            // S3 serves unsigned requests as anonymous ones; other services want a signature.
            if request.service == "s3" { return .anonymous }
            throw ServiceError(code: "MissingAuthenticationToken", message: "Request is missing Authentication Token")
        }
        // Every key the sandbox knows belongs to the `aws` partition: the services of China's or GovCloud's
        // Regions have never heard of it.
        guard request.region == SandboxState.region || AWSPartition.of(region: request.region).name == AWSPartition.learners.name else {
            throw ServiceErrors.unknownAccessKey(service: request.service)
        }
        if let session = state.sessions[credentials.accessKeyID] {
            guard session.secretAccessKey == credentials.secretAccessKey else { throw ServiceErrors.signatureMismatch(service: request.service) }
            guard credentials.sessionToken == session.sessionToken else { throw ServiceErrors.unknownAccessKey(service: request.service) }
            guard state.clock.now < session.expiration else { throw ServiceErrors.expiredToken(service: request.service) }
            return .roleSession(session)
        }
        if let session = state.userSessions?[credentials.accessKeyID] {
            guard session.secretAccessKey == credentials.secretAccessKey else { throw ServiceErrors.signatureMismatch(service: request.service) }
            guard credentials.sessionToken == session.sessionToken else { throw ServiceErrors.unknownAccessKey(service: request.service) }
            guard state.clock.now < session.expiration else { throw ServiceErrors.expiredToken(service: request.service) }
            guard state[account: session.account].iam.user(named: session.userName)?.id == session.userID else {
                throw ServiceErrors.unknownAccessKey(service: request.service)
            }
            try Self.refuseOutsideSessionTokenReach(request)
            return .user(account: session.account, name: session.userName, temporary: true)
        }
        if state.expiredSessionKeys?.contains(credentials.accessKeyID) == true {
            throw ServiceErrors.expiredToken(service: request.service)
        }
        guard let owner = state.accessKeyOwner(credentials.accessKeyID), owner.key.isActive else {
            throw ServiceErrors.unknownAccessKey(service: request.service)
        }
        guard owner.key.secret == credentials.secretAccessKey else { throw ServiceErrors.signatureMismatch(service: request.service) }
        return .user(account: owner.account, name: owner.user.name, temporary: false)
    }

    /// What GetSessionToken's credentials cannot do (STS API Reference, GetSessionToken): call IAM without MFA, which
    /// IAM answers as for a token it does not know, or call STS apart from AssumeRole and GetCallerIdentity.
    private static func refuseOutsideSessionTokenReach(_ request: ServiceRequest) throws(ServiceError) {
        if request.service == "iam" { throw ServiceErrors.unknownAccessKey(service: request.service) }
        if request.service == "sts", !["AssumeRole", "GetCallerIdentity"].contains(request.operation) {
            throw ServiceErrors.sessionCredentialsRefused(operation: request.operation)
        }
    }
}
