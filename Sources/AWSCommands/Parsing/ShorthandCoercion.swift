import AWSModel
/// Applies the model to shorthand values like awscli's BackCompatVisitor: a single value where a list is
/// expected becomes a one-element list, and numbers and booleans given as text become numbers and booleans.
struct ShorthandCoercion {
    let service: ServiceSpec

    func coerce(_ value: AWSValue, shapeName: String) throws(CLIFailure) -> AWSValue {
        let shape = service.shape(shapeName)
        switch shape.kind {
        case .structure:
            guard case .object(var members) = value else { return value }
            for member in shape.members {
                if let position = members.firstIndex(where: { $0.key == member.name }) {
                    members[position].value = try coerce(members[position].value, shapeName: member.shape)
                }
            }
            return .object(members)
        case .list:
            guard case .list(let elements) = value else {
                return value == .null ? value : .list([value])
            }
            var coerced: [AWSValue] = []
            for element in elements { coerced.append(try coerce(element, shapeName: shape.element!)) }
            return .list(coerced)
        case .map:
            guard case .object(let members) = value else { return value }
            var coerced: [(String, AWSValue)] = []
            for member in members { coerced.append((member.key, try coerce(member.value, shapeName: shape.element!))) }
            return .object(pairs: coerced)
        case .integer:
            guard case .string(let text) = value else { return value }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw .general("invalid literal for int() with base 10: \(PythonText.stringRepr(text))")
            }
            return .integer(number)
        case .double:
            guard case .string(let text) = value else { return value }
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw .general("could not convert string to float: \(PythonText.stringRepr(text))")
            }
            return .double(number)
        case .boolean:
            guard case .string(let text) = value else { return value }
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return value
            }
        default:
            return value
        }
    }
}
