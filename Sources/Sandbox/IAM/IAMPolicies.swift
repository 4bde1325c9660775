import AWSModel
import PolicyEngine

/// Managed and inline policies, attached to roles or users.
extension Sandbox {
    static let managedPoliciesPerEntity = 10

    /// Either a role or a user: the operations on their policies are the same but for names and messages.
    /// The role or user an operation is about, after checking the caller may do it (IAM authorizes first).
    private mutating func principalEntity(_ call: Call, role: Bool, action: String, context: [String: [String]] = [:]) throws(ServiceError) -> (name: String, arn: String, attached: [String], inline: [NamedDocument]) {
        if role {
            let entity = try authorizedRole(call, try call.required("RoleName"), action: action, context: context)
            return (entity.name, entity.arn, entity.attachedPolicies, entity.inlinePolicies)
        }
        let userName = try call.required("UserName")
        let existing = state[account: call.caller.account].iam.user(named: userName)
        try authorize(call, action: action, resource: existing?.arn ?? iamARN(call, "user", name: userName), context: context)
        let entity = try existingUser(call, userName)
        return (entity.name, entity.arn, entity.attachedPolicies, entity.inlinePolicies)
    }

    private mutating func update(_ call: Call, role: Bool, name: String, attached: [String]? = nil, inline: [NamedDocument]? = nil) {
        if role {
            updateRole(in: call.caller.account, name) { entity in
                if let attached { entity.attachedPolicies = attached }
                if let inline { entity.inlinePolicies = inline }
            }
        } else {
            updateUser(in: call.caller.account, name) { entity in
                if let attached { entity.attachedPolicies = attached }
                if let inline { entity.inlinePolicies = inline }
            }
        }
    }

