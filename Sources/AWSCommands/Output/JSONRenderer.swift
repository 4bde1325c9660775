import AWSModel
/// `json.dump(response, indent=4, ensure_ascii=False)` followed by a newline: the CLI's default output.
enum JSONRenderer {
    static func render(_ value: AWSValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output + "\n"
    }

    private static func write(_ value: AWSValue, indent: Int, into output: inout String) {
        switch value {
        case .string(let text): output += quoted(text)
        case .integer(let number): output += String(number)
        case .double(let number): output += PythonText.floatRepr(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .list(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            let inner = String(repeating: " ", count: indent + 4)
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += inner
                write(element, indent: indent + 4, into: &output)
                output += position == elements.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            let inner = String(repeating: " ", count: indent + 4)
            output += "{\n"
            for (position, member) in members.enumerated() {
                output += inner + quoted(member.key) + ": "
                write(member.value, indent: indent + 4, into: &output)
                output += position == members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        // Most strings need no escape: copied whole rather than scalar by scalar.
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscape else { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + PythonText.hex(scalar.value, width: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
