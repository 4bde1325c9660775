import AWSModel

/// The query protocol's requests (IAM, STS, CloudFormation: a form of `Action`, `Version` and flattened members,
/// `Tags.member.1.Key=…`) read back into the parameters the sandbox takes, typed by the same botocore input shapes
/// the CLI's options are. This is where the wire meets the shapes the CLI layer already holds.
public enum QueryRequests {
    /// What a form asks: the operation and its parameters, or the error AWS gives for it.
    public static func decode(service apiName: String, form: [(name: String, value: String)]) -> Result<(operation: String, parameters: AWSValue), ServiceError> {
        guard let spec = ServiceCatalog.services.first(where: { $0.apiName == apiName }) else {
            return .failure(ServiceError(code: "InvalidAction", message: "The sandbox does not serve \(apiName) over the query protocol."))
        }
        guard let action = form.first(where: { $0.name == "Action" })?.value, !action.isEmpty else {
            return .failure(ServiceError(code: "MissingAction", message: "Missing Action"))
        }
        guard let operation = spec.operations.first(where: { $0.apiName == action }) else {
            return .failure(ServiceError(code: "InvalidAction", message: "Could not find operation \(action) for version \(form.first { $0.name == "Version" }?.value ?? "")"))
        }
        let fields = Fields(form.filter { $0.name != "Action" && $0.name != "Version" })
        guard let input = operation.inputShape else { return .success((action, .object([]))) }
        return .success((action, value(of: spec.shape(input), prefix: "", fields: fields, spec: spec)))
    }

    /// A form's fields by name (the first of a repeated name counts), and every dotted prefix of a name, so that
    /// reading a form costs time in proportion to its size, however many fields it has.
    struct Fields {
        let values: [String: String]
        let prefixes: Set<String>

        init(_ form: [(name: String, value: String)]) {
            var values: [String: String] = [:]
            var prefixes: Set<String> = []
            for field in form where values[field.name] == nil {
                values[field.name] = field.value
                var name = Substring(field.name)
                while let dot = name.lastIndex(of: ".") {
                    name = name[..<dot]
                    guard prefixes.insert(String(name)).inserted else { break }
                }
            }
            self.values = values
            self.prefixes = prefixes
        }

        subscript(name: String) -> String? { values[name] }
    }

    /// The sandbox answers every list in one page; where an operation pages by a flag (IAM's `IsTruncated`), the
    /// answer on the wire says so, as AWS's does (the CLI drops the flag when it shows a paged result, so the
    /// in-process answer has none).
    public static func completed(_ result: AWSValue, service apiName: String, operation: String) -> AWSValue {
        guard case .object(var members) = result,
              let flag = ServiceCatalog.services.first(where: { $0.apiName == apiName })?.operations.first(where: { $0.apiName == operation })?.paging?.moreResults,
              !members.contains(where: { $0.key == flag }) else { return result }
        members.append(AWSValue.Member(flag, .bool(false)))
        return .object(members)
    }

    /// The value under `prefix` (e.g. `Tags.member.1.`), read by its shape.
    static func value(of shape: ShapeSpec, prefix: String, fields: Fields, spec: ServiceSpec) -> AWSValue {
        switch shape.kind {
        case .structure:
            var members: [AWSValue.Member] = []
            for member in shape.members {
                let path = prefix + member.name
                let memberShape = spec.shape(member.shape)
                guard present(path, shape: memberShape, in: fields) else { continue }
                members.append(AWSValue.Member(member.name, value(of: memberShape, prefix: path + (memberShape.isScalar ? "" : "."), fields: fields, spec: spec)))
            }
            return .object(members)
        case .list:
            let element = spec.shape(shape.element ?? "")
            var items: [AWSValue] = []
            var index = 1
            while present(prefix + "member.\(index)", shape: element, in: fields) {
                items.append(value(of: element, prefix: prefix + "member.\(index)" + (element.isScalar ? "" : "."), fields: fields, spec: spec))
                index += 1
            }
            return .list(items)
        case .map:
            let valueShape = spec.shape(shape.element ?? "")
            var members: [AWSValue.Member] = []
            var index = 1
            while let key = fields[prefix + "entry.\(index).key"] {
                let path = prefix + "entry.\(index).value"
                members.append(AWSValue.Member(key, value(of: valueShape, prefix: path + (valueShape.isScalar ? "" : "."), fields: fields, spec: spec)))
                index += 1
            }
            return .object(members)
        case .integer:
            let text = fields[prefix] ?? ""
            return Int(text).map(AWSValue.integer) ?? .string(text)
        case .double:
            let text = fields[prefix] ?? ""
            return Double(text).map(AWSValue.double) ?? .string(text)
        case .boolean:
            let text = fields[prefix] ?? ""
            return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        case .string, .blob, .timestamp:
            return .string(fields[prefix] ?? "")
        }
    }

    /// Whether anything of the value at `path` was sent (an empty list is sent as `Name=`).
    static func present(_ path: String, shape: ShapeSpec, in fields: Fields) -> Bool {
        fields[path] != nil || (!shape.isScalar && fields.prefixes.contains(path))
    }
}
