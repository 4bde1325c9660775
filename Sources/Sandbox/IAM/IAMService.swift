import Foundation
import AWSModel
import PolicyEngine

/// IAM's operations for the caller's account. Each is authorized with its IAM action and the ARN of the entity it
/// touches, then checked with IAM's own rules and messages.
extension Sandbox {
    /// IAM's operations, dispatched by `Sandbox.dispatch`.
    static let iamService = SimulatedService(name: "iam", operations: [
        "CreateRole": { sandbox, call throws(ServiceError) in try sandbox.createRole(call) },
        "GetRole": { sandbox, call throws(ServiceError) in try sandbox.getRole(call) },
        "ListRoles": { sandbox, call throws(ServiceError) in try sandbox.listRoles(call) },
        "DeleteRole": { sandbox, call throws(ServiceError) in try sandbox.deleteRole(call) },
        "UpdateRole": { sandbox, call throws(ServiceError) in try sandbox.updateRole(call) },
        "UpdateAssumeRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.updateAssumeRolePolicy(call) },
        "AttachRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.attachPolicy(call, toRole: true) },
        "DetachRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.detachPolicy(call, fromRole: true) },
        "ListAttachedRolePolicies": { sandbox, call throws(ServiceError) in try sandbox.listAttachedPolicies(call, ofRole: true) },
        "PutRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.putInlinePolicy(call, onRole: true) },
        "GetRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.getInlinePolicy(call, ofRole: true) },
        "DeleteRolePolicy": { sandbox, call throws(ServiceError) in try sandbox.deleteInlinePolicy(call, ofRole: true) },
        "ListRolePolicies": { sandbox, call throws(ServiceError) in try sandbox.listInlinePolicies(call, ofRole: true) },
        "TagRole": { sandbox, call throws(ServiceError) in try sandbox.tagRole(call) },
        "UntagRole": { sandbox, call throws(ServiceError) in try sandbox.untagRole(call) },
        "ListRoleTags": { sandbox, call throws(ServiceError) in try sandbox.listRoleTags(call) },
        "PutRolePermissionsBoundary": { sandbox, call throws(ServiceError) in try sandbox.putRoleBoundary(call) },
        "DeleteRolePermissionsBoundary": { sandbox, call throws(ServiceError) in try sandbox.deleteRoleBoundary(call) },
        "CreatePolicy": { sandbox, call throws(ServiceError) in try sandbox.createPolicy(call) },
        "GetPolicy": { sandbox, call throws(ServiceError) in try sandbox.getPolicy(call) },
        "ListPolicies": { sandbox, call throws(ServiceError) in try sandbox.listPolicies(call) },
        "DeletePolicy": { sandbox, call throws(ServiceError) in try sandbox.deletePolicy(call) },
        "CreatePolicyVersion": { sandbox, call throws(ServiceError) in try sandbox.createPolicyVersion(call) },
        "GetPolicyVersion": { sandbox, call throws(ServiceError) in try sandbox.getPolicyVersion(call) },
        "ListPolicyVersions": { sandbox, call throws(ServiceError) in try sandbox.listPolicyVersions(call) },
        "DeletePolicyVersion": { sandbox, call throws(ServiceError) in try sandbox.deletePolicyVersion(call) },
        "SetDefaultPolicyVersion": { sandbox, call throws(ServiceError) in try sandbox.setDefaultPolicyVersion(call) },
        "CreateInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.createInstanceProfile(call) },
        "GetInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.getInstanceProfile(call) },
        "DeleteInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.deleteInstanceProfile(call) },
        "ListInstanceProfiles": { sandbox, call throws(ServiceError) in try sandbox.listInstanceProfiles(call) },
        "AddRoleToInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.addRoleToInstanceProfile(call) },
        "RemoveRoleFromInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.removeRoleFromInstanceProfile(call) },
        "ListInstanceProfilesForRole": { sandbox, call throws(ServiceError) in try sandbox.listInstanceProfilesForRole(call) },
        "CreateUser": { sandbox, call throws(ServiceError) in try sandbox.createUser(call) },
        "GetUser": { sandbox, call throws(ServiceError) in try sandbox.getUser(call) },
        "ListUsers": { sandbox, call throws(ServiceError) in try sandbox.listUsers(call) },
        "DeleteUser": { sandbox, call throws(ServiceError) in try sandbox.deleteUser(call) },
        "CreateAccessKey": { sandbox, call throws(ServiceError) in try sandbox.createAccessKey(call) },
        "ListAccessKeys": { sandbox, call throws(ServiceError) in try sandbox.listAccessKeys(call) },
        "DeleteAccessKey": { sandbox, call throws(ServiceError) in try sandbox.deleteAccessKey(call) },
        "AttachUserPolicy": { sandbox, call throws(ServiceError) in try sandbox.attachPolicy(call, toRole: false) },
        "DetachUserPolicy": { sandbox, call throws(ServiceError) in try sandbox.detachPolicy(call, fromRole: false) },
        "ListAttachedUserPolicies": { sandbox, call throws(ServiceError) in try sandbox.listAttachedPolicies(call, ofRole: false) },
        "PutUserPolicy": { sandbox, call throws(ServiceError) in try sandbox.putInlinePolicy(call, onRole: false) },
        "GetUserPolicy": { sandbox, call throws(ServiceError) in try sandbox.getInlinePolicy(call, ofRole: false) },
        "DeleteUserPolicy": { sandbox, call throws(ServiceError) in try sandbox.deleteInlinePolicy(call, ofRole: false) },
        "ListUserPolicies": { sandbox, call throws(ServiceError) in try sandbox.listInlinePolicies(call, ofRole: false) },
        "SimulatePrincipalPolicy": { sandbox, call throws(ServiceError) in try sandbox.simulatePrincipalPolicy(call) },
        "CreateOpenIDConnectProvider": { sandbox, call throws(ServiceError) in try sandbox.createOpenIDConnectProvider(call) },
        "GetOpenIDConnectProvider": { sandbox, call throws(ServiceError) in try sandbox.getOpenIDConnectProvider(call) },
        "ListOpenIDConnectProviders": { sandbox, call throws(ServiceError) in try sandbox.listOpenIDConnectProviders(call) },
        "DeleteOpenIDConnectProvider": { sandbox, call throws(ServiceError) in try sandbox.deleteOpenIDConnectProvider(call) },
        "CreateServiceLinkedRole": { sandbox, call throws(ServiceError) in try sandbox.createServiceLinkedRole(call) },
        "DeleteServiceLinkedRole": { sandbox, call throws(ServiceError) in try sandbox.deleteServiceLinkedRole(call) },
        "GetServiceLinkedRoleDeletionStatus": { sandbox, call throws(ServiceError) in try sandbox.serviceLinkedRoleDeletionStatus(call) },
    ], validate: validateRequest)

