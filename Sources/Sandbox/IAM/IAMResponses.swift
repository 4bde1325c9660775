import AWSModel

/// How IAM entities look in responses, member order as in IAM's API model (the CLI prints that order).
extension IAMRole {
    /// `listing`: as ListRoles gives a role, without the boundary (and, like `includeDetails: false`, without the
    /// tags and last use).
    func response(includeDetails: Bool = true, listing: Bool = false) -> AWSValue {
        var members: [AWSValue.Member] = [
            .init("Path", .string(path)), .init("RoleName", .string(name)), .init("RoleId", .string(id)),
            .init("Arn", .string(arn)), .init("CreateDate", .string(SandboxClock.iso8601(created))),
            .init("AssumeRolePolicyDocument", JSONDocuments.value(of: trustPolicy)),
        ]
        if let description { members.append(.init("Description", .string(description))) }
        members.append(.init("MaxSessionDuration", .integer(maxSessionDuration)))
        // A listing leaves out the boundary, the tags and the last use ("ListRoles does not return the following
        // attributes, even though they are an attribute of the returned object", IAM API Reference).
        if !listing, let permissionsBoundary {
            members.append(.init("PermissionsBoundary", .object([
                .init("PermissionsBoundaryType", "Policy"), .init("PermissionsBoundaryArn", .string(permissionsBoundary)),
            ])))
        }
        if includeDetails && !listing {
            if !tags.isEmpty { members.append(.init("Tags", tags.response)) }
            members.append(.init("RoleLastUsed", .object([])))
        }
        return .object(members)
    }
}

extension IAMUser {
    /// `listing` for ListUsers, which returns neither the boundary nor the tags (IAM API Reference).
    func response(listing: Bool = false) -> AWSValue {
        var members: [AWSValue.Member] = [
            .init("Path", .string(path)), .init("UserName", .string(name)), .init("UserId", .string(id)),
            .init("Arn", .string(arn)), .init("CreateDate", .string(SandboxClock.iso8601(created))),
        ]
        guard !listing else { return .object(members) }
        if let permissionsBoundary {
            members.append(.init("PermissionsBoundary", .object([
                .init("PermissionsBoundaryType", "Policy"), .init("PermissionsBoundaryArn", .string(permissionsBoundary)),
            ])))
        }
        if !tags.isEmpty { members.append(.init("Tags", tags.response)) }
        return .object(members)
    }
}

extension InstanceProfile {
    func response(roles: [IAMRole]) -> AWSValue {
        .object([
            .init("Path", .string(path)), .init("InstanceProfileName", .string(name)), .init("InstanceProfileId", .string(id)),
            .init("Arn", .string(arn)), .init("CreateDate", .string(SandboxClock.iso8601(created))),
            .init("Roles", .list(roles.map { $0.response(includeDetails: false) })),
        ])
    }
}

extension Array where Element == Tag {
    var response: AWSValue {
        .list(map { .object([.init("Key", .string($0.key)), .init("Value", .string($0.value))]) })
    }
}

/// A managed policy as `get-policy` and `list-policies` show it, AWS managed or customer managed.
struct ManagedPolicySummary {
    var name: String
    var id: String
    var arn: String
    var path: String
    var defaultVersion: String
    var attachmentCount: Int
    var boundaryUsageCount: Int
    var description: String?
    var created: Int
    var updated: Int

    func response(includeDescription: Bool) -> AWSValue {
        var members: [AWSValue.Member] = [
            .init("PolicyName", .string(name)), .init("PolicyId", .string(id)), .init("Arn", .string(arn)),
            .init("Path", .string(path)), .init("DefaultVersionId", .string(defaultVersion)),
            .init("AttachmentCount", .integer(attachmentCount)), .init("PermissionsBoundaryUsageCount", .integer(boundaryUsageCount)),
            .init("IsAttachable", true),
        ]
        if includeDescription, let description { members.append(.init("Description", .string(description))) }
        members += [.init("CreateDate", .string(SandboxClock.iso8601(created))), .init("UpdateDate", .string(SandboxClock.iso8601(updated)))]
        return .object(members)
    }
}
