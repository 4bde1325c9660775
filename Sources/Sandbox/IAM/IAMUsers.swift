import AWSModel
import PolicyEngine
import PositionedJSON

/// IAM users and their long-term access keys.
extension Sandbox {
    static let accessKeysPerUser = 2

    /// The user an operation is about: the named one, or the caller when no name is given (as IAM does).
    private func targetUserName(_ call: Call) throws(ServiceError) -> String {
        if let name = call.optional("UserName") { return name }
        if case .user(_, let name, _) = call.caller { return name }
        throw ServiceError(code: "ValidationError", message: "Must specify userName when calling with non-User credentials")
    }

    mutating func createUser(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("UserName")
        let path = call.optional("Path") ?? "/"
        try Validation.check([(name, .userName()), (path, .path)])
        try authorize(call, action: "iam:CreateUser", resource: iamARN(call, "user", path: path, name: name),
                      context: Self.taggingContext(tags: call.tags(), boundary: call.optional("PermissionsBoundary")))
        if state[account: call.caller.account].iam.user(named: name) != nil {
            throw ServiceError(code: "EntityAlreadyExists", message: "User with name \(name) already exists.")
        }
        if let boundary = call.optional("PermissionsBoundary"), attachablePolicyDocument(arn: boundary, account: call.caller.account) == nil {
            throw ServiceError(code: "NoSuchEntity", message: "Scope ARN: \(boundary) does not exist or is not attachable.")
        }
        let user = IAMUser(name: name, id: state.ids.uniqueID(prefix: "AIDA"), path: path, account: call.caller.account,
                           created: state.clock.now, tags: call.tags(), permissionsBoundary: call.optional("PermissionsBoundary"))
        state.accounts[call.caller.account, default: AccountResources()].iam.users[name.lowercased()] = user
        return .object([.init("User", user.response())])
    }

    mutating func getUser(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try targetUserName(call)
        let user = try authorizedUser(call, name, action: "iam:GetUser")
        return .object([.init("User", user.response())])
    }

