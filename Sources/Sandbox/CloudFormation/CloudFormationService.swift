import AWSModel
import Foundation

/// CloudFormation stacks built from small templates. Resources are created by the stack's service role when one
/// is given (session name AWSCloudFormation), otherwise with the caller's own permissions, so a missing permission
/// shows up as a failed resource and a rollback, as on AWS.
extension Sandbox {
    static let supportedResourceTypes: Set<String> = [
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::Lambda::Function",
    ]

    /// CloudFormation's operations, dispatched by `Sandbox.dispatch`.
    static let cloudFormationService = SimulatedService(name: "cloudformation", operations: [
        "CreateStack": { sandbox, call throws(ServiceError) in try sandbox.createStack(call) },
        "DescribeStacks": { sandbox, call throws(ServiceError) in try sandbox.describeStacks(call) },
        "DescribeStackEvents": { sandbox, call throws(ServiceError) in try sandbox.describeStackEvents(call) },
        "DescribeStackResources": { sandbox, call throws(ServiceError) in try sandbox.describeStackResources(call) },
        "DeleteStack": { sandbox, call throws(ServiceError) in try sandbox.deleteStack(call) },
        "ValidateTemplate": { sandbox, call throws(ServiceError) in try sandbox.validateTemplate(call) },
    ])

    static func stackARN(account: String, name: String, id: String = "*") -> String {
        ResourceARN.stack(account: account, name: name, id: id)
    }

    private func currentStack(_ call: Call, _ reference: String) throws(ServiceError) -> Stack {
        let stacks = state[account: call.caller.account].stacks.values
        if let stack = stacks.first(where: { ($0.name == reference || $0.id == reference) && $0.status != "DELETE_COMPLETE" }) { return stack }
        if let stack = stacks.first(where: { $0.id == reference }) { return stack }
        throw ServiceError(code: "ValidationError", message: "Stack with id \(reference) does not exist")
    }

    /// The resources of a template, in dependency order, or CloudFormation's template error.
    func templateResources(_ text: String) throws(ServiceError) -> [(logicalID: String, definition: AWSValue)] {
        let template: AWSValue
        switch TemplateParser.parse(text) {
        case .success(let value): template = value
        case .failure(.malformed(let message)): throw ServiceError(code: "ValidationError", message: message)
        }
        guard let resources = template["Resources"]?.members, !resources.isEmpty else {
            throw ServiceError(code: "ValidationError", message: "Template format error: At least one Resources member must be defined.")
        }
        let unknown = resources.compactMap { $0.value["Type"]?.stringValue }.filter { !Self.supportedResourceTypes.contains($0) }
        if !unknown.isEmpty {
            throw ServiceError(code: "ValidationError", message: "Template format error: Unrecognized resource types: [\(unknown.joined(separator: ", "))]")
        }
        return try StackPlanner.order(resources.map { ($0.key, $0.value) })
    }

