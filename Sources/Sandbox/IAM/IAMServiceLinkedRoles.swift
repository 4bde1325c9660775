import AWSModel

/// Service-linked roles: roles an AWS service defines and owns. IAM makes them under `/aws-service-role/SERVICE/`
/// with the service's own trust and permissions, and refuses to let anyone change or delete them directly.
extension Sandbox {
    /// What the sandbox knows of each service that links a role: its role's name and the AWS managed policy the role
    /// carries.
    struct LinkedRoleTemplate: Sendable {
        let roleName: String
        let policyName: String
        let acceptsCustomSuffix: Bool
    }

    static let linkedRoleTemplates: [String: LinkedRoleTemplate] = [
        "autoscaling.amazonaws.com": .init(roleName: "AWSServiceRoleForAutoScaling", policyName: "AutoScalingServiceRolePolicy", acceptsCustomSuffix: true),
        "elasticloadbalancing.amazonaws.com": .init(roleName: "AWSServiceRoleForElasticLoadBalancing", policyName: "AWSElasticLoadBalancingServiceRolePolicy", acceptsCustomSuffix: false),
        "ecs.amazonaws.com": .init(roleName: "AWSServiceRoleForECS", policyName: "AmazonECSServiceRolePolicy", acceptsCustomSuffix: false),
        "rds.amazonaws.com": .init(roleName: "AWSServiceRoleForRDS", policyName: "AmazonRDSServiceRolePolicy", acceptsCustomSuffix: false),
        "spot.amazonaws.com": .init(roleName: "AWSServiceRoleForEC2Spot", policyName: "AWSEC2SpotServiceRolePolicy", acceptsCustomSuffix: false),
        "organizations.amazonaws.com": .init(roleName: "AWSServiceRoleForOrganizations", policyName: "AWSOrganizationsServiceTrustPolicy", acceptsCustomSuffix: false),
    ]

    /// What IAM refuses to do to a role AWS owns: its trust, its permissions and its existence are the service's.
    static let refusedOnServiceLinkedRoles: Set = [
        "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy",
        "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
    ]

    /// IAM's refusal to change a role AWS owns, for every operation that would.
    func rejectIfServiceLinked(_ role: IAMRole) throws(ServiceError) {
        guard role.isServiceLinked else { return }
        throw ServiceError(code: "UnmodifiableEntity", message: "Cannot perform the operation on the protected role '\(role.name)' - this role is only modifiable by AWS")
    }

    mutating func createServiceLinkedRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let service = try call.required("AWSServiceName")
        let description = call.optional("Description")
        let suffix = call.optional("CustomSuffix")
        try Validation.check([(description, .description)])
        guard let template = Self.linkedRoleTemplates[service] else {
            throw ServiceError(code: "InvalidInput", message: "Invalid service principal: \(service). The sandbox links roles for \(Self.linkedRoleTemplates.keys.sorted().joined(separator: ", ")).")
        }
        if suffix != nil, !template.acceptsCustomSuffix {
            throw ServiceError(code: "InvalidInput", message: "Custom suffix is not allowed for \(service)")
        }
        let name = template.roleName + (suffix.map { "_" + $0 } ?? "")
        let path = "/aws-service-role/\(service)/"
        try authorize(call, action: "iam:CreateServiceLinkedRole", resource: iamARN(call, "role", path: path, name: name),
                      context: ["iam:AWSServiceName": [service]])
        let account = call.caller.account
        if state[account: account].iam.role(named: name) != nil {
            throw ServiceError(code: "InvalidInput", message: "Service role name \(name) has been taken in this account, please try a different suffix.")
        }
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["\#(service)"]},"Action":["sts:AssumeRole"]}]}"#
        let role = IAMRole(name: name, id: state.ids.uniqueID(prefix: "AROA"), path: path, account: account, created: state.clock.now,
                           trustPolicy: trust, description: description, maxSessionDuration: 3600,
                           attachedPolicies: [ResourceARN.awsManagedPolicy(path: "/aws-service-role/", name: template.policyName)])
        state.accounts[account, default: AccountResources()].iam.roles[name.lowercased()] = role
        return .object([.init("Role", role.response(includeDetails: false))])
    }

    mutating func deleteServiceLinkedRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("RoleName")
        let account = call.caller.account
        let existing = state[account: account].iam.role(named: name)
        try authorize(call, action: "iam:DeleteServiceLinkedRole", resource: existing?.arn ?? iamARN(call, "role", name: name))
        guard let role = existing else {
            throw ServiceError(code: "NoSuchEntity", message: "The role with name \(name) cannot be found.")
        }
        guard role.isServiceLinked, let service = role.path.split(separator: "/").last else {
            throw ServiceError(code: "InvalidInput", message: "Role \(role.name) is not a service-linked role.")
        }
        // The service first checks that nothing of its own still uses the role; nothing in the sandbox does.
        let task = "task/aws-service-role/\(service)/\(role.name)/\(state.ids.uuid())"
        state.accounts[account, default: AccountResources()].iam.roles[name.lowercased()] = nil
        state.accounts[account, default: AccountResources()].iam.serviceLinkedRoleDeletions =
            (state[account: account].iam.serviceLinkedRoleDeletions ?? [:]).merging([task: role.name]) { $1 }
        return .object([.init("DeletionTaskId", .string(task))])
    }

    mutating func serviceLinkedRoleDeletionStatus(_ call: Call) throws(ServiceError) -> AWSValue {
        let task = try call.required("DeletionTaskId")
        try authorize(call, action: "iam:GetServiceLinkedRoleDeletionStatus", resource: "*")
        guard state[account: call.caller.account].iam.serviceLinkedRoleDeletions?[task] != nil else {
            throw ServiceError(code: "NoSuchEntity", message: "Deletion task \(task) cannot be found.")
        }
        return .object([.init("Status", "SUCCEEDED")])
    }
}
