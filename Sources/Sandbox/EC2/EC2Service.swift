import AWSModel

/// EC2 instances, as far as roles are concerned: launching with an instance profile (which passes its role), the
/// profile association, and the credentials the instance metadata service hands the instance.
extension Sandbox {
    /// EC2's operations, dispatched by `Sandbox.dispatch`.
    static let ec2Service = SimulatedService(name: "ec2", operations: [
        "ModifyInstanceMetadataOptions": { sandbox, call throws(ServiceError) in try sandbox.modifyInstanceMetadataOptions(call) },
        "RunInstances": { sandbox, call throws(ServiceError) in try sandbox.runInstances(call) },
        "DescribeInstances": { sandbox, call throws(ServiceError) in try sandbox.describeInstances(call) },
        "TerminateInstances": { sandbox, call throws(ServiceError) in try sandbox.terminateInstances(call) },
        "AssociateIamInstanceProfile": { sandbox, call throws(ServiceError) in try sandbox.associateInstanceProfile(call) },
        "DescribeIamInstanceProfileAssociations": { sandbox, call throws(ServiceError) in try sandbox.describeProfileAssociations(call) },
    ], honoursDryRun: true)

    private func instanceARN(_ call: Call, _ id: String) -> String { ResourceARN.ec2Instance(account: call.caller.account, id: id) }

    /// The profile named by `{"Name": …}` or `{"Arn": …}`, with EC2's error when it does not exist.
    private func requestedProfile(_ call: Call, _ value: AWSValue?) throws(ServiceError) -> InstanceProfile? {
        guard let value else { return nil }
        let iam = state[account: call.caller.account].iam
        if let name = value["Name"]?.stringValue {
            guard let profile = iam.instanceProfile(named: name) else {
                throw ServiceError(code: "InvalidParameterValue", message: "Value (\(name)) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name")
            }
            return profile
        }
        if let arn = value["Arn"]?.stringValue {
            guard let profile = iam.instanceProfiles.values.first(where: { $0.arn == arn }) else {
                throw ServiceError(code: "InvalidParameterValue", message: "Value (\(arn)) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN")
            }
            return profile
        }
        throw ServiceError(code: "InvalidParameterCombination", message: "The parameter iamInstanceProfile must specify either an Arn or a Name")
    }

    /// Launching with a profile passes the profile's role to EC2, which needs iam:PassRole on that role.
    private mutating func authorizePassing(_ profile: InstanceProfile, _ call: Call) throws(ServiceError) {
        for roleName in profile.roleNames {
            guard let role = state[account: profile.account].iam.role(named: roleName) else { continue }
            try authorize(call, action: "iam:PassRole", resource: role.arn, context: ["iam:PassedToService": ["ec2.amazonaws.com"]])
        }
    }

    mutating func runInstances(_ call: Call) throws(ServiceError) -> AWSValue {
        let imageID = try call.required("ImageId")
        let count = try call.integer("MinCount") ?? 1
        if count < 1 {
            throw ServiceError(code: "InvalidParameterValue", message: "Value (\(count)) for parameter minCount is invalid. Expected a value of at least 1.")
        }
        let profile = try requestedProfile(call, call.parameters["IamInstanceProfile"])
        let tags = try Self.instanceTags(call)
        let tagging = Self.taggingContext(tags: tags, boundary: nil)
        try authorize(call, action: "ec2:RunInstances", resource: instanceARN(call, "*"), context: tagging)
        // Tagging on launch is also a CreateTags, which EC2 authorizes apart ("Grant permission to tag resources
        // during creation", EC2 User Guide), with ec2:CreateAction naming the launch.
        if !tags.isEmpty {
            try authorize(call, action: "ec2:CreateTags", resource: instanceARN(call, "*"), context: tagging.merging(["ec2:CreateAction": ["RunInstances"]]) { $1 })
        }
        if let profile { try authorizePassing(profile, call) }
        guard imageID.hasPrefix("ami-") else {
            throw ServiceError(code: "InvalidAMIID.Malformed", message: "Invalid id: \"\(imageID)\" (expecting \"ami-...\")")
        }
        var options = MetadataOptions()
        if let requested = call.parameters["MetadataOptions"] { options = try Self.metadataOptions(requested, over: options) }
        var launched: [EC2Instance] = []
        for index in 0..<max(1, min(count, 5)) {
            let id = "i-0" + state.ids.hex(16)
            let instance = EC2Instance(id: id, account: call.caller.account, imageID: imageID, instanceType: call.optional("InstanceType") ?? "m1.small",
                                       launched: state.clock.now, state: "running", instanceProfileARN: profile?.arn,
                                       privateIP: "172.31.\(16 + (state[account: call.caller.account].instances.count + index) / 250).\(10 + (state[account: call.caller.account].instances.count + index) % 240)",
                                       associationID: profile.map { _ in "iip-assoc-0" + state.ids.hex(16) }, metadataOptions: options,
                                       tags: tags.isEmpty ? nil : tags)
            state.accounts[call.caller.account, default: AccountResources()].instances[id] = instance
            launched.append(instance)
        }
        // The reservation is named as describe-instances names it later (the id drawn here keeps the ids that
        // follow what they always were).
        _ = state.ids.hex(16)
        // Members in the order of EC2's model, which is the order the aws CLI prints them in.
        return .object([
            .init("ReservationId", .string("r-0" + String(launched[0].id.dropFirst(3)))),
            .init("OwnerId", .string(call.caller.account)),
            .init("Groups", .list([])),
            .init("Instances", .list(launched.map { instanceResponse($0, stateName: "pending", stateCode: 0) })),
        ])
    }

