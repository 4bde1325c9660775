import AWSModel

/// EC2's own dialect of the query protocol. Requests are a form like IAM's, but every list is flattened
/// (`InstanceId.1=…`, `Filter.1.Value.1=…`) and each member goes by its `queryName`, or its `locationName` with a
/// capital first letter, or its name. Answers are `<OpResponse>` with a `requestId` and the members under their
/// `locationName` (`reservationSet`, `instancesSet`, `<item>` for each element); errors are
/// `<Response><Errors><Error>`.
public enum EC2Query {
    static let namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

    /// What a form asks: the operation and its parameters, or the error EC2 gives for it.
    public static func decode(form: [(name: String, value: String)], model: WireModel = .ec2) -> Result<(operation: String, parameters: AWSValue), ServiceError> {
        var fields: [String: String] = [:]
        for field in form where fields[field.name] == nil { fields[field.name] = field.value }
        guard let action = fields["Action"], !action.isEmpty else {
            return .failure(ServiceError(code: "MissingAction", message: "The request must contain the parameter Action"))
        }
        guard let operation = model.operation(named: action) else {
            return .failure(ServiceError(code: "InvalidAction", message: "The action \(action) is not valid for this web service."))
        }
        guard let input = operation.input.flatMap(model.shape) else { return .success((action, .object([]))) }
        var prefixes: Set<String> = []
        for name in fields.keys {
            var rest = Substring(name)
            while let dot = rest.lastIndex(of: ".") {
                rest = rest[..<dot]
                guard prefixes.insert(String(rest)).inserted else { break }
            }
        }
        let reader = FormReader(fields: fields, prefixes: prefixes, model: model)
        return .success((action, reader.value(of: input, at: "")))
    }

    struct FormReader {
        let fields: [String: String]
        let prefixes: Set<String>
        let model: WireModel

        func present(_ path: String, _ shape: WireModel.Shape) -> Bool {
            fields[path] != nil || (!shape.isScalar && prefixes.contains(path))
        }

        func value(of shape: WireModel.Shape, at path: String) -> AWSValue {
            switch shape.type {
            case "structure":
                var members: [AWSValue.Member] = []
                for member in shape.members ?? [] {
                    guard let memberShape = model.shape(member.shape) else { continue }
                    let name = member.queryName ?? member.locationName.map(EC2Query.capitalized) ?? member.name
                    let memberPath = path.isEmpty ? name : path + "." + name
                    guard present(memberPath, memberShape) else { continue }
                    members.append(AWSValue.Member(member.name, value(of: memberShape, at: memberPath)))
                }
                return .object(members)
            case "list":
                guard let element = shape.member.flatMap({ model.shape($0.shape) }) else { return .list([]) }
                var items: [AWSValue] = []
                var index = 1
                while present("\(path).\(index)", element) {
                    items.append(value(of: element, at: "\(path).\(index)"))
                    index += 1
                }
                return .list(items)
            case "map":
                return .object([])
            default:
                return ShapedXML.scalar(fields[path] ?? "", type: shape.type)
            }
        }
    }

    static func capitalized(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// An answer: the operation's output members by their wire names.
    public static func response(operation: String, result: AWSValue, requestID: String, model: WireModel = .ec2) -> String {
        let body = model.operation(named: operation)?.output.flatMap(model.shape).map { ShapedXML.members(of: result, shape: $0, model: model) } ?? ""
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + "<\(operation)Response xmlns=\"\(namespace)\"><requestId>\(requestID)</requestId>\(body)</\(operation)Response>\n"
    }

    public static func error(code: String, message: String, requestID: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + "<Response><Errors><Error><Code>\(QueryXML.escaped(code))</Code><Message>\(QueryXML.escaped(message))</Message></Error></Errors>"
            + "<RequestID>\(requestID)</RequestID></Response>\n"
    }
}