    /// IAM checks that an ARN naming a managed policy is one before it looks for the policy or asks whether the
    /// caller may use it: `ARN foo is not valid.` (InvalidInput), not NoSuchEntity or AccessDenied.
    /// IAM's checks of any request's members before it looks at anything else.
    @Sendable static func validateRequest(_ call: Call) throws(ServiceError) {
        try validatePolicyARNs(call)
        // Tag keys are case-insensitive in IAM: `env` and `Env` in one request are the same key twice.
        let keys = call.tags().map(\.normalizedKey)
        if Set(keys).count != keys.count {
            throw ServiceError(code: "InvalidInput", message: "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        }
    }

    static func validatePolicyARNs(_ call: Call) throws(ServiceError) {
        for member in ["PolicyArn", "PermissionsBoundary"] {
            guard let arn = call.optional(member) else { continue }
            let valid = ARN(arn).map { parts in
                parts.partition == ResourceARN.partition && parts.service == "iam" && parts.region.isEmpty
                    && (parts.account == "aws" || (parts.account.count == 12 && parts.account.allSatisfy(\.isNumber)))
                    && parts.resource.hasPrefix("policy/") && parts.resource.count > "policy/".count && !arn.hasSuffix(" ")
            } ?? false
            if !valid { throw ServiceError(code: "InvalidInput", message: "ARN \(arn) is not valid.") }
        }
    }


    // MARK: Shared lookups

    func iamARN(_ call: Call, _ kind: String, path: String = "/", name: String) -> String {
        ResourceARN.iam(account: call.caller.account, kind: kind, path: path, name: name)
    }

    /// What a list call is authorized on, as IAM names it: the kind and the path asked for, `…:role/` for
    /// `list-roles`, `…:role/app/` with `--path-prefix /app/`.
    func iamListARN(_ call: Call, _ kind: String) -> String {
        iamARN(call, kind, path: call.optional("PathPrefix") ?? "/", name: "")
    }

    /// How IAM's AccessDenied names a resource, where it does not give the ARN: an existing role or user by kind
    /// and name (`on resource: role Auditor`), a managed policy as `policy ARN`, and a policy listing by its path
    /// (`policy path /`), a policy being created by its name. A role or user that does not exist yet (CreateRole)
    /// keeps its ARN. From IAM's own messages (DynamoDB Developer Guide, "Creating a DAX cluster", quotes three).
    func iamResourceInMessage(_ resource: String, action: String) -> String? {
        guard let arn = ARN(resource), arn.service == "iam" else { return nil }
        let parts = arn.resource.split(separator: "/", omittingEmptySubsequences: false)
        guard let kind = parts.first, parts.count >= 2 else { return nil }
        let name = String(parts[parts.count - 1])
        switch kind {
        case "policy":
            if name.isEmpty { return "policy path " + String(arn.resource.dropFirst("policy".count)) }
            return "policy " + (action == "iam:CreatePolicy" ? name : resource)
        case "role":
            guard !name.isEmpty, state[account: arn.account].iam.role(named: name)?.arn == resource else { return nil }
            return "role " + name
        case "user":
            guard !name.isEmpty, state[account: arn.account].iam.user(named: name)?.arn == resource else { return nil }
            return "user " + name
        default:
            return nil
        }
    }

    func existingRole(_ call: Call, _ name: String) throws(ServiceError) -> IAMRole {
        guard let role = state[account: call.caller.account].iam.role(named: name) else {
            throw ServiceError(code: "NoSuchEntity", message: "The role with name \(name) cannot be found.")
        }
        return role
    }

    func existingUser(_ call: Call, _ name: String) throws(ServiceError) -> IAMUser {
        guard let user = state[account: call.caller.account].iam.user(named: name) else {
            throw ServiceError(code: "NoSuchEntity", message: "The user with name \(name) cannot be found.")
        }
        return user
    }

    /// The role an operation is about, after checking the caller may do it: IAM authorizes before it looks, so a
    /// caller without permission hears AccessDenied, not whether the role exists.
    mutating func authorizedRole(_ call: Call, _ name: String, action: String, context: [String: [String]] = [:]) throws(ServiceError) -> IAMRole {
        let existing = state[account: call.caller.account].iam.role(named: name)
        var keys = context
        // AWS adds the role's tags as aws:ResourceTag/… to every request on it, for tag-based access control.
        for tag in existing?.tags ?? [] where keys["aws:ResourceTag/\(tag.key)"] == nil { keys["aws:ResourceTag/\(tag.key)"] = [tag.value] }
        try authorize(call, action: action, resource: existing?.arn ?? iamARN(call, "role", name: name), context: keys)
        let role = try existingRole(call, name)
        if Self.refusedOnServiceLinkedRoles.contains(action) { try rejectIfServiceLinked(role) }
        return role
    }

    /// The condition keys of a request that sets tags or a permissions boundary: aws:RequestTag/…, aws:TagKeys and
    /// iam:PermissionsBoundary, which policies use to require tags or to make sure new roles carry a boundary.
    static func taggingContext(tags: [Tag], boundary: String?) -> [String: [String]] {
        var context: [String: [String]] = [:]
        for tag in tags { context["aws:RequestTag/\(tag.key)"] = [tag.value] }
        if !tags.isEmpty { context["aws:TagKeys"] = tags.map(\.key) }
        if let boundary { context["iam:PermissionsBoundary"] = [boundary] }
        return context
    }

    mutating func authorizedUser(_ call: Call, _ name: String, action: String) throws(ServiceError) -> IAMUser {
        let existing = state[account: call.caller.account].iam.user(named: name)
        try authorize(call, action: action, resource: existing?.arn ?? iamARN(call, "user", name: name))
        return try existingUser(call, name)
    }

    mutating func updateRole(in account: String, _ name: String, _ change: (inout IAMRole) -> Void) {
        guard var role = state[account: account].iam.roles[name.lowercased()] else { return }
        change(&role)
        state.accounts[account, default: AccountResources()].iam.roles[name.lowercased()] = role
    }

    mutating func updateUser(in account: String, _ name: String, _ change: (inout IAMUser) -> Void) {
        guard var user = state[account: account].iam.users[name.lowercased()] else { return }
        change(&user)
        state.accounts[account, default: AccountResources()].iam.users[name.lowercased()] = user
    }

    /// A page of an IAM list call: at most `MaxItems` (default 100) from `Marker` on, then `IsTruncated` and, when
    /// more remain, the `Marker` that asks for them (the CLI follows it; `--no-paginate --max-items` shows it).
    /// Only the page's items are turned into a response. A marker is opaque to callers; the sandbox's names the
    /// position of the next page.
    func iamPage<Item>(_ key: String, _ items: [Item], _ call: Call, _ response: (Item) -> AWSValue) throws(ServiceError) -> AWSValue {
        var start = 0
        if let marker = call.optional("Marker") {
            guard let offset = PageToken.offset(of: marker, "page", count: items.count) else {
                throw ServiceError(code: "ValidationError", message: "Invalid Marker.")
            }
            start = offset
        }
        let end = min(items.count, start + max(1, try call.integer("MaxItems") ?? 100))
        var members: [AWSValue.Member] = [.init(key, .list(items[start..<end].map(response))), .init("IsTruncated", .bool(end < items.count))]
        if end < items.count { members.append(.init("Marker", .string(PageToken.make("page", offset: end)))) }
        return .object(members)
    }

    // MARK: Roles

    mutating func createRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let document = try call.required("AssumeRolePolicyDocument")
        let path = call.optional("Path") ?? "/"
        let description = call.optional("Description")
        let maxSession = try call.integer("MaxSessionDuration")
        try Validation.check([(name, .roleName()), (path, .path), (description, .description)],
                             numeric: Validation.range(maxSession, member: "maxSessionDuration", min: 3600, max: 43200))
        // The path that marks a service-linked role is IAM's alone.
        if path.hasPrefix("/aws-service-role/") {
            throw ServiceError(code: "InvalidInput", message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles")
        }
        try authorize(call, action: "iam:CreateRole", resource: iamARN(call, "role", path: path, name: name),
                      context: Self.taggingContext(tags: call.tags(), boundary: call.optional("PermissionsBoundary")))
        let account = call.caller.account
        if state[account: account].iam.role(named: name) != nil {
            throw ServiceError(code: "EntityAlreadyExists", message: "Role with name \(name) already exists.")
        }
        let trust = try validatedDocument(document, as: .trust)
        let boundary = call.optional("PermissionsBoundary")
        if let boundary, attachablePolicyDocument(arn: boundary, account: account) == nil {
            throw ServiceError(code: "NoSuchEntity", message: "Scope ARN: \(boundary) does not exist or is not attachable.")
        }
        let role = IAMRole(name: name, id: state.ids.uniqueID(prefix: "AROA"), path: path, account: account, created: state.clock.now,
                           trustPolicy: trust, description: description, maxSessionDuration: maxSession ?? 3600,
                           tags: call.tags(), permissionsBoundary: boundary)
        state.accounts[account, default: AccountResources()].iam.roles[name.lowercased()] = role
        return .object([.init("Role", role.response(includeDetails: false).withoutLastUsed(tags: role.tags))])
    }

    mutating func getRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        return .object([.init("Role", try authorizedRole(call, name, action: "iam:GetRole").response())])
    }

    mutating func listRoles(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "iam:ListRoles", resource: iamListARN(call, "role"))
        let prefix = call.optional("PathPrefix") ?? "/"
        // In name order regardless of case, which is the order of the table's keys: sorting the keys, not the
        // roles, spares copying every role twice per comparison (most of the time of listing 200 roles).
        let table = state[account: call.caller.account].iam.roles
        let roles = table.keys.sorted().compactMap { table[$0] }.filter { $0.path.hasPrefix(prefix) }
        return try iamPage("Roles", roles, call) { $0.response(listing: true) }
    }

