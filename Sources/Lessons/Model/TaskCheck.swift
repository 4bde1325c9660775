/// One line of a task's `check` list: a condition on the sandbox, possibly negated.
public struct TaskCheck: Hashable, Sendable, CustomStringConvertible {
    public var condition: CheckCondition
    public var isNegated: Bool
    /// The line as the author wrote it, for messages such as "still to do: role S3Reader exists".
    public var source: String
    public var location: SourceLocation

    public init(condition: CheckCondition, isNegated: Bool = false, source: String, location: SourceLocation) {
        self.condition = condition
        self.isNegated = isNegated
        self.source = source
        self.location = location
    }

    public var description: String { source }
}

/// The conditions a task can require of the sandbox. See docs/lesson-format.md, "Checks".
public enum CheckCondition: Hashable, Sendable {
    case roleExists(role: String)
    case roleTrustsService(role: String, service: String)
    case roleTrustsAccount(role: String, account: String)
    case roleTrustsPrincipal(role: String, arn: String)
    case roleHasManagedPolicy(role: String, policy: String)
    case roleHasInlinePolicy(role: String, policy: String)
    case roleAllows(role: String, action: String, resource: String)
    case roleHasPermissionsBoundary(role: String, policy: String)
    case roleHasMaxSessionDuration(role: String, seconds: Int)
    case roleIsServiceLinked(role: String)
    /// A GitHub Actions job whose token has this `sub` (audience sts.amazonaws.com) may assume the role.
    case roleTrustsGitHubToken(role: String, subject: String)
    case openIDConnectProviderHasAudience(url: String, audience: String)
    case userExists(user: String)
    case policyExists(policy: String)
    case instanceProfileHasRole(profile: String, role: String)
    /// `instance` is nil for "any instance".
    case instanceUsesRole(instance: String?, role: String)
    case functionExists(function: String)
    case functionUsesRole(function: String, role: String)
    case stackStatus(stack: String, status: String)
    /// The stack was created (or updated) with that role as its service role.
    case stackUsesRole(stack: String, role: String)
    case bucketExists(bucket: String)
    case objectExists(bucket: String, key: String)
    case tableExists(table: String)
    case logGroupExists(logGroup: String)
    case callerIsUser(user: String)
    case callerIsRole(role: String)
    case callerUsesTemporaryCredentials
    case lastCommandSucceeded
    /// `code` is nil for any failure.
    case lastCommandFailed(code: String?)
    case lastCommandIs(service: String, operation: String)
    /// The last command typed was that operation and named the value (a role name or ARN) among its arguments.
    case lastCommandIsOn(service: String, operation: String, value: String)
    case ranOperation(service: String, operation: String)
    /// The operation succeeded with the value (a role name or ARN, a bucket) as one of its parameters.
    case ranOperationOn(service: String, operation: String, value: String)
    /// The operation succeeded signed by a session of that role, or by that user's own keys.
    case ranOperationAs(service: String, operation: String, caller: CallerKind, name: String)
    /// The last command's last call (the one whose answer the learner saw) was signed by that role's session or
    /// that user's own keys, whether it succeeded or was refused.
    case lastCommandSignedBy(caller: CallerKind, name: String)
    /// The last command ran on an EC2 instance (`instance exec …`), signed with its role, not the learner's keys.
    case lastCommandRanOnInstance
}

/// Whose keys signed a call: a user's own, or a session of a role.
public enum CallerKind: String, Sendable, Equatable {
    case user, role
}