    /// The tags `--tag-specifications` gives the instance. Tags for other resource types (volumes, network
    /// interfaces) are for resources the sandbox does not have, and are not kept.
    static func instanceTags(_ call: Call) throws(ServiceError) -> [Tag] {
        var tags: [Tag] = []
        for specification in call.list("TagSpecifications") where specification["ResourceType"]?.stringValue == "instance" {
            for tag in specification["Tags"]?.listValue ?? [] {
                guard let key = tag["Key"]?.textValue else { continue }
                // Reserved for AWS, as in every service that takes tags.
                if key.lowercased().hasPrefix("aws:") {
                    throw ServiceError(code: "InvalidParameterValue", message: "Tag keys starting with 'aws:' are reserved for internal use")
                }
                tags.removeAll { $0.key == key }
                tags.append(Tag(key: key, value: tag["Value"]?.textValue ?? ""))
            }
        }
        return tags
    }

    func instanceResponse(_ instance: EC2Instance, stateName: String? = nil, stateCode: Int? = nil) -> AWSValue {
        let name = stateName ?? instance.state
        let code = stateCode ?? (instance.state == "running" ? 16 : instance.state == "terminated" ? 48 : 0)
        // Members in the order of EC2's model (`Instance`), which is the order the aws CLI prints them in.
        var members: [AWSValue.Member] = []
        if let arn = instance.instanceProfileARN, let profile = instanceProfile(arn: arn) {
            members.append(.init("IamInstanceProfile", .object([.init("Arn", .string(arn)), .init("Id", .string(profile.id))])))
        }
        if let tags = instance.tags, !tags.isEmpty {
            members.append(.init("Tags", tags.response))
        }
        members += [
            .init("MetadataOptions", Self.metadataOptionsResponse(instance.metadataOptions ?? MetadataOptions())),
            .init("InstanceId", .string(instance.id)), .init("ImageId", .string(instance.imageID)),
            .init("State", .object([.init("Code", .integer(code)), .init("Name", .string(name))])),
            .init("PrivateDnsName", .string("ip-\(instance.privateIP.replacingOccurrences(of: ".", with: "-")).ec2.internal")),
            .init("AmiLaunchIndex", 0), .init("InstanceType", .string(instance.instanceType)),
            .init("LaunchTime", .string(SandboxClock.iso8601(instance.launched))),
            .init("Placement", .object([.init("GroupName", ""), .init("Tenancy", "default"), .init("AvailabilityZone", .string(SandboxState.region + "a"))])),
            .init("PrivateIpAddress", .string(instance.privateIP)),
        ]
        return .object(members)
    }

    static func metadataOptionsResponse(_ options: MetadataOptions) -> AWSValue {
        .object([
            .init("State", "applied"), .init("HttpTokens", .string(options.httpTokens)),
            .init("HttpPutResponseHopLimit", .integer(options.httpPutResponseHopLimit)), .init("HttpEndpoint", .string(options.httpEndpoint)),
            .init("HttpProtocolIpv6", "disabled"), .init("InstanceMetadataTags", "disabled"),
        ])
    }