    mutating func deleteRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let role = try authorizedRole(call, name, action: "iam:DeleteRole")
        if !role.attachedPolicies.isEmpty {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must detach all policies first.")
        }
        if !role.inlinePolicies.isEmpty {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must delete policies first.")
        }
        if state[account: call.caller.account].iam.instanceProfiles.values.contains(where: { $0.roleNames.contains(role.name) }) {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must remove roles from instance profile first.")
        }
        state.accounts[call.caller.account]?.iam.roles[name.lowercased()] = nil
        forgetPrincipal(role.arn, id: role.id)
        return .object([])
    }

    mutating func updateRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let description = call.optional("Description")
        let maxSession = try call.integer("MaxSessionDuration")
        try Validation.check([(name, .roleName()), (description, .description)],
                             numeric: Validation.range(maxSession, member: "maxSessionDuration", min: 3600, max: 43200))
        let role = try authorizedRole(call, name, action: "iam:UpdateRole")
        // A service-linked role's description may be edited; nothing else about it.
        if maxSession != nil { try rejectIfServiceLinked(role) }
        updateRole(in: call.caller.account, name) { role in
            if let description { role.description = description }
            if let maxSession { role.maxSessionDuration = maxSession }
        }
        return .object([])
    }

    mutating func updateAssumeRolePolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let document = try call.required("PolicyDocument")
        _ = try authorizedRole(call, name, action: "iam:UpdateAssumeRolePolicy")
        let trust = try validatedDocument(document, as: .trust)
        updateRole(in: call.caller.account, name) { $0.trustPolicy = trust }
        return .object([])
    }

    mutating func tagRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let role = try authorizedRole(call, name, action: "iam:TagRole", context: Self.taggingContext(tags: call.tags(), boundary: nil))
        let tags = call.tags()
        var merged = role.tags
        for tag in tags {
            // A key differing only in case is the same key: the new tag, with its spelling, replaces the old.
            if let index = merged.firstIndex(where: { $0.normalizedKey == tag.normalizedKey }) { merged[index] = tag } else { merged.append(tag) }
        }
        if merged.count > 50 {
            throw ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for TagsPerRole: 50")
        }
        updateRole(in: call.caller.account, name) { $0.tags = merged }
        return .object([])
    }

    mutating func untagRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        _ = try authorizedRole(call, name, action: "iam:UntagRole")
        let keys = Set(call.strings("TagKeys").map(Tag.normalizedKey))
        updateRole(in: call.caller.account, name) { $0.tags.removeAll { keys.contains($0.normalizedKey) } }
        return .object([])
    }

    mutating func listRoleTags(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let role = try authorizedRole(call, name, action: "iam:ListRoleTags")
        // "The returned list of tags is sorted by tag key" (IAM API Reference, ListRoleTags).
        let sorted = role.tags.sorted { $0.key < $1.key }
        return try iamPage("Tags", sorted.response.listValue ?? [], call) { $0 }
    }

    mutating func putRoleBoundary(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let boundary = try call.required("PermissionsBoundary")
        _ = try authorizedRole(call, name, action: "iam:PutRolePermissionsBoundary", context: ["iam:PermissionsBoundary": [boundary]])
        guard attachablePolicyDocument(arn: boundary, account: call.caller.account) != nil else {
            throw ServiceError(code: "NoSuchEntity", message: "Scope ARN: \(boundary) does not exist or is not attachable.")
        }
        updateRole(in: call.caller.account, name) { $0.permissionsBoundary = boundary }
        return .object([])
    }

    mutating func deleteRoleBoundary(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        _ = try authorizedRole(call, name, action: "iam:DeleteRolePermissionsBoundary")
        updateRole(in: call.caller.account, name) { $0.permissionsBoundary = nil }
        return .object([])
    }
}

extension AWSValue {
    /// CreateRole's response has no RoleLastUsed and shows the tags it was given.
    func withoutLastUsed(tags: [Tag]) -> AWSValue {
        guard case .object(var members) = self else { return self }
        members.removeAll { $0.key == "RoleLastUsed" }
        if !tags.isEmpty { members.append(.init("Tags", tags.response)) }
        return .object(members)
    }
}
