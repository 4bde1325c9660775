import Suggestions
import Yams

/// Reads the `sandbox` field of a lesson's front matter into a `SandboxSeed`.
struct SeedParser {
    var reader: YAMLReader

    mutating func parse(_ node: Node) -> SandboxSeed {
        var seed = SandboxSeed()
        let what = "sandbox seed"
        guard let mapping = reader.mapping(node, what: what) else { return seed }
        reader.rejectUnknownKeys(in: mapping, allowed: ["files", "buckets", "tables", "users", "roles"], what: what)

        if let files = reader.value("files", in: mapping) {
            if let fileMapping = reader.mapping(files, what: "sandbox files") {
                for (key, value) in fileMapping.pairs {
                    guard let name = key.string, !name.isEmpty, !name.contains("/") else {
                        reader.report(at: reader.location(of: key), "a seeded file name must be a plain file name without '/'")
                        continue
                    }
                    guard let content = value.scalar?.string else {
                        reader.report(at: reader.location(of: value), "seeded file '\(name)' must hold text (use '|' for several lines)")
                        continue
                    }
                    seed.files.append(.init(key: name, value: content))
                }
            }
        }
        let fileNames = Set(seed.files.map(\.key))

        for item in entries("buckets", in: mapping) {
            let location = reader.location(of: item)
            guard let bucket = reader.mapping(item, what: "a seeded bucket") else { continue }
            reader.rejectUnknownKeys(in: bucket, allowed: ["name", "objects", "policy"], what: "seeded bucket")
            guard let name = reader.string("name", in: bucket, required: true, at: location, what: "seeded bucket") else { continue }
            var objects: [SandboxSeed.KeyValue] = []
            if let objectNode = reader.value("objects", in: bucket), let objectMapping = reader.mapping(objectNode, what: "objects of bucket '\(name)'") {
                for (key, value) in objectMapping.pairs {
                    objects.append(.init(key: key.string ?? "", value: value.string ?? ""))
                }
            }
            let policy = fileReference("policy", in: bucket, files: fileNames, at: location, what: "seeded bucket")
            seed.buckets.append(.init(name: name, objects: objects, policyFile: policy))
        }

        for item in entries("tables", in: mapping) {
            let location = reader.location(of: item)
            guard let table = reader.mapping(item, what: "a seeded table") else { continue }
            reader.rejectUnknownKeys(in: table, allowed: ["name", "key"], what: "seeded table")
            let name = reader.string("name", in: table, required: true, at: location, what: "seeded table")
            let key = reader.string("key", in: table, required: true, at: location, what: "seeded table")
            if let name, let key { seed.tables.append(.init(name: name, key: key)) }
        }

        for item in entries("users", in: mapping) {
            let location = reader.location(of: item)
            guard let user = reader.mapping(item, what: "a seeded user") else { continue }
            reader.rejectUnknownKeys(in: user, allowed: ["name", "managed-policies"], what: "seeded user")
            guard let name = reader.string("name", in: user, required: true, at: location, what: "seeded user") else { continue }
            let policies = reader.strings("managed-policies", in: user, required: false, at: location, what: "seeded user") ?? []
            seed.users.append(.init(name: name, managedPolicies: policies))
        }

        for item in entries("roles", in: mapping) {
            let location = reader.location(of: item)
            guard let role = reader.mapping(item, what: "a seeded role") else { continue }
            reader.rejectUnknownKeys(in: role, allowed: ["name", "trust", "managed-policies", "description"], what: "seeded role")
            let name = reader.string("name", in: role, required: true, at: location, what: "seeded role")
            let trust = fileReference("trust", in: role, files: fileNames, at: location, what: "seeded role", required: true)
            let policies = reader.strings("managed-policies", in: role, required: false, at: location, what: "seeded role") ?? []
            let description = reader.string("description", in: role, required: false, at: location, what: "seeded role") ?? ""
            if let name, let trust {
                seed.roles.append(.init(name: name, trustFile: trust, managedPolicies: policies, description: description))
            }
        }
        return seed
    }

    private mutating func entries(_ key: String, in mapping: YAMLFields) -> [Node] {
        guard let node = mapping.value(key) else { return [] }
        guard let sequence = node.sequence else {
            reader.report(at: reader.location(of: node), "'\(key)' in the sandbox seed must be a list (lines starting with '- ')")
            return []
        }
        return Array(sequence)
    }

    private mutating func fileReference(_ key: String, in mapping: YAMLFields, files: Set<String>, at location: SourceLocation, what: String, required: Bool = false) -> String? {
        guard let name = reader.string(key, in: mapping, required: required, at: location, what: what) else { return nil }
        if !files.contains(name) {
            let suggestion = Suggestions.nearest(to: name, among: files).map { "; did you mean '\($0)'?" } ?? ""
            reader.report(at: mapping.value(key).map(reader.location(of:)) ?? location,
                          "'\(key)' names '\(name)', which is not declared under sandbox.files\(suggestion)")
            return nil
        }
        return name
    }
}
