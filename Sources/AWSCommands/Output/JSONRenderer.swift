import AWSModel
/// `json.dump(response, indent=4, ensure_ascii=False)` followed by a newline: the CLI's default output.
enum JSONRenderer {
    static func render(_ value: AWSValue) -> String {
        // Written as bytes: appending piece by piece to a String (and joining indents and keys into temporary
        // ones) was most of the cost of printing a response.
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, indent: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: AWSValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text): writeQuoted(text, into: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: PythonText.floatRepr(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .list(let elements):
            guard !elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(contentsOf: "[\n".utf8)
            for (position, element) in elements.enumerated() {
                output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 4))
                write(element, indent: indent + 4, into: &output)
                output.append(contentsOf: (position == elements.count - 1 ? "\n" : ",\n").utf8)
            }
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(contentsOf: "{\n".utf8)
            for (position, member) in members.enumerated() {
                output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 4))
                writeQuoted(member.key, into: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, indent: indent + 4, into: &output)
                output.append(contentsOf: (position == members.count - 1 ? "\n" : ",\n").utf8)
            }
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeQuoted(_ text: String, into output: inout [UInt8]) {
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if needsEscape {
            output.append(contentsOf: quoted(text).utf8)
        } else {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
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