    /// `HttpTokens=required,HttpPutResponseHopLimit=2,…` applied over `options`, with EC2's messages.
    static func metadataOptions(_ value: AWSValue, over options: MetadataOptions) throws(ServiceError) -> MetadataOptions {
        var options = options
        if let tokens = value["HttpTokens"]?.stringValue {
            guard ["required", "optional"].contains(tokens) else {
                throw ServiceError(code: "InvalidParameterValue", message: "Value (\(tokens)) for parameter HttpTokens is invalid. Valid values are optional, required.")
            }
            options.httpTokens = tokens
        }
        if let limit = value["HttpPutResponseHopLimit"]?.intValue {
            guard (1...64).contains(limit) else {
                throw ServiceError(code: "InvalidParameterValue", message: "Value (\(limit)) for parameter HttpPutResponseHopLimit is invalid. Valid values are between 1 and 64.")
            }
            options.httpPutResponseHopLimit = limit
        }
        if let endpoint = value["HttpEndpoint"]?.stringValue {
            guard ["enabled", "disabled"].contains(endpoint) else {
                throw ServiceError(code: "InvalidParameterValue", message: "Value (\(endpoint)) for parameter HttpEndpoint is invalid. Valid values are enabled, disabled.")
            }
            options.httpEndpoint = endpoint
        }
        return options
    }

    mutating func modifyInstanceMetadataOptions(_ call: Call) throws(ServiceError) -> AWSValue {
        let id = try call.required("InstanceId")
        try authorize(call, action: "ec2:ModifyInstanceMetadataOptions", resource: instanceARN(call, id))
        let instance = try existingInstance(call, id)
        let options = try Self.metadataOptions(call.parameters, over: instance.metadataOptions ?? MetadataOptions())
        state.accounts[call.caller.account]?.instances[id]?.metadataOptions = options
        var response = Self.metadataOptionsResponse(options)
        if case .object(var members) = response {
            members[0] = .init("State", "pending")
            response = .object(members)
        }
        return .object([.init("InstanceId", .string(id)), .init("InstanceMetadataOptions", response)])
    }

    func instanceProfile(arn: String) -> InstanceProfile? {
        for account in state.accounts.values {
            if let profile = account.iam.instanceProfiles.values.first(where: { $0.arn == arn }) { return profile }
        }
        return nil
    }

    private func existingInstance(_ call: Call, _ id: String) throws(ServiceError) -> EC2Instance {
        guard let instance = state[account: call.caller.account].instances[id] else {
            // An id is `i-` and 8 or 17 hexadecimal digits; anything else is malformed rather than missing.
            let hex = id.dropFirst(2)
            let wellFormed = id.hasPrefix("i-") && (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
            throw ServiceError(code: wellFormed ? "InvalidInstanceID.NotFound" : "InvalidInstanceID.Malformed",
                               message: wellFormed ? "The instance ID '\(id)' does not exist" : "Invalid id: \"\(id)\"")
        }
        return instance
    }

    mutating func describeInstances(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "ec2:DescribeInstances", resource: "*")
        let ids = call.strings("InstanceIds")
        var instances: [EC2Instance]
        if ids.isEmpty {
            instances = state[account: call.caller.account].instances.values.sorted { ($0.launched, $0.id) < ($1.launched, $1.id) }
        } else {
            instances = []
            for id in ids { instances.append(try existingInstance(call, id)) }
        }
        instances = try EC2Filters(call).apply(instances, fields: { instance, name in
            switch name {
            case "instance-id": [instance.id]
            case "instance-state-name": [instance.state]
            case "instance-type": [instance.instanceType]
            case "image-id": [instance.imageID]
            case "private-ip-address": [instance.privateIP]
            case "iam-instance-profile.arn": instance.instanceProfileARN.map { [$0] } ?? []
            case "owner-id": [instance.account]
            case "instance-state-code": [instance.state == "running" ? "16" : "48"]
            case "availability-zone": [SandboxState.region + "a"]
            case "private-dns-name": ["ip-" + instance.privateIP.replacingOccurrences(of: ".", with: "-") + ".ec2.internal"]
            case "reservation-id": ["r-0" + String(instance.id.dropFirst(3))]
            case "tag-key": (instance.tags ?? []).map(\.key)
            case let name where name.hasPrefix("tag:"): (instance.tags ?? []).filter { $0.key == name.dropFirst(4) }.map(\.value)
            default: []
            }
        }, modelled: ["instance-id", "instance-state-name", "instance-state-code", "instance-type", "image-id", "private-ip-address", "private-dns-name",
                      "iam-instance-profile.arn", "owner-id", "availability-zone", "reservation-id", "tag-key"],
           real: EC2Filters.describeInstancesNames)
        let reservations: [AWSValue] = instances.map { instance in
            .object([
                .init("ReservationId", .string("r-0" + String(instance.id.dropFirst(3)))), .init("OwnerId", .string(instance.account)),
                .init("Groups", .list([])), .init("Instances", .list([instanceResponse(instance)])),
            ])
        }
        return .object([.init("Reservations", .list(reservations))])
    }