    mutating func attachPolicy(_ call: Call, toRole role: Bool) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let entity = try principalEntity(call, role: role, action: role ? "iam:AttachRolePolicy" : "iam:AttachUserPolicy", context: ["iam:PolicyARN": [arn]])
        guard attachablePolicyDocument(arn: arn, account: call.caller.account) != nil else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) does not exist or is not attachable.")
        }
        // A service-linked role's policy belongs to the service's role alone.
        if arn.hasPrefix(ResourceARN.awsManagedPolicy(path: "/aws-service-role/", name: "")) {
            throw ServiceError(code: "PolicyNotAttachable", message: "Cannot attach a Service Role Policy to a Customer Role.")
        }
        if entity.attached.contains(arn) { return .object([]) }
        if entity.attached.count >= Self.managedPoliciesPerEntity {
            throw ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for \(role ? "PoliciesPerRole" : "PoliciesPerUser"): \(Self.managedPoliciesPerEntity)")
        }
        update(call, role: role, name: entity.name, attached: entity.attached + [arn])
        return .object([])
    }

    mutating func detachPolicy(_ call: Call, fromRole role: Bool) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let entity = try principalEntity(call, role: role, action: role ? "iam:DetachRolePolicy" : "iam:DetachUserPolicy", context: ["iam:PolicyARN": [arn]])
        guard entity.attached.contains(arn) else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) was not found.")
        }
        update(call, role: role, name: entity.name, attached: entity.attached.filter { $0 != arn })
        return .object([])
    }

    mutating func listAttachedPolicies(_ call: Call, ofRole role: Bool) throws(ServiceError) -> AWSValue {
        let entity = try principalEntity(call, role: role, action: role ? "iam:ListAttachedRolePolicies" : "iam:ListAttachedUserPolicies")
        let policies: [AWSValue] = entity.attached.compactMap { arn in
            guard let (name, _) = managedPolicyDocument(arn: arn) else { return nil }
            return .object([.init("PolicyName", .string(name)), .init("PolicyArn", .string(arn))])
        }
        return try iamPage("AttachedPolicies", policies, call) { $0 }
    }

    mutating func putInlinePolicy(_ call: Call, onRole role: Bool) throws(ServiceError) -> AWSValue {
        let policyName = try call.required("PolicyName")
        let text = try call.required("PolicyDocument")
        try Validation.check([(policyName, .policyName)])
        let entity = try principalEntity(call, role: role, action: role ? "iam:PutRolePolicy" : "iam:PutUserPolicy")
        let document = try validatedDocument(text, as: .identity, inline: true)
        var inline = entity.inline
        if let index = inline.firstIndex(where: { $0.name == policyName }) {
            inline[index].document = document
        } else {
            inline.append(NamedDocument(name: policyName, document: document))
        }
        // IAM limits the total size of a role's or user's inline policies, not each one.
        let total = inline.reduce(0) { $0 + Self.quotaSize(of: $1.document) }
        let quota = role ? 10_240 : 2_048
        if total > quota {
            throw ServiceError(code: "LimitExceeded", message: "Maximum policy size of \(quota) bytes exceeded for \(role ? "role" : "user") \(entity.name)")
        }
        update(call, role: role, name: entity.name, inline: inline)
        return .object([])
    }

    mutating func getInlinePolicy(_ call: Call, ofRole role: Bool) throws(ServiceError) -> AWSValue {
        let policyName = try call.required("PolicyName")
        let entity = try principalEntity(call, role: role, action: role ? "iam:GetRolePolicy" : "iam:GetUserPolicy")
        guard let policy = entity.inline.first(where: { $0.name == policyName }) else {
            throw ServiceError(code: "NoSuchEntity", message: "The \(role ? "role" : "user") policy with name \(policyName) cannot be found.")
        }
        return .object([
            .init(role ? "RoleName" : "UserName", .string(entity.name)), .init("PolicyName", .string(policy.name)),
            .init("PolicyDocument", JSONDocuments.value(of: policy.document)),
        ])
    }

    mutating func deleteInlinePolicy(_ call: Call, ofRole role: Bool) throws(ServiceError) -> AWSValue {
        let policyName = try call.required("PolicyName")
        let entity = try principalEntity(call, role: role, action: role ? "iam:DeleteRolePolicy" : "iam:DeleteUserPolicy")
        guard entity.inline.contains(where: { $0.name == policyName }) else {
            throw ServiceError(code: "NoSuchEntity", message: "The \(role ? "role" : "user") policy with name \(policyName) cannot be found.")
        }
        update(call, role: role, name: entity.name, inline: entity.inline.filter { $0.name != policyName })
        return .object([])
    }

    mutating func listInlinePolicies(_ call: Call, ofRole role: Bool) throws(ServiceError) -> AWSValue {
        let entity = try principalEntity(call, role: role, action: role ? "iam:ListRolePolicies" : "iam:ListUserPolicies")
        return try iamPage("PolicyNames", entity.inline, call) { .string($0.name) }
    }

    // MARK: Customer managed policies

    struct AttachmentCount {
        var attachments = 0
        var boundaries = 0
    }

    private func attachmentCounts(of arn: String, in account: String) -> (attachments: Int, boundaries: Int) {
        let count = allAttachmentCounts(in: account)[arn] ?? AttachmentCount()
        return (count.attachments, count.boundaries)
    }

    /// How often each policy ARN is attached or used as a boundary in one account (an AWS managed policy's counts
    /// are the caller's account's, not AWS's), counted in one pass over its principals, so listing N policies costs
    /// one pass and not N.
    private func allAttachmentCounts(in accountID: String) -> [String: AttachmentCount] {
        var counts: [String: AttachmentCount] = [:]
        let iam = state[account: accountID].iam
        for role in iam.roles.values {
            for arn in role.attachedPolicies { counts[arn, default: AttachmentCount()].attachments += 1 }
            if let boundary = role.permissionsBoundary { counts[boundary, default: AttachmentCount()].boundaries += 1 }
        }
        for user in iam.users.values {
            for arn in user.attachedPolicies { counts[arn, default: AttachmentCount()].attachments += 1 }
            if let boundary = user.permissionsBoundary { counts[boundary, default: AttachmentCount()].boundaries += 1 }
        }
        return counts
    }

    private func summary(of policy: CustomerManagedPolicy, counts: [String: AttachmentCount]) -> ManagedPolicySummary {
        let count = counts[policy.arn] ?? AttachmentCount()
        return ManagedPolicySummary(name: policy.name, id: policy.id, arn: policy.arn, path: policy.path, defaultVersion: policy.defaultVersion,
                                    attachmentCount: count.attachments, boundaryUsageCount: count.boundaries,
                                    description: policy.description, created: policy.created, updated: policy.updated)
    }

    private func summary(of policy: AWSManagedPolicy, counts: [String: AttachmentCount]) -> ManagedPolicySummary {
        let count = counts[policy.arn] ?? AttachmentCount()
        // AWS managed policies predate the sandbox; a fixed id and date keep responses stable.
        return ManagedPolicySummary(name: policy.name, id: "ANPA" + String(policy.name.uppercased().filter(\.isLetter).prefix(16)).padding(toLength: 16, withPad: "X", startingAt: 0),
                                    arn: policy.arn, path: policy.path, defaultVersion: policy.defaultVersion,
                                    attachmentCount: count.attachments, boundaryUsageCount: count.boundaries,
                                    description: nil, created: 1_423_180_800, updated: 1_423_180_800)
    }

    /// The customer managed policy an ARN names in the caller's account.
    private func customerPolicy(_ call: Call, arn: String) throws(ServiceError) -> CustomerManagedPolicy {
        let name = String(arn.split(separator: "/").last ?? "")
        guard let policy = state[account: call.caller.account].iam.policies[name.lowercased()], policy.arn == arn else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) was not found.")
        }
        return policy
    }

    private mutating func store(_ policy: CustomerManagedPolicy) {
        state.accounts[policy.account, default: AccountResources()].iam.policies[policy.name.lowercased()] = policy
    }

    mutating func createPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("PolicyName")
        let text = try call.required("PolicyDocument")
        let path = call.optional("Path") ?? "/"
        let description = call.optional("Description")
        try Validation.check([(name, .policyName), (path, .path), (description, .description)])
        try authorize(call, action: "iam:CreatePolicy", resource: iamARN(call, "policy", path: path, name: name))
        if state[account: call.caller.account].iam.policies[name.lowercased()] != nil {
            throw ServiceError(code: "EntityAlreadyExists", message: "A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        let document = try validatedDocument(text, as: .identity)
        let now = state.clock.now
        let policy = CustomerManagedPolicy(name: name, id: state.ids.uniqueID(prefix: "ANPA"), path: path, account: call.caller.account,
                                           description: description, created: now, updated: now, defaultVersion: "v1",
                                           versions: [PolicyVersion(id: "v1", document: document, created: now)])
        store(policy)
        return .object([.init("Policy", summary(of: policy, counts: [:]).response(includeDescription: false))])
    }

    mutating func getPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        try authorize(call, action: "iam:GetPolicy", resource: arn)
        if let managed = AWSManagedPolicies.policy(arn: arn) {
            return .object([.init("Policy", summary(of: managed, counts: allAttachmentCounts(in: call.caller.account)).response(includeDescription: true))])
        }
        return .object([.init("Policy", summary(of: try customerPolicy(call, arn: arn), counts: allAttachmentCounts(in: call.caller.account)).response(includeDescription: true))])
    }

    mutating func listPolicies(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "iam:ListPolicies", resource: iamListARN(call, "policy"))
        let scope = call.optional("Scope") ?? "All"
        let onlyAttached = call.bool("OnlyAttached") ?? false
        var summaries: [ManagedPolicySummary] = []
        let counts = allAttachmentCounts(in: call.caller.account)
        if scope == "All" || scope == "AWS" { summaries += AWSManagedPolicies.published.map { summary(of: $0, counts: counts) } }
        if scope == "All" || scope == "Local" {
            summaries += state[account: call.caller.account].iam.policies.values.sorted { $0.name < $1.name }.map { summary(of: $0, counts: counts) }
        }
        if onlyAttached { summaries = summaries.filter { $0.attachmentCount > 0 } }
        if let prefix = call.optional("PathPrefix") { summaries = summaries.filter { $0.path.hasPrefix(prefix) } }
        return try iamPage("Policies", summaries, call) { $0.response(includeDescription: false) }
    }

    mutating func deletePolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        try authorize(call, action: "iam:DeletePolicy", resource: arn)
        let policy = try customerPolicy(call, arn: arn)
        let counts = attachmentCounts(of: arn, in: call.caller.account)
        if counts.attachments + counts.boundaries > 0 {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete a policy attached to entities.")
        }
        if policy.versions.count > 1 {
            throw ServiceError(code: "DeleteConflict", message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
        }
        state.accounts[call.caller.account]?.iam.policies[policy.name.lowercased()] = nil
        return .object([])
    }

    mutating func createPolicyVersion(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let text = try call.required("PolicyDocument")
        try authorize(call, action: "iam:CreatePolicyVersion", resource: arn)
        var policy = try customerPolicy(call, arn: arn)
        if policy.versions.count >= 5 {
            throw ServiceError(code: "LimitExceeded", message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")
        }
        let document = try validatedDocument(text, as: .identity)
        let version = PolicyVersion(id: "v\(policy.nextVersion)", document: document, created: state.clock.now)
        policy.nextVersion += 1
        policy.versions.append(version)
        let makeDefault = call.bool("SetAsDefault") ?? false
        if makeDefault { policy.defaultVersion = version.id }
        policy.updated = state.clock.now
        store(policy)
        return .object([.init("PolicyVersion", .object([
            .init("VersionId", .string(version.id)), .init("IsDefaultVersion", .bool(makeDefault)),
            .init("CreateDate", .string(SandboxClock.iso8601(version.created))),
        ]))])
    }

    mutating func getPolicyVersion(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let versionID = try call.required("VersionId")
        try authorize(call, action: "iam:GetPolicyVersion", resource: arn)
        if let managed = AWSManagedPolicies.policy(arn: arn) {
            guard versionID == managed.defaultVersion else {
                throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) version \(versionID) does not exist or is not attachable.")
            }
            return .object([.init("PolicyVersion", .object([
                .init("Document", JSONDocuments.value(of: managed.document)), .init("VersionId", .string(versionID)),
                .init("IsDefaultVersion", true), .init("CreateDate", .string(SandboxClock.iso8601(1_423_180_800))),
            ]))])
        }
        let policy = try customerPolicy(call, arn: arn)
        guard let version = policy.versions.first(where: { $0.id == versionID }) else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) version \(versionID) does not exist or is not attachable.")
        }
        return .object([.init("PolicyVersion", .object([
            .init("Document", JSONDocuments.value(of: version.document)), .init("VersionId", .string(version.id)),
            .init("IsDefaultVersion", .bool(version.id == policy.defaultVersion)),
            .init("CreateDate", .string(SandboxClock.iso8601(version.created))),
        ]))])
    }

    mutating func listPolicyVersions(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        try authorize(call, action: "iam:ListPolicyVersions", resource: arn)
        let policy = try customerPolicy(call, arn: arn)
        let versions: [AWSValue] = policy.versions.reversed().map { version in
            .object([
                .init("VersionId", .string(version.id)), .init("IsDefaultVersion", .bool(version.id == policy.defaultVersion)),
                .init("CreateDate", .string(SandboxClock.iso8601(version.created))),
            ])
        }
        return try iamPage("Versions", versions, call) { $0 }
    }

    mutating func deletePolicyVersion(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let versionID = try call.required("VersionId")
        try authorize(call, action: "iam:DeletePolicyVersion", resource: arn)
        var policy = try customerPolicy(call, arn: arn)
        guard policy.versions.contains(where: { $0.id == versionID }) else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) version \(versionID) does not exist or is not deletable.")
        }
        if versionID == policy.defaultVersion {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete the default version of a policy.")
        }
        policy.versions.removeAll { $0.id == versionID }
        store(policy)
        return .object([])
    }

    mutating func setDefaultPolicyVersion(_ call: Call) throws(ServiceError) -> AWSValue {
        let arn = try call.required("PolicyArn")
        let versionID = try call.required("VersionId")
        try authorize(call, action: "iam:SetDefaultPolicyVersion", resource: arn)
        var policy = try customerPolicy(call, arn: arn)
        guard policy.versions.contains(where: { $0.id == versionID }) else {
            throw ServiceError(code: "NoSuchEntity", message: "Policy \(arn) version \(versionID) does not exist or is not attachable.")
        }
        policy.defaultVersion = versionID
        policy.updated = state.clock.now
        store(policy)
        return .object([])
    }
}
