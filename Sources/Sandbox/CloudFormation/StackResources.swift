import AWSModel

/// Creating and deleting each supported resource type through the sandbox's own operations, as the stack's actor,
/// so every step is authorized exactly as if the actor had called the API.
extension Sandbox {
    struct CreatedResource {
        var physicalID: String
        var attributes: [String: String]
        var policyName: String? = nil
        var policyRoles: [String] = []
        var policyUsers: [String] = []
        /// Set when the resource was made but a later step of making it failed: it must still be rolled back.
        var failure: ServiceError? = nil
    }

    private func documentText(_ value: AWSValue?) -> String {
        guard let value else { return "" }
        if case .string(let text) = value { return text }
        return value.compactJSON
    }

    mutating func createResource(type: String, logicalID: String, properties: AWSValue, builder: StackBuilder, actor: Caller, calledVia: String?) throws(ServiceError) -> CreatedResource {
        func call(_ service: String, _ operation: String, _ parameters: [AWSValue.Member]) -> Call {
            Call(service: service, operation: operation, parameters: .object(parameters), caller: actor, calledVia: calledVia)
        }
        let suffix = state.ids.uniqueID(prefix: "").prefix(12)
        switch type {
        case "AWS::IAM::Role":
            let name = properties["RoleName"]?.stringValue ?? builder.generatedName(for: logicalID, suffix: String(suffix))
            var parameters: [AWSValue.Member] = [.init("RoleName", .string(name)), .init("AssumeRolePolicyDocument", .string(documentText(properties["AssumeRolePolicyDocument"])))]
            for key in ["Path", "Description"] { if let value = properties[key] { parameters.append(.init(key, value)) } }
            if let duration = properties["MaxSessionDuration"]?.intValue { parameters.append(.init("MaxSessionDuration", .integer(duration))) }
            let response = try createRole(call("iam", "CreateRole", parameters))
            var created = CreatedResource(physicalID: name, attributes: [
                "Arn": response["Role"]?["Arn"]?.stringValue ?? "", "RoleId": response["Role"]?["RoleId"]?.stringValue ?? "",
            ])
            do throws(ServiceError) {
                for arn in properties["ManagedPolicyArns"]?.listValue ?? [] {
                    _ = try attachPolicy(call("iam", "AttachRolePolicy", [.init("RoleName", .string(name)), .init("PolicyArn", arn)]), toRole: true)
                }
                for policy in properties["Policies"]?.listValue ?? [] {
                    _ = try putInlinePolicy(call("iam", "PutRolePolicy", [
                        .init("RoleName", .string(name)), .init("PolicyName", policy["PolicyName"] ?? "policy"),
                        .init("PolicyDocument", .string(documentText(policy["PolicyDocument"]))),
                    ]), onRole: true)
                }
            } catch {
                created.failure = error
            }
            return created
        case "AWS::IAM::Policy":
            let policyName = properties["PolicyName"]?.stringValue ?? logicalID
            let document = documentText(properties["PolicyDocument"])
            var created = CreatedResource(physicalID: builder.generatedName(for: String(logicalID.prefix(5)), suffix: String(suffix)), attributes: [:],
                                          policyName: policyName)
            do throws(ServiceError) {
                for role in properties["Roles"]?.listValue?.compactMap(\.stringValue) ?? [] {
                    _ = try putInlinePolicy(call("iam", "PutRolePolicy", [.init("RoleName", .string(role)), .init("PolicyName", .string(policyName)), .init("PolicyDocument", .string(document))]), onRole: true)
                    created.policyRoles.append(role)
                }
                for user in properties["Users"]?.listValue?.compactMap(\.stringValue) ?? [] {
                    _ = try putInlinePolicy(call("iam", "PutUserPolicy", [.init("UserName", .string(user)), .init("PolicyName", .string(policyName)), .init("PolicyDocument", .string(document))]), onRole: false)
                    created.policyUsers.append(user)
                }
            } catch {
                if created.policyRoles.isEmpty && created.policyUsers.isEmpty { throw error }
                created.failure = error
            }
            return created
        case "AWS::IAM::ManagedPolicy":
            let name = properties["ManagedPolicyName"]?.stringValue ?? builder.generatedName(for: logicalID, suffix: String(suffix), maxLength: 128)
            let response = try createPolicy(call("iam", "CreatePolicy", [.init("PolicyName", .string(name)), .init("PolicyDocument", .string(documentText(properties["PolicyDocument"])))]))
            let arn = response["Policy"]?["Arn"]?.stringValue ?? ""
            var created = CreatedResource(physicalID: arn, attributes: ["PolicyArn": arn])
            do throws(ServiceError) {
                for role in properties["Roles"]?.listValue?.compactMap(\.stringValue) ?? [] {
                    _ = try attachPolicy(call("iam", "AttachRolePolicy", [.init("RoleName", .string(role)), .init("PolicyArn", .string(arn))]), toRole: true)
                }
            } catch {
                created.failure = error
            }
            return created
        case "AWS::S3::Bucket":
            let name = properties["BucketName"]?.stringValue ?? builder.generatedName(for: logicalID, suffix: String(suffix), maxLength: 63, lowercase: true)
            // S3's legacy 200 for re-creating your own bucket in us-east-1 is not for stacks: a stack that took the
            // bucket over would delete it with the stack.
            _ = try createBucket(call("s3", "CreateBucket", [.init("Bucket", .string(name))]), answeringOwnedWithSuccess: false)
            if let settings = properties["PublicAccessBlockConfiguration"] { state.buckets[name]?.publicAccessBlock = PublicAccessBlock(settings) }
            return CreatedResource(physicalID: name, attributes: ["Arn": ResourceARN.s3Bucket(name), "DomainName": "\(name).s3.amazonaws.com"])
        case "AWS::DynamoDB::Table":
            let name = properties["TableName"]?.stringValue ?? builder.generatedName(for: logicalID, suffix: String(suffix), maxLength: 255)
            var parameters: [AWSValue.Member] = [.init("TableName", .string(name))]
            for key in ["KeySchema", "AttributeDefinitions", "BillingMode", "ProvisionedThroughput"] { if let value = properties[key] { parameters.append(.init(key, value)) } }
            _ = try createTable(call("dynamodb", "CreateTable", parameters))
            return CreatedResource(physicalID: name, attributes: ["Arn": Self.tableARN(account: builder.account, name: name)])
        case "AWS::Lambda::Function":
            let name = properties["FunctionName"]?.stringValue ?? builder.generatedName(for: logicalID, suffix: String(suffix))
            var parameters: [AWSValue.Member] = [.init("FunctionName", .string(name))]
            for key in ["Role", "Runtime", "Handler", "Description", "Timeout", "MemorySize", "Environment"] { if let value = properties[key] { parameters.append(.init(key, value)) } }
            parameters.append(.init("Code", .object([.init("ZipFile", properties["Code"]?["ZipFile"] ?? "")])))
            _ = try createFunction(call("lambda", "CreateFunction", parameters))
            return CreatedResource(physicalID: name, attributes: ["Arn": Self.functionARN(account: builder.account, name: name)])
        default:
            throw ServiceError(code: "ValidationError", message: "Template format error: Unrecognized resource types: [\(type)]")
        }
    }

