import AWSModel
/// botocore's client-side validation (botocore/validate.py): required members, unknown members, types and
/// minimum lengths/values. Like botocore it does not check `max` or `pattern`; the service does that.
struct ParameterValidator {
    let service: ServiceSpec

    func problems(in parameters: AWSValue, shapeName: String) -> [String] {
        var problems: [String] = []
        validate(parameters, shapeName: shapeName, path: "", into: &problems)
        return problems
    }

    private func displayName(_ path: String) -> String {
        if path.isEmpty { return "input" }
        return path.hasPrefix(".") ? String(path.dropFirst()) : path
    }

    private static func pythonType(_ value: AWSValue) -> String {
        "<class '\(PythonText.typeName(value))'>"
    }

    private static func validTypes(_ kind: ShapeSpec.Kind) -> String {
        switch kind {
        case .string: return "<class 'str'>"
        case .integer: return "<class 'int'>"
        case .boolean: return "<class 'bool'>"
        case .double: return "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>"
        case .structure, .map: return "<class 'dict'>"
        case .list: return "<class 'list'>, <class 'tuple'>"
        case .blob: return "<class 'bytes'>, <class 'bytearray'>, file-like object"
        case .timestamp: return "<class 'datetime.datetime'>, timestamp-string"
        }
    }

    private static func hasValidType(_ value: AWSValue, _ kind: ShapeSpec.Kind) -> Bool {
        switch (kind, value) {
        case (.string, .string), (.blob, .string), (.timestamp, .string), (.timestamp, .integer): return true
        // Python's bool is an int, so botocore lets true through where an integer is expected.
        case (.integer, .integer), (.integer, .bool): return true
        case (.double, .double), (.double, .integer), (.double, .bool): return true
        case (.boolean, .bool): return true
        case (.structure, .object), (.map, .object), (.list, .list): return true
        default: return false
        }
    }

    private func reportType(_ value: AWSValue, _ kind: ShapeSpec.Kind, path: String, into problems: inout [String]) {
        problems.append("Invalid type for parameter \(displayName(path)), value: \(PythonText.str(value)), "
            + "type: \(Self.pythonType(value)), valid types: \(Self.validTypes(kind))")
    }

    private func checkMinimum(_ measured: Int, _ shape: ShapeSpec, length: Bool, path: String, into problems: inout [String]) {
        guard let minimum = shape.min, measured < minimum else { return }
        problems.append(length
            ? "Invalid length for parameter \(displayName(path)), value: \(measured), valid min length: \(minimum)"
            : "Invalid value for parameter \(displayName(path)), value: \(measured), valid min value: \(minimum)")
    }

    private func validate(_ value: AWSValue, shapeName: String, path: String, into problems: inout [String]) {
        let shape = service.shape(shapeName)
        if shape.isDocument { return }
        guard Self.hasValidType(value, shape.kind) else {
            reportType(value, shape.kind, path: path, into: &problems)
            return
        }
        switch (shape.kind, value) {
        case (.structure, .object(let members)):
            for required in shape.required where !members.contains(where: { $0.key == required }) {
                problems.append("Missing required parameter in \(displayName(path)): \"\(required)\"")
            }
            for name in members.map(\.key) where shape.member(named: name) == nil {
                problems.append("Unknown parameter in \(displayName(path)): \"\(name)\", must be one of: "
                    + shape.members.map(\.name).joined(separator: ", "))
            }
            for (name, member) in members.map({ ($0.key, $0.value) }) {
                if let spec = shape.member(named: name) {
                    validate(member, shapeName: spec.shape, path: "\(path).\(name)", into: &problems)
                }
            }
        case (.list, .list(let elements)):
            checkMinimum(elements.count, shape, length: true, path: path, into: &problems)
            for (position, element) in elements.enumerated() {
                validate(element, shapeName: shape.element!, path: "\(path)[\(position)]", into: &problems)
            }
        case (.map, .object(let members)):
            for (key, member) in members.map({ ($0.key, $0.value) }) {
                validate(.string(key), shapeName: shape.key!, path: "\(path) (key: \(key))", into: &problems)
                validate(member, shapeName: shape.element!, path: "\(path).\(key)", into: &problems)
            }
        case (.string, .string(let text)):
            checkMinimum(text.unicodeScalars.count, shape, length: true, path: path, into: &problems)
        case (.integer, .integer(let number)):
            checkMinimum(number, shape, length: false, path: path, into: &problems)
        default:
            break
        }
    }
}
