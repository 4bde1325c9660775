import AWSModel

/// Orders a template's resources so each comes after everything it refers to (Ref, Fn::GetAtt, Fn::Sub, DependsOn).
enum StackPlanner {
    static func order(_ resources: [(String, AWSValue)]) throws(ServiceError) -> [(logicalID: String, definition: AWSValue)] {
        let names = Set(resources.map(\.0))
        var dependencies: [String: Set<String>] = [:]
        for (logicalID, definition) in resources {
            var found = Set<String>()
            collectReferences(in: definition["Properties"] ?? .null, into: &found)
            switch definition["DependsOn"] {
            case .string(let name)?: found.insert(name)
            case .list(let items)?: items.compactMap(\.stringValue).forEach { found.insert($0) }
            default: break
            }
            for name in found where !names.contains(name) && !name.hasPrefix("AWS::") {
                throw ServiceError(code: "ValidationError", message: "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
            }
            dependencies[logicalID] = found.filter { names.contains($0) }
        }
        var ordered: [(logicalID: String, definition: AWSValue)] = []
        var placed = Set<String>()
        var remaining = resources
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { dependencies[$0.0, default: []].isSubset(of: placed) }) else {
                throw ServiceError(code: "ValidationError", message: "Circular dependency between resources: [\(remaining.map(\.0).joined(separator: ", "))]")
            }
            let (logicalID, definition) = remaining.remove(at: next)
            ordered.append((logicalID, definition))
            placed.insert(logicalID)
        }
        return ordered
    }

    static func collectReferences(in value: AWSValue, into found: inout Set<String>) {
        switch value {
        case .object(let members):
            if members.count == 1, let member = members.first {
                switch member.key {
                case "Ref":
                    if let name = member.value.stringValue { found.insert(name) }
                    return
                case "Fn::GetAtt":
                    if let name = member.value.listValue?.first?.stringValue { found.insert(name) }
                    return
                case "Fn::Sub":
                    let template = member.value.stringValue ?? member.value.listValue?.first?.stringValue ?? ""
                    for variable in substitutions(in: template) { found.insert(String(variable.split(separator: ".").first ?? "")) }
                default: break
                }
            }
            for member in members { collectReferences(in: member.value, into: &found) }
        case .list(let items):
            for item in items { collectReferences(in: item, into: &found) }
        default:
            break
        }
    }

    /// The `${Name}` variables of an Fn::Sub string (`${!Literal}` is an escape, not a variable).
    static func substitutions(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[start.upperBound..<end])
            if !name.hasPrefix("!") { names.append(name) }
            rest = rest[rest.index(after: end)...]
        }
        return names
    }
}
