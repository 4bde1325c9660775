import PositionedJSON
/// One request of a `rolecall policy simulate` file with the policies that apply to it, compiled.
public struct SimulationCase: Sendable {
    public let request: AccessRequest
    public let policies: PolicySet
}

/// Reads the simulate file format (docs/policy-simulate.md): one request object, or an array of them.
public enum SimulationFile {
    static let fields: Set<String> = [
        "principal", "action", "resource", "resourceAccount", "context", "identityPolicies", "resourcePolicy",
        "permissionsBoundaries", "sessionPolicy", "serviceControlPolicies",
    ]

    /// Decodes every request; the first problem found is returned as an error naming its field.
    public static func decode(_ text: String) -> Result<(cases: [SimulationCase], isArray: Bool), SimulationError> {
        let root: JSONNode
        switch JSONScanner.parse(text) {
        case .failure(let error):
            return .failure(SimulationError(field: "", message: "the file is not valid JSON: \(error.reason)", position: error.position))
        case .success(let parsed):
            root = parsed.root
        }
        do {
            if let elements = root.elements {
                guard !elements.isEmpty else {
                    throw SimulationError(field: "", message: "the array holds no requests", position: root.position)
                }
                return .success((try elements.enumerated().map { try decodeCase($1, path: "[\($0)]") }, true))
            }
            return .success(([try decodeCase(root, path: "")], false))
        } catch let error as SimulationError {
            return .failure(error)
        } catch {
            return .failure(SimulationError(field: "", message: "\(error)", position: nil))
        }
    }

    private static func decodeCase(_ node: JSONNode, path: String) throws -> SimulationCase {
        guard let members = node.members else {
            throw SimulationError(field: path, message: "a request must be an object, found \(node.kindName)", position: node.position)
        }
        func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
        for member in members where !fields.contains(member.key) {
            throw SimulationError(
                field: field(member.key), message: "unknown field; expected one of \(fields.sorted().joined(separator: ", "))",
                position: member.keyPosition)
        }
        func string(_ name: String, required: Bool) throws -> String? {
            guard let member = node.member(name) else {
                if required { throw SimulationError(field: field(name), message: "is required", position: node.position) }
                return nil
            }
            guard let text = member.value.stringValue, !text.isEmpty else {
                throw SimulationError(field: field(name), message: "must be a non-empty string, found \(member.value.kindName)", position: member.value.position)
            }
            return text
        }
        let principal = try string("principal", required: true)!
        let action = try string("action", required: true)!
        let resource = try string("resource", required: false) ?? "*"
        let resourceAccount = try string("resourceAccount", required: false)
        let context = try decodeContext(node.member("context"), path: field("context"))

        let resourceType: PolicyType = ActionRules.trustPolicyActions.contains(action.lowercased()) ? .trust : .resource
        let identity = try policyList(node.member("identityPolicies"), path: field("identityPolicies"), type: .identity)
        let boundaries = try policyList(node.member("permissionsBoundaries"), path: field("permissionsBoundaries"), type: .boundary)
        let resourcePolicy = try node.member("resourcePolicy").map { try policy($0.value, path: field("resourcePolicy"), type: resourceType) }
        let session = try node.member("sessionPolicy").map { try policy($0.value, path: field("sessionPolicy"), type: .identity) }
        var levels: [[CompiledPolicy]] = []
        if let scps = node.member("serviceControlPolicies") {
            guard let levelNodes = scps.value.elements else {
                throw SimulationError(
                    field: field("serviceControlPolicies"), message: "must be an array of levels, each an array of policies",
                    position: scps.value.position)
            }
            for (index, level) in levelNodes.enumerated() {
                levels.append(try policyList(
                    JSONMember(key: "", keyPosition: level.position, value: level),
                    path: field("serviceControlPolicies[\(index)]"), type: .scp))
            }
        }
        let request = AccessRequest(
            principal: principal, action: action, resource: resource, resourceAccount: resourceAccount, context: context)
        return SimulationCase(request: request, policies: PolicySet(
            identityPolicies: identity, resourcePolicy: resourcePolicy, permissionsBoundaries: boundaries,
            sessionPolicies: session.map { [$0] } ?? [], serviceControlPolicies: levels))
    }

    private static func decodeContext(_ member: JSONMember?, path: String) throws -> [String: [String]] {
        guard let member else { return [:] }
        guard let entries = member.value.members else {
            throw SimulationError(field: path, message: "must be an object of key → string or array of strings", position: member.value.position)
        }
        var context: [String: [String]] = [:]
        for entry in entries {
            let keyPath = "\(path).\(entry.key)"
            func text(_ node: JSONNode) throws -> String {
                switch node.value {
                case .string(let value): return value
                case .number(let value): return value
                case .bool(let value): return value ? "true" : "false"
                default:
                    throw SimulationError(field: keyPath, message: "values must be strings, found \(node.kindName)", position: node.position)
                }
            }
            if let elements = entry.value.elements {
                context[entry.key] = try elements.map(text)
            } else {
                context[entry.key] = [try text(entry.value)]
            }
        }
        return context
    }

    private static func policyList(_ member: JSONMember?, path: String, type: PolicyType) throws -> [CompiledPolicy] {
        guard let member else { return [] }
        guard let elements = member.value.elements else {
            throw SimulationError(field: path, message: "must be an array of policy documents, found \(member.value.kindName)", position: member.value.position)
        }
        return try elements.enumerated().map { try policy($1, path: "\(path)[\($0)]", type: type) }
    }

    /// A policy document written inline as an object, or as a string holding the JSON (as IAM APIs return it).
    private static func policy(_ node: JSONNode, path: String, type: PolicyType) throws -> CompiledPolicy {
        let result: PolicyCheck
        if let text = node.stringValue {
            result = PolicyEngine.check(text, as: type)
        } else {
            result = PolicyEngine.check(node, size: JSONWriter.compact(node).count, as: type)
        }
        if let compiled = result.compiled(name: path) { return compiled }
        let first = result.errors.first
        let detail = first.map { "\($0.code ?? "Error"): \($0.message)" + ($0.detail.map { " (\($0))" } ?? "") } ?? "invalid policy"
        // Positions inside a string-encoded policy are relative to that string, so only inline ones are reported.
        throw SimulationError(field: path, message: "\(type.rawValue) policy rejected: \(detail)",
                              position: node.stringValue == nil ? first?.position : node.position)
    }
}