    mutating func terminateInstances(_ call: Call) throws(ServiceError) -> AWSValue {
        var changes: [AWSValue] = []
        for id in call.strings("InstanceIds") {
            let instance = try existingInstance(call, id)
            try authorize(call, action: "ec2:TerminateInstances", resource: instanceARN(call, id))
            let previous = instance.state
            // Credentials already handed to the instance stay valid until they expire, as on AWS: terminating an
            // instance does not revoke them.
            state.accounts[call.caller.account]?.instances[id]?.state = "terminated"
            // Terminated is final: terminating again changes nothing and says so (TerminateInstances is idempotent).
            let current: (code: Int, name: String) = previous == "terminated" ? (48, "terminated") : (32, "shutting-down")
            changes.append(.object([
                .init("CurrentState", .object([.init("Code", .integer(current.code)), .init("Name", .string(current.name))])),
                .init("InstanceId", .string(id)),
                .init("PreviousState", .object([.init("Code", .integer(previous == "running" ? 16 : 48)), .init("Name", .string(previous))])),
            ]))
        }
        return .object([.init("TerminatingInstances", .list(changes))])
    }

    mutating func associateInstanceProfile(_ call: Call) throws(ServiceError) -> AWSValue {
        let id = try call.required("InstanceId")
        let instance = try existingInstance(call, id)
        guard let profile = try requestedProfile(call, call.parameters["IamInstanceProfile"]) else {
            throw ServiceErrors.missingParameter("IamInstanceProfile")
        }
        try authorize(call, action: "ec2:AssociateIamInstanceProfile", resource: instanceARN(call, id))
        try authorizePassing(profile, call)
        if instance.instanceProfileARN != nil {
            throw ServiceError(code: "IncorrectState", message: "There is an existing association for instance \(id)")
        }
        let association = "iip-assoc-0" + state.ids.hex(16)
        state.accounts[call.caller.account]?.instances[id]?.instanceProfileARN = profile.arn
        state.accounts[call.caller.account]?.instances[id]?.associationID = association
        return .object([.init("IamInstanceProfileAssociation", associationResponse(id: association, instance: id, profile: profile, state: "associating"))])
    }

    mutating func describeProfileAssociations(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "ec2:DescribeIamInstanceProfileAssociations", resource: "*")
        let ids = Set(call.strings("AssociationIds"))
        let associated = state[account: call.caller.account].instances.values.sorted { $0.id < $1.id }.filter { instance in
            instance.instanceProfileARN != nil && instance.associationID.map { ids.isEmpty || ids.contains($0) } == true
        }
        let matching = try EC2Filters(call).apply(associated, fields: { instance, name in
            switch name {
            case "instance-id": [instance.id]
            case "state": ["associated"]
            default: []
            }
        }, modelled: ["instance-id", "state"], real: ["instance-id", "state"])
        let associations: [AWSValue] = matching.compactMap { instance in
            guard let arn = instance.instanceProfileARN, let profile = instanceProfile(arn: arn), let association = instance.associationID else { return nil }
            return associationResponse(id: association, instance: instance.id, profile: profile, state: "associated")
        }
        return .object([.init("IamInstanceProfileAssociations", .list(associations))])
    }

    private func associationResponse(id: String, instance: String, profile: InstanceProfile, state: String) -> AWSValue {
        .object([
            .init("AssociationId", .string(id)), .init("InstanceId", .string(instance)),
            .init("IamInstanceProfile", .object([.init("Arn", .string(profile.arn)), .init("Id", .string(profile.id))])),
            .init("State", .string(state)),
        ])
    }
}
