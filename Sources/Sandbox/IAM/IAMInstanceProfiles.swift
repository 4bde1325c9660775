import AWSModel

/// Instance profiles: the container that carries a role to an EC2 instance.
extension Sandbox {
    private func existingProfile(_ call: Call, _ name: String) throws(ServiceError) -> InstanceProfile {
        guard let profile = state[account: call.caller.account].iam.instanceProfile(named: name) else {
            throw ServiceError(code: "NoSuchEntity", message: "Instance Profile \(name) cannot be found.")
        }
        return profile
    }

    /// The profile, after checking the caller may act on it (IAM authorizes before it looks).
    private mutating func authorizedProfile(_ call: Call, _ name: String, action: String) throws(ServiceError) -> InstanceProfile {
        let existing = state[account: call.caller.account].iam.instanceProfile(named: name)
        try authorize(call, action: action, resource: existing?.arn ?? iamARN(call, "instance-profile", name: name))
        return try existingProfile(call, name)
    }

    func profileResponse(_ profile: InstanceProfile) -> AWSValue {
        let iam = state[account: profile.account].iam
        return profile.response(roles: profile.roleNames.compactMap { iam.role(named: $0) })
    }

    private mutating func store(_ profile: InstanceProfile) {
        state.accounts[profile.account, default: AccountResources()].iam.instanceProfiles[profile.name.lowercased()] = profile
    }

    mutating func createInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("InstanceProfileName")
        let path = call.optional("Path") ?? "/"
        try Validation.check([(name, .instanceProfileName), (path, .path)])
        try authorize(call, action: "iam:CreateInstanceProfile", resource: iamARN(call, "instance-profile", path: path, name: name))
        if state[account: call.caller.account].iam.instanceProfile(named: name) != nil {
            throw ServiceError(code: "EntityAlreadyExists", message: "Instance Profile \(name) already exists.")
        }
        let profile = InstanceProfile(name: name, id: state.ids.uniqueID(prefix: "AIPA"), path: path, account: call.caller.account, created: state.clock.now)
        store(profile)
        return .object([.init("InstanceProfile", profileResponse(profile))])
    }

    mutating func getInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("InstanceProfileName")
        return .object([.init("InstanceProfile", profileResponse(try authorizedProfile(call, name, action: "iam:GetInstanceProfile")))])
    }

    mutating func listInstanceProfiles(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "iam:ListInstanceProfiles", resource: iamListARN(call, "instance-profile"))
        let profiles = state[account: call.caller.account].iam.instanceProfiles.values.sorted { $0.name < $1.name }
        return try iamPage("InstanceProfiles", profiles, call, profileResponse)
    }

    mutating func deleteInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("InstanceProfileName")
        let profile = try authorizedProfile(call, name, action: "iam:DeleteInstanceProfile")
        if !profile.roleNames.isEmpty {
            throw ServiceError(code: "DeleteConflict", message: "Cannot delete entity, must remove roles from instance profile first.")
        }
        state.accounts[call.caller.account]?.iam.instanceProfiles[name.lowercased()] = nil
        return .object([])
    }

    mutating func addRoleToInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("InstanceProfileName")
        let roleName = try call.required("RoleName")
        var profile = try authorizedProfile(call, name, action: "iam:AddRoleToInstanceProfile")
        let role = try existingRole(call, roleName)
        // Handing a role to EC2 through a profile is passing it, so AWS checks iam:PassRole here too.
        try authorize(call, action: "iam:PassRole", resource: role.arn, context: ["iam:PassedToService": ["ec2.amazonaws.com"]])
        try rejectIfServiceLinked(role)
        if !profile.roleNames.isEmpty {
            throw ServiceError(code: "LimitExceeded", message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
        }
        profile.roleNames.append(role.name)
        store(profile)
        return .object([])
    }

    mutating func removeRoleFromInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("InstanceProfileName")
        let roleName = try call.required("RoleName")
        var profile = try authorizedProfile(call, name, action: "iam:RemoveRoleFromInstanceProfile")
        guard profile.roleNames.contains(where: { $0.lowercased() == roleName.lowercased() }) else {
            throw ServiceError(code: "NoSuchEntity", message: "The role with name \(roleName) cannot be found.")
        }
        if let role = state[account: call.caller.account].iam.role(named: roleName) { try rejectIfServiceLinked(role) }
        profile.roleNames.removeAll { $0.lowercased() == roleName.lowercased() }
        store(profile)
        return .object([])
    }

    mutating func listInstanceProfilesForRole(_ call: Call) throws(ServiceError) -> AWSValue {
        let roleName = try call.required("RoleName")
        let role = try authorizedRole(call, roleName, action: "iam:ListInstanceProfilesForRole")
        let profiles = state[account: call.caller.account].iam.instanceProfiles.values
            .filter { $0.roleNames.contains(role.name) }
            .sorted { $0.name < $1.name }
        return try iamPage("InstanceProfiles", profiles, call, profileResponse)
    }
}