    mutating func listUsers(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "iam:ListUsers", resource: iamListARN(call, "user"))
        let table = state[account: call.caller.account].iam.users
        let users = table.keys.sorted().compactMap { table[$0] }
        return try iamPage("Users", users, call) { $0.response(listing: true) }
    }

    mutating func deleteUser(_ call: Call) throws(ServiceError) -> AWSValue {
        let user = try authorizedUser(call, try call.required("UserName"), action: "iam:DeleteUser")
        if !user.accessKeys.isEmpty { throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must delete access keys first.") }
        if !user.attachedPolicies.isEmpty { throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must detach all policies first.") }
        if !user.inlinePolicies.isEmpty { throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must delete policies first.") }
        state.accounts[call.caller.account]?.iam.users[user.name.lowercased()] = nil
        forgetPrincipal(user.arn, id: user.id)
        return .object([])
    }

    mutating func createAccessKey(_ call: Call) throws(ServiceError) -> AWSValue {
        let user = try authorizedUser(call, try targetUserName(call), action: "iam:CreateAccessKey")
        if user.accessKeys.count >= Self.accessKeysPerUser {
            throw ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for AccessKeysPerUser: \(Self.accessKeysPerUser)")
        }
        let key = AccessKey(id: state.ids.uniqueID(prefix: "AKIA"), secret: state.ids.secretAccessKey(), isActive: true, created: state.clock.now)
        updateUser(in: call.caller.account, user.name) { $0.accessKeys.append(key) }
        return .object([.init("AccessKey", .object([
            .init("UserName", .string(user.name)), .init("AccessKeyId", .string(key.id)), .init("Status", "Active"),
            .init("SecretAccessKey", .string(key.secret)), .init("CreateDate", .string(SandboxClock.iso8601(key.created))),
        ]))])
    }

    mutating func listAccessKeys(_ call: Call) throws(ServiceError) -> AWSValue {
        let user = try authorizedUser(call, try targetUserName(call), action: "iam:ListAccessKeys")
        let keys: [AWSValue] = user.accessKeys.map { key in
            .object([
                .init("UserName", .string(user.name)), .init("AccessKeyId", .string(key.id)),
                .init("Status", .string(key.isActive ? "Active" : "Inactive")), .init("CreateDate", .string(SandboxClock.iso8601(key.created))),
            ])
        }
        return try iamPage("AccessKeyMetadata", keys, call) { $0 }
    }

    mutating func deleteAccessKey(_ call: Call) throws(ServiceError) -> AWSValue {
        let user = try existingUser(call, try targetUserName(call))
        let keyID = try call.required("AccessKeyId")
        try authorize(call, action: "iam:DeleteAccessKey", resource: user.arn)
        guard user.accessKeys.contains(where: { $0.id == keyID }) else {
            throw ServiceError(code: "NoSuchEntity", message: "The Access Key with id \(keyID) cannot be found.")
        }
        updateUser(in: call.caller.account, user.name) { $0.accessKeys.removeAll { $0.id == keyID } }
        return .object([])
    }

    /// IAM's policy simulator over the sandbox's own policies: what the named user or role's policies decide.
    mutating func simulatePrincipalPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let source = try call.required("PolicySourceArn")
        try authorize(call, action: "iam:SimulatePrincipalPolicy", resource: source)
        guard let arn = ARN(source) else {
            throw ServiceError(code: "InvalidInput", message: "Invalid ARN: \(source)")
        }
        let name = String(arn.resource.split(separator: "/").last ?? "")
        let subject: Caller
        let principal: String
        // The simulator names an inline policy `user_NAME_POLICY` or `role_NAME_POLICY`, a managed one by its name.
        var sourcePolicyIDs: [String: String] = [:]
        func nameInline(_ policies: [NamedDocument], of kind: String, _ owner: String) {
            for policy in policies { sourcePolicyIDs[InlinePolicyName.display(owner: owner, policy: policy.name)] = "\(kind)_\(owner)_\(policy.name)" }
        }
        if arn.resource.hasPrefix("user/"), let user = state[account: arn.account].iam.user(named: name) {
            subject = .user(account: arn.account, name: name, temporary: false)
            principal = source
            nameInline(user.inlinePolicies, of: "user", user.name)
        } else if arn.resource.hasPrefix("role/"), let role = state[account: arn.account].iam.role(named: name) {
            subject = .roleSession(RoleSession(accessKeyID: "", secretAccessKey: "", sessionToken: "", account: arn.account,
                                               roleName: role.name, roleID: role.id, roleARN: role.arn, sessionName: "simulation",
                                               expiration: .max, isChained: false))
            principal = role.arn
            nameInline(role.inlinePolicies, of: "role", role.name)
        } else {
            throw ServiceError(code: "NoSuchEntity", message: "The entity \(source) cannot be found.")
        }
        let resourceARNs = call.strings("ResourceArns")
        let resources = resourceARNs.isEmpty ? ["*"] : resourceARNs
        var context: [String: [String]] = [:]
        for entry in call.list("ContextEntries") {
            if let key = entry["ContextKeyName"]?.stringValue { context[key] = entry["ContextKeyValues"]?.listValue?.compactMap(\.stringValue) ?? [] }
        }
        let policies = policySet(for: subject)
        func decisionName(_ outcome: Decision.Outcome) -> String {
            switch outcome {
            case .allowed: "allowed"
            case .explicitDeny: "explicitDeny"
            case .implicitDeny: "implicitDeny"
            }
        }
        func position(_ at: SourcePosition) -> AWSValue {
            .object([.init("Line", .integer(at.line)), .init("Column", .integer(at.column))])
        }
        var results: [AWSValue] = []
        for action in call.strings("ActionNames") {
            for resource in resources {
                let request = AccessRequest(principal: principal, action: action, resource: resource, resourceAccount: arn.account, context: context)
                let decision = policies.evaluate(request)
                let detail = policies.simulatorDetail(request, decision: decision)
                let matched = AWSValue.list(detail.matchedStatements.map { statement in
                    var members: [AWSValue.Member] = [
                        .init("SourcePolicyId", .string(sourcePolicyIDs[statement.policyName] ?? statement.policyName)),
                        .init("SourcePolicyType", "IAM Policy"), .init("StartPosition", position(statement.start)),
                    ]
                    if let end = statement.end { members.append(.init("EndPosition", position(end))) }
                    return .object(members)
                })
                let missing = AWSValue.list(detail.missingContextKeys.map { .string($0) })
                let boundary = detail.allowedByPermissionsBoundary.map { AWSValue.object([.init("AllowedByPermissionsBoundary", .bool($0))]) }
                // For a named resource, what is particular to it (its missing keys among them) is reported under
                // ResourceSpecificResults; the top level holds the missing keys only for "*", named or not (API
                // Reference, EvaluationResult).
                let isNamed = resource != "*"
                var members: [AWSValue.Member] = [
                    .init("EvalActionName", .string(action)), .init("EvalResourceName", .string(resource)),
                    .init("EvalDecision", .string(decisionName(decision.outcome))), .init("MatchedStatements", matched),
                    .init("MissingContextValues", isNamed ? .list([]) : missing),
                ]
                if let boundary { members.append(.init("PermissionsBoundaryDecisionDetail", boundary)) }
                if isNamed {
                    var specific: [AWSValue.Member] = [
                        .init("EvalResourceName", .string(resource)), .init("EvalResourceDecision", .string(decisionName(decision.outcome))),
                        .init("MatchedStatements", matched), .init("MissingContextValues", missing),
                    ]
                    if let boundary { specific.append(.init("PermissionsBoundaryDecisionDetail", boundary)) }
                    members.append(.init("ResourceSpecificResults", .list([.object(specific)])))
                }
                results.append(.object(members))
            }
        }
        return try iamPage("EvaluationResults", results, call) { $0 }
    }
}
