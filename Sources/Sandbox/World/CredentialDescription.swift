import AWSModel

extension Sandbox {
    /// Who a set of credentials belongs to, in words for `whoami` and in short for the prompt.
    public func describe(_ credentials: AWSCredentials) -> (short: String, long: String)? {
        if let session = state.sessions[credentials.accessKeyID] {
            let expiry = expirySentence(session.expiration)
            let long = """
            You are \(session.assumedRoleARN):
              a session of role \(session.roleName) in account \(session.account), named \(session.sessionName),
              using temporary credentials \(session.accessKeyID), \(expiry).
            """
            return ("\(session.roleName)/\(session.sessionName)", long)
        }
        if let session = state.userSessions?[credentials.accessKeyID] {
            let expiry = expirySentence(session.expiration)
            let arn = state[account: session.account].iam.user(named: session.userName)?.arn
                ?? ResourceARN.iam(account: session.account, kind: "user", name: session.userName)
            let long = """
            You are \(arn):
              IAM user \(session.userName) in account \(session.account), using temporary credentials \(session.accessKeyID)
              from get-session-token, \(expiry).
              They cannot call IAM (no MFA in the sandbox), nor STS apart from assume-role and get-caller-identity.
            """
            return (session.userName, long)
        }
        guard let (account, user, _) = state.accessKeyOwner(credentials.accessKeyID) else { return nil }
        let long = """
        You are \(user.arn):
          IAM user \(user.name) in account \(account), using long-term access key \(credentials.accessKeyID).
        """
        return (user.name, long)
    }

    /// When temporary credentials expire, or expired.
    private func expirySentence(_ expiration: Int) -> String {
        let remaining = expiration - state.clock.now
        return remaining > 0
            ? "expiring at \(SandboxClock.iso8601(expiration)) (in \(Self.durationText(remaining)))"
            : "which expired at \(SandboxClock.iso8601(expiration))"
    }

    static func durationText(_ seconds: Int) -> String {
        if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        if seconds >= 60 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}
