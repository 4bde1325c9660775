import AWSModel

extension Sandbox {
    /// Finds who owns the access key, as AWS does before anything else: unknown keys, wrong secrets and expired
    /// sessions fail here with the service's own error.
    func authenticate(_ request: ServiceRequest) throws(ServiceError) -> Caller {
        guard let credentials = request.credentials else {
            throw ServiceError(code: "MissingAuthenticationToken", message: "Request is missing Authentication Token")
        }
        if let session = state.sessions[credentials.accessKeyID] {
            guard session.secretAccessKey == credentials.secretAccessKey else { throw ServiceErrors.signatureMismatch(service: request.service) }
            guard credentials.sessionToken == session.sessionToken else { throw ServiceErrors.unknownAccessKey(service: request.service) }
            guard state.clock.now < session.expiration else { throw ServiceErrors.expiredToken(service: request.service) }
            return .roleSession(session)
        }
        if state.expiredSessionKeys?.contains(credentials.accessKeyID) == true {
            throw ServiceErrors.expiredToken(service: request.service)
        }
        for (accountID, account) in state.accounts {
            for user in account.iam.users.values {
                guard let key = user.accessKeys.first(where: { $0.id == credentials.accessKeyID }) else { continue }
                guard key.isActive else { throw ServiceErrors.unknownAccessKey(service: request.service) }
                guard key.secret == credentials.secretAccessKey else { throw ServiceErrors.signatureMismatch(service: request.service) }
                return .user(account: accountID, name: user.name)
            }
        }
        throw ServiceErrors.unknownAccessKey(service: request.service)
    }
}
