import AWSModel
/// How Python spells values, because the CLI's text and table output use `str()`, its JSON output uses
/// `float.__repr__`, and botocore's validation messages use `str()` of dicts and lists.
enum PythonText {
    /// The name of the Python type botocore and python-jmespath see for a value, as their messages print it.
    static func typeName(_ value: AWSValue) -> String {
        switch value {
        case .string: return "str"
        case .integer: return "int"
        case .double: return "float"
        case .bool: return "bool"
        case .null: return "NoneType"
        case .list: return "list"
        case .object: return "dict"
        }
    }

    /// `str(value)` for a scalar; containers fall back to `repr`.
    static func str(_ value: AWSValue) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .double(let number): return floatRepr(number)
        case .bool(let flag): return flag ? "True" : "False"
        case .null: return "None"
        case .list, .object: return repr(value)
        }
    }

    /// `repr(value)`: strings quoted, dicts as `{'k': 'v'}`.
    static func repr(_ value: AWSValue) -> String {
        switch value {
        case .string(let text): return stringRepr(text)
        case .list(let elements): return "[" + elements.map(repr).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { stringRepr($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        default: return str(value)
        }
    }

    static func stringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if Character(scalar) == quote {
                    result += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + hex(scalar.value, width: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + String(quote)
    }

    /// Python's shortest round-trip float text: fixed notation for exponents -4 to 15, scientific otherwise.
    static func floatRepr(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is also shortest round-trip; only the layout differs, so re-lay its digits.
        let (negative, digits, exponent) = decompose(number)
        let sign = negative ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
            let integerCount = exponent + 1
            if digits.count <= integerCount {
                return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
            }
            return sign + digits.prefix(integerCount) + "." + digits.dropFirst(integerCount)
        }
        let mantissa = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        let exponentText = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
            + (exponentText.count < 2 ? "0" + exponentText : exponentText)
    }

    /// Significant digits (no leading/trailing zeros) and the decimal exponent of the first digit.
    private static func decompose(_ number: Double) -> (Bool, String, Int) {
        var text = "\(abs(number))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var allDigits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while allDigits.hasPrefix("0") && allDigits.count > 1 {
            allDigits.removeFirst()
            pointPosition -= 1
        }
        while allDigits.hasSuffix("0") && allDigits.count > 1 { allDigits.removeLast() }
        return (number < 0, allDigits, pointPosition - 1)
    }

    /// `repr(bytes)`: `b'…'`, with anything outside printable ASCII as `\xNN`.
    static func bytesRepr(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var result = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): result += "\\\\"
            case UInt8(ascii: "\n"): result += "\\n"
            case UInt8(ascii: "\r"): result += "\\r"
            case UInt8(ascii: "\t"): result += "\\t"
            case quote: result += "\\" + String(UnicodeScalar(quote))
            case 0x20..<0x7F: result.unicodeScalars.append(UnicodeScalar(byte))
            default: result += "\\x" + hex(UInt32(byte), width: 2)
            }
        }
        return result + String(UnicodeScalar(quote))
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