    mutating func deleteResource(_ resource: StackResource, actor: Caller, calledVia: String?) throws(ServiceError) {
        func call(_ service: String, _ operation: String, _ parameters: [AWSValue.Member]) -> Call {
            Call(service: service, operation: operation, parameters: .object(parameters), caller: actor, calledVia: calledVia)
        }
        switch resource.resourceType {
        case "AWS::IAM::Role":
            guard let role = state[account: actor.account].iam.role(named: resource.physicalID) else { return }
            for arn in role.attachedPolicies {
                _ = try detachPolicy(call("iam", "DetachRolePolicy", [.init("RoleName", .string(role.name)), .init("PolicyArn", .string(arn))]), fromRole: true)
            }
            for policy in role.inlinePolicies {
                _ = try deleteInlinePolicy(call("iam", "DeleteRolePolicy", [.init("RoleName", .string(role.name)), .init("PolicyName", .string(policy.name))]), ofRole: true)
            }
            _ = try deleteRole(call("iam", "DeleteRole", [.init("RoleName", .string(role.name))]))
        case "AWS::IAM::ManagedPolicy":
            // CloudFormation detaches a managed policy from everything it attached it to before deleting it.
            let arn = resource.physicalID
            for role in state[account: actor.account].iam.roles.values where role.attachedPolicies.contains(arn) {
                _ = try detachPolicy(call("iam", "DetachRolePolicy", [.init("RoleName", .string(role.name)), .init("PolicyArn", .string(arn))]), fromRole: true)
            }
            guard state[account: actor.account].iam.policies.values.contains(where: { $0.arn == arn }) else { return }
            _ = try deletePolicy(call("iam", "DeletePolicy", [.init("PolicyArn", .string(arn))]))
        case "AWS::IAM::Policy":
            guard let name = resource.policyName else { return }
            for role in resource.policyRoles ?? [] where state[account: actor.account].iam.role(named: role)?.inlinePolicies.contains(where: { $0.name == name }) == true {
                _ = try deleteInlinePolicy(call("iam", "DeleteRolePolicy", [.init("RoleName", .string(role)), .init("PolicyName", .string(name))]), ofRole: true)
            }
            for user in resource.policyUsers ?? [] where state[account: actor.account].iam.user(named: user)?.inlinePolicies.contains(where: { $0.name == name }) == true {
                _ = try deleteInlinePolicy(call("iam", "DeleteUserPolicy", [.init("UserName", .string(user)), .init("PolicyName", .string(name))]), ofRole: false)
            }
        case "AWS::S3::Bucket":
            guard state.buckets[resource.physicalID] != nil else { return }
            _ = try deleteBucket(call("s3", "DeleteBucket", [.init("Bucket", .string(resource.physicalID))]))
        case "AWS::DynamoDB::Table":
            guard state[account: actor.account].tables[resource.physicalID] != nil else { return }
            _ = try deleteTable(call("dynamodb", "DeleteTable", [.init("TableName", .string(resource.physicalID))]))
        case "AWS::Lambda::Function":
            guard state[account: actor.account].functions[resource.physicalID] != nil else { return }
            _ = try deleteFunction(call("lambda", "DeleteFunction", [.init("FunctionName", .string(resource.physicalID))]))
        default:
            return
        }
    }
}
