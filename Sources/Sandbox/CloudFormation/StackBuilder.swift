import AWSModel

/// What the stack knows while it is being built: the physical ids and attributes of the resources made so far,
/// to resolve Ref, Fn::GetAtt, Fn::Sub and Fn::Join in the properties of the next ones.
struct StackBuilder {
    let stackName: String
    let account: String
    private var physicalIDs: [String: String] = [:]
    private var attributes: [String: [String: String]] = [:]

    init(stackName: String, account: String) {
        self.stackName = stackName
        self.account = account
    }

    mutating func record(logicalID: String, physicalID: String, attributes values: [String: String]) {
        physicalIDs[logicalID] = physicalID
        attributes[logicalID] = values
    }

    /// CloudFormation's generated names: the stack name, the logical id and a random suffix.
    func generatedName(for logicalID: String, suffix: String, maxLength: Int = 64, lowercase: Bool = false) -> String {
        let name = "\(stackName)-\(logicalID)-\(suffix)"
        let trimmed = String(name.suffix(maxLength))
        return lowercase ? trimmed.lowercased() : trimmed
    }

    func resolve(_ value: AWSValue) throws(ServiceError) -> AWSValue {
        switch value {
        case .object(let members):
            if members.count == 1, let member = members.first, member.key == "Ref" || member.key.hasPrefix("Fn::") {
                return try intrinsic(member.key, member.value)
            }
            var resolved: [AWSValue.Member] = []
            for member in members { resolved.append(.init(member.key, try resolve(member.value))) }
            return .object(resolved)
        case .list(let items):
            var resolved: [AWSValue] = []
            for item in items { resolved.append(try resolve(item)) }
            return .list(resolved)
        default:
            return value
        }
    }

    private func reference(_ name: String) throws(ServiceError) -> String {
        switch name {
        case "AWS::AccountId": return account
        case "AWS::Region": return SandboxState.region
        case "AWS::StackName": return stackName
        case "AWS::Partition": return "aws"
        case "AWS::URLSuffix": return "amazonaws.com"
        default:
            guard let id = physicalIDs[name] else {
                throw ServiceError(code: "ValidationError", message: "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
            }
            return id
        }
    }

    private func attribute(_ logicalID: String, _ name: String) throws(ServiceError) -> String {
        guard let value = attributes[logicalID]?[name] else {
            throw ServiceError(code: "ValidationError", message: "Template error: resource \(logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
        return value
    }

    private func intrinsic(_ function: String, _ argument: AWSValue) throws(ServiceError) -> AWSValue {
        switch function {
        case "Ref":
            return .string(try reference(argument.stringValue ?? ""))
        case "Fn::GetAtt":
            let parts: [String]
            if let list = argument.listValue { parts = list.compactMap(\.stringValue) } else { parts = (argument.stringValue ?? "").split(separator: ".", maxSplits: 1).map(String.init) }
            guard parts.count == 2 else { throw ServiceError(code: "ValidationError", message: "Template error: every Fn::GetAtt object requires two non-empty parameters") }
            return .string(try attribute(parts[0], parts[1]))
        case "Fn::Sub":
            let template = argument.stringValue ?? argument.listValue?.first?.stringValue ?? ""
            var variables: [String: String] = [:]
            if let extra = argument.listValue?.dropFirst().first?.members {
                for member in extra { variables[member.key] = try resolve(member.value).stringValue ?? "" }
            }
            var result = template
            for name in StackPlanner.substitutions(in: template) {
                let value: String
                if let given = variables[name] {
                    value = given
                } else if name.contains("."), !name.hasPrefix("AWS::") {
                    let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                    value = try attribute(parts[0], parts[1])
                } else {
                    value = try reference(name)
                }
                result = result.replacingOccurrences(of: "${\(name)}", with: value)
            }
            return .string(result.replacingOccurrences(of: "${!", with: "${"))
        case "Fn::Join":
            guard let list = argument.listValue, list.count == 2, let delimiter = list[0].stringValue, let items = try resolve(list[1]).listValue else {
                throw ServiceError(code: "ValidationError", message: "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined")
            }
            return .string(items.compactMap(\.stringValue).joined(separator: delimiter))
        default:
            throw ServiceError(code: "ValidationError", message: "Template format error: \(function) is not supported by the sandbox")
        }
    }
}
