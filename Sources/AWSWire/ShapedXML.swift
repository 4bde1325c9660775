import AWSModel

/// A value written as XML by its shape, the way botocore's XML parsers (EC2's and rest-xml's) read it back: each
/// member under its wire name (`locationName`), lists wrapped with one element per item (`<item>` in EC2,
/// `<member>` by default) unless flattened, where each item repeats the member's own element. Members the shape
/// does not have are left out, as botocore would drop them; members that travel outside the body (headers, the
/// status) are the caller's.
enum ShapedXML {
    /// The body elements of a structure's members.
    static func members(of value: AWSValue, shape: WireModel.Shape, model: WireModel) -> String {
        guard case .object(let values) = value else { return "" }
        var out = ""
        for member in shape.members ?? [] where member.location == nil && member.xmlAttribute != true {
            guard let memberValue = values.first(where: { $0.key == member.name })?.value, memberValue != .null,
                  let memberShape = model.shape(member.shape) else { continue }
            out += element(name: member.locationName ?? member.name, value: memberValue, shape: memberShape,
                           flattened: member.flattened == true || memberShape.flattened == true, model: model)
        }
        return out
    }

    static func element(name: String, value: AWSValue, shape: WireModel.Shape, flattened: Bool = false, model: WireModel) -> String {
        switch shape.type {
        case "structure":
            return "<\(name)>" + members(of: value, shape: shape, model: model) + "</\(name)>"
        case "list":
            guard case .list(let items) = value, let itemReference = shape.member, let itemShape = model.shape(itemReference.shape) else { return "" }
            if flattened {
                let itemName = itemReference.locationName ?? name
                return items.map { element(name: itemName, value: $0, shape: itemShape, model: model) }.joined()
            }
            let itemName = itemReference.locationName ?? "member"
            return "<\(name)>" + items.map { element(name: itemName, value: $0, shape: itemShape, model: model) }.joined() + "</\(name)>"
        case "map":
            guard case .object(let entries) = value, let valueReference = shape.value, let valueShape = model.shape(valueReference.shape) else { return "" }
            let keyName = shape.key?.locationName ?? "key", valueName = valueReference.locationName ?? "value"
            let body = entries.map { entry in
                "<entry><\(keyName)>\(QueryXML.escaped(entry.key))</\(keyName)>"
                    + element(name: valueName, value: entry.value, shape: valueShape, model: model) + "</entry>"
            }.joined()
            return "<\(name)>\(body)</\(name)>"
        default:
            return "<\(name)>\(QueryXML.escaped(QueryXML.scalar(value)))</\(name)>"
        }
    }

    /// A scalar read from text by its shape's type; what does not parse stays text, for the service to refuse.
    static func scalar(_ text: String, type: String) -> AWSValue {
        switch type {
        case "integer", "long": Int(text).map(AWSValue.integer) ?? .string(text)
        case "float", "double": Double(text).map(AWSValue.double) ?? .string(text)
        case "boolean": text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default: .string(text)
        }
    }
}