    mutating func validateTemplate(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "cloudformation:ValidateTemplate", resource: "*")
        let resources = try templateResources(try call.required("TemplateBody"))
        var members: [AWSValue.Member] = [.init("Parameters", .list([]))]
        if let description = Self.templateDescription(try call.required("TemplateBody")) { members.append(.init("Description", .string(description))) }
        if let capability = requiredCapability(resources) {
            members.append(.init("Capabilities", .list([.string(capability)])))
            members.append(.init("CapabilitiesReason", .string("The following resource(s) require capabilities: [\(Set(resources.compactMap { $0.definition["Type"]?.stringValue }.filter { $0.hasPrefix("AWS::IAM::") }).sorted().joined(separator: ", "))]")))
        }
        return .object(members)
    }

    /// The template's Description, which describe-stacks and validate-template show.
    static func templateDescription(_ template: String) -> String? {
        guard case .success(let parsed) = TemplateParser.parse(template) else { return nil }
        return parsed["Description"]?.stringValue
    }

    /// IAM resources need CAPABILITY_IAM, and custom names for them CAPABILITY_NAMED_IAM.
    func requiredCapability(_ resources: [(logicalID: String, definition: AWSValue)]) -> String? {
        let iam = resources.filter { $0.definition["Type"]?.stringValue?.hasPrefix("AWS::IAM::") == true }
        if iam.isEmpty { return nil }
        let named = iam.contains { $0.definition["Properties"]?["RoleName"] != nil || $0.definition["Properties"]?["ManagedPolicyName"] != nil }
        return named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM"
    }

    mutating func createStack(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("StackName")
        // A stack name starts with a letter and holds letters, digits and hyphens.
        if !(name.first?.isASCII == true && name.first?.isLetter == true && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })) {
            throw ServiceError(code: "ValidationError", message: "1 validation error detected: Value '\(name)' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")
        }
        let account = call.caller.account
        try authorize(call, action: "cloudformation:CreateStack", resource: Self.stackARN(account: account, name: name))
        if state[account: account].stacks.values.contains(where: { $0.name == name && $0.status != "DELETE_COMPLETE" }) {
            throw ServiceError(code: "AlreadyExistsException", message: "Stack [\(name)] already exists")
        }
        let templateText = try call.required("TemplateBody")
        let resources = try templateResources(templateText)
        if let capability = requiredCapability(resources) {
            let granted = call.strings("Capabilities")
            if !(granted.contains(capability) || (capability == "CAPABILITY_IAM" && granted.contains("CAPABILITY_NAMED_IAM"))) {
                throw ServiceError(code: "InsufficientCapabilitiesException", message: "Requires capabilities : [\(capability)]")
            }
        }

        var actor = call.caller
        let roleARN = call.optional("RoleARN")
        if let roleARN {
            try authorize(call, action: "iam:PassRole", resource: roleARN, context: ["iam:PassedToService": ["cloudformation.amazonaws.com"]])
            guard let parts = ARNParts(roleARN), let role = state[account: parts.account].iam.role(named: parts.name), role.arn == roleARN,
                  trustAllowsService(role, service: "cloudformation.amazonaws.com") else {
                throw ServiceError(code: "ValidationError", message: "Role \(roleARN) is invalid or cannot be assumed")
            }
            actor = .roleSession(issueSession(for: role, sessionName: "AWSCloudFormation", duration: 3600))
        }

        let stackID = Self.stackARN(account: account, name: name, id: state.ids.uuid())
        var stack = Stack(name: name, id: stackID, account: account, status: "CREATE_IN_PROGRESS", roleARN: roleARN, created: state.clock.now, template: templateText)
        let capabilities = call.strings("Capabilities")
        if !capabilities.isEmpty { stack.capabilities = capabilities }
        addEvent(&stack, logicalID: name, physicalID: stackID, type: "AWS::CloudFormation::Stack", status: "CREATE_IN_PROGRESS", reason: "User Initiated")

        var builder = StackBuilder(stackName: name, account: account)
        var failed: String?
        for (logicalID, definition) in resources {
            let type = definition["Type"]?.stringValue ?? ""
            addEvent(&stack, logicalID: logicalID, physicalID: "", type: type, status: "CREATE_IN_PROGRESS")
            var properties: AWSValue?
            do throws(ServiceError) {
                let resolved = try builder.resolve(definition["Properties"] ?? .object([]))
                properties = resolved
                let created = try createResource(type: type, logicalID: logicalID, properties: resolved, builder: builder, actor: actor,
                                                 calledVia: Self.forwardedCalls(actor: actor, caller: call.caller))
                builder.record(logicalID: logicalID, physicalID: created.physicalID, attributes: created.attributes)
                // Recorded even when a later step of making it failed, so the rollback removes what was made.
                stack.resources.append(StackResource(logicalID: logicalID, physicalID: created.physicalID, resourceType: type,
                                                     policyName: created.policyName, policyRoles: created.policyRoles, policyUsers: created.policyUsers))
                if let failure = created.failure { throw failure }
                addEvent(&stack, logicalID: logicalID, physicalID: created.physicalID, type: type, status: "CREATE_COMPLETE")
            } catch {
                var reason = Self.handlerMessage(error, type: type, requestID: state.ids.uuid(), token: state.ids.uuid())
                // A named resource that exists already: CloudFormation says so itself, before any service does.
                if Self.alreadyExistsCodes.contains(error.code), let key = Self.nameProperty[type], let identifier = properties?[key]?.stringValue {
                    reason = "Resource of type '\(type)' with identifier '\(identifier)' already exists."
                }
                addEvent(&stack, logicalID: logicalID, physicalID: "", type: type, status: "CREATE_FAILED", reason: reason)
                failed = logicalID
                break
            }
        }

        if let failed {
            let reason = "The following resource(s) failed to create: [\(failed)]. Rollback requested by user."
            stack.status = "ROLLBACK_IN_PROGRESS"
            stack.statusReason = reason
            addEvent(&stack, logicalID: name, physicalID: stackID, type: "AWS::CloudFormation::Stack", status: "ROLLBACK_IN_PROGRESS", reason: reason)
            let cleanedUp = removeResources(&stack, actor: actor, calledVia: Self.forwardedCalls(actor: actor, caller: call.caller))
            stack.status = cleanedUp ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED"
            addEvent(&stack, logicalID: name, physicalID: stackID, type: "AWS::CloudFormation::Stack", status: stack.status)
        } else {
            stack.status = "CREATE_COMPLETE"
            addEvent(&stack, logicalID: name, physicalID: stackID, type: "AWS::CloudFormation::Stack", status: "CREATE_COMPLETE")
        }
        state.accounts[account, default: AccountResources()].stacks[stackID] = stack
        return .object([.init("StackId", .string(stackID))])
    }

    /// CloudFormation's times, with microseconds.
    static func time(_ seconds: Int) -> String {
        SandboxClock.iso8601(seconds).replacingOccurrences(of: "+00:00", with: ".000000+00:00")
    }

    private static func serviceLabel(_ type: String) -> String {
        switch type {
        case "AWS::S3::Bucket": return "S3"
        case "AWS::DynamoDB::Table": return "DynamoDb"
        case "AWS::Lambda::Function": return "Lambda"
        default: return "Iam"
        }
    }

    private mutating func addEvent(_ stack: inout Stack, logicalID: String, physicalID: String, type: String, status: String, reason: String? = nil) {
        stack.events.append(StackEvent(id: "\(logicalID)-\(status)-\(state.clock.now)-\(stack.events.count)", logicalID: logicalID,
                                       physicalID: physicalID, resourceType: type, status: status, reason: reason, timestamp: state.clock.now))
    }

    /// Without a service role, CloudFormation makes a stack's calls with the caller's own credentials, as a forward
    /// access session: they are made via cloudformation.amazonaws.com (aws:ViaAWSService, aws:CalledVia). With
    /// one, they are the role session's own calls.
    static func forwardedCalls(actor: Caller, caller: Caller) -> String? {
        actor == caller ? "cloudformation.amazonaws.com" : nil
    }

    /// Errors that mean a named resource is there already, from each service a stack creates in.
    static let alreadyExistsCodes: Set<String> = ["EntityAlreadyExists", "BucketAlreadyOwnedByYou", "BucketAlreadyExists", "ResourceInUseException", "ResourceConflictException"]
    /// The property that names each resource type.
    static let nameProperty = ["AWS::IAM::Role": "RoleName", "AWS::S3::Bucket": "BucketName", "AWS::DynamoDB::Table": "TableName",
                               "AWS::Lambda::Function": "FunctionName", "AWS::IAM::ManagedPolicy": "ManagedPolicyName"]

    /// A resource handler's failure as CloudFormation reports it: the service's message with its status, then the
    /// handler's error code.
    static func handlerMessage(_ error: ServiceError, type: String, requestID: String, token: String) -> String {
        let status = error.code.hasPrefix("AccessDenied") ? 403 : error.code == "BucketNotEmpty" ? 409 : 400
        let handlerCode = error.code.hasPrefix("AccessDenied") ? "AccessDenied" : error.code == "BucketNotEmpty" ? "GeneralServiceException" : "InvalidRequest"
        return "Resource handler returned message: \"\(error.message) (Service: \(serviceLabel(type)), Status Code: \(status), Request ID: \(requestID))\" (RequestToken: \(token), HandlerErrorCode: \(handlerCode))"
    }

    /// Deletes a stack's resources newest first, as the actor; returns false if any could not be deleted, and then
    /// gives the stack CloudFormation's reason naming them.
    /// `retaining`: logical ids to leave in place (`--retain-resources`), each reported DELETE_SKIPPED.
    private mutating func removeResources(_ stack: inout Stack, actor: Caller, calledVia: String?, retaining: Set<String> = []) -> Bool {
        var failed: [String] = []
        for resource in stack.resources.reversed() {
            if retaining.contains(resource.logicalID) {
                addEvent(&stack, logicalID: resource.logicalID, physicalID: resource.physicalID, type: resource.resourceType, status: "DELETE_SKIPPED")
                continue
            }
            addEvent(&stack, logicalID: resource.logicalID, physicalID: resource.physicalID, type: resource.resourceType, status: "DELETE_IN_PROGRESS")
            do throws(ServiceError) {
                try deleteResource(resource, actor: actor, calledVia: calledVia)
                addEvent(&stack, logicalID: resource.logicalID, physicalID: resource.physicalID, type: resource.resourceType, status: "DELETE_COMPLETE")
            } catch {
                failed.append(resource.logicalID)
                // Request ids that follow from the event, so a failed deletion draws nothing from the id sequence.
                let seed = "\(stack.id) \(resource.logicalID) \(stack.events.count)"
                addEvent(&stack, logicalID: resource.logicalID, physicalID: resource.physicalID, type: resource.resourceType, status: "DELETE_FAILED",
                         reason: Self.handlerMessage(error, type: resource.resourceType, requestID: IDGenerator.uuid(digesting: seed + " request"),
                                                     token: IDGenerator.uuid(digesting: seed + " token")))
            }
        }
        if failed.isEmpty {
            stack.resources = []
            return true
        }
        stack.statusReason = "The following resource(s) failed to delete: [\(failed.joined(separator: ", "))]. "
        return false
    }

    mutating func describeStacks(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "cloudformation:DescribeStacks", resource: Self.stackARN(account: call.caller.account, name: call.optional("StackName") ?? "*"))
        let stacks: [Stack]
        if let reference = call.optional("StackName") {
            stacks = [try currentStack(call, reference)]
        } else {
            stacks = state[account: call.caller.account].stacks.values.filter { $0.status != "DELETE_COMPLETE" }.sorted { $0.created > $1.created }
        }
        return .object([.init("Stacks", .list(stacks.map { stack in
            // In the order of CloudFormation's model (`Stack`), which is the order the aws CLI prints them in.
            var members: [AWSValue.Member] = [.init("StackId", .string(stack.id)), .init("StackName", .string(stack.name))]
            if let description = Self.templateDescription(stack.template) { members.append(.init("Description", .string(description))) }
            members.append(.init("CreationTime", .string(Self.time(stack.created))))
            if let deleted = stack.deleted { members.append(.init("DeletionTime", .string(Self.time(deleted)))) }
            members += [.init("RollbackConfiguration", .object([])), .init("StackStatus", .string(stack.status))]
            if let reason = stack.statusReason { members.append(.init("StackStatusReason", .string(reason))) }
            members.append(.init("DisableRollback", false))
            members.append(.init("NotificationARNs", .list([])))
            if let capabilities = stack.capabilities, !capabilities.isEmpty { members.append(.init("Capabilities", .list(capabilities.map(AWSValue.string)))) }
            if let role = stack.roleARN { members.append(.init("RoleARN", .string(role))) }
            members.append(.init("Tags", .list([])))
            members.append(.init("EnableTerminationProtection", false))
            members.append(.init("DriftInformation", .object([.init("StackDriftStatus", "NOT_CHECKED")])))
            return .object(members)
        }))])
    }

    mutating func describeStackEvents(_ call: Call) throws(ServiceError) -> AWSValue {
        let stack = try currentStack(call, try call.required("StackName"))
        try authorize(call, action: "cloudformation:DescribeStackEvents", resource: stack.id)
        // Newest first, as CloudFormation lists them.
        return .object([.init("StackEvents", .list(stack.events.reversed().map { event in
            var members: [AWSValue.Member] = [
                .init("StackId", .string(stack.id)), .init("EventId", .string(event.id)), .init("StackName", .string(stack.name)),
                .init("LogicalResourceId", .string(event.logicalID)), .init("PhysicalResourceId", .string(event.physicalID)),
                .init("ResourceType", .string(event.resourceType)),
                .init("Timestamp", .string(SandboxClock.iso8601(event.timestamp).replacingOccurrences(of: "+00:00", with: ".000000+00:00"))),
                .init("ResourceStatus", .string(event.status)),
            ]
            if let reason = event.reason { members.append(.init("ResourceStatusReason", .string(reason))) }
            return .object(members)
        }))])
    }

    mutating func describeStackResources(_ call: Call) throws(ServiceError) -> AWSValue {
        let stack = try currentStack(call, try call.required("StackName"))
        try authorize(call, action: "cloudformation:DescribeStackResources", resource: stack.id)
        return .object([.init("StackResources", .list(stack.resources.map { resource in
            // When the resource was made: its CREATE_COMPLETE event (Timestamp is required in the model).
            let made = stack.events.last { $0.logicalID == resource.logicalID && $0.status == "CREATE_COMPLETE" }?.timestamp ?? stack.created
            return .object([
                .init("StackName", .string(stack.name)), .init("StackId", .string(stack.id)),
                .init("LogicalResourceId", .string(resource.logicalID)), .init("PhysicalResourceId", .string(resource.physicalID)),
                .init("ResourceType", .string(resource.resourceType)), .init("Timestamp", .string(Self.time(made))), .init("ResourceStatus", "CREATE_COMPLETE"),
                .init("DriftInformation", .object([.init("StackResourceDriftStatus", "NOT_CHECKED")])),
            ])
        }))])
    }

    mutating func deleteStack(_ call: Call) throws(ServiceError) -> AWSValue {
        let reference = try call.required("StackName")
        guard var stack = try? currentStack(call, reference), stack.status != "DELETE_COMPLETE" else { return .object([]) }
        try authorize(call, action: "cloudformation:DeleteStack", resource: stack.id)
        var actor = call.caller
        if let roleARN = stack.roleARN, let parts = ARNParts(roleARN), let role = state[account: parts.account].iam.role(named: parts.name),
           trustAllowsService(role, service: "cloudformation.amazonaws.com") {
            actor = .roleSession(issueSession(for: role, sessionName: "AWSCloudFormation", duration: 3600))
        }
        addEvent(&stack, logicalID: stack.name, physicalID: stack.id, type: "AWS::CloudFormation::Stack", status: "DELETE_IN_PROGRESS", reason: "User Initiated")
        // "For stacks in the DELETE_FAILED state", the resources to keep (DeleteStack, CloudFormation API Reference):
        // the way out of a stack whose bucket is not empty.
        let retaining = stack.status == "DELETE_FAILED" ? Set(call.strings("RetainResources")) : []
        stack.status = removeResources(&stack, actor: actor, calledVia: Self.forwardedCalls(actor: actor, caller: call.caller), retaining: retaining)
            ? "DELETE_COMPLETE" : "DELETE_FAILED"
        if stack.status == "DELETE_COMPLETE" { stack.deleted = state.clock.now }
        addEvent(&stack, logicalID: stack.name, physicalID: stack.id, type: "AWS::CloudFormation::Stack", status: stack.status,
                 reason: stack.status == "DELETE_FAILED" ? stack.statusReason : nil)
        state.accounts[call.caller.account]?.stacks[stack.id] = stack
        return .object([])
    }
}
