import AWSModel

/// The query protocol's answers (IAM, STS, CloudFormation): `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`
/// with lists as `<member>` elements, and `<ErrorResponse><Error>` for errors, as botocore parses them into the
/// same values the sandbox returns. Policy documents go as URL-encoded JSON text, as IAM sends them (the CLI
/// decodes them back into the objects the sandbox holds).
public enum QueryXML {
    /// The XML namespace of each query service's responses.
    public static func namespace(service: String) -> String {
        switch service {
        case "iam": "https://iam.amazonaws.com/doc/2010-05-08/"
        case "sts": "https://sts.amazonaws.com/doc/2011-06-15/"
        case "cloudformation": "http://cloudformation.amazonaws.com/doc/2010-05-15/"
        default: ""
        }
    }

    public static func response(service: String, operation: String, result: AWSValue, requestID: String) -> String {
        var body = ""
        if case .object(let members) = result, !members.isEmpty {
            body = "<\(operation)Result>" + members.map { element($0.key, $0.value) }.joined() + "</\(operation)Result>"
        }
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + "<\(operation)Response xmlns=\"\(namespace(service: service))\">\(body)"
            + "<ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata></\(operation)Response>\n"
    }

    public static func error(service: String, code: String, message: String, requestID: String) -> String {
        let type = code.hasPrefix("InternalFailure") || code == "ServiceUnavailable" ? "Receiver" : "Sender"
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + "<ErrorResponse xmlns=\"\(namespace(service: service))\"><Error><Type>\(type)</Type><Code>\(escaped(code))</Code>"
            + "<Message>\(escaped(message))</Message></Error><RequestId>\(requestID)</RequestId></ErrorResponse>\n"
    }

    /// Members IAM sends as URL-encoded JSON text.
    static func isPolicyDocument(_ name: String) -> Bool {
        name.hasSuffix("PolicyDocument") || name == "Document"
    }

    static func element(_ name: String, _ value: AWSValue) -> String {
        switch value {
        case .null:
            return ""
        case .list(let items):
            if isPolicyDocument(name) { return "<\(name)>\(documentText(value))</\(name)>" }
            return "<\(name)>" + items.map { element("member", $0) }.joined() + "</\(name)>"
        case .object(let members):
            if isPolicyDocument(name) { return "<\(name)>\(documentText(value))</\(name)>" }
            return "<\(name)>" + members.map { element($0.key, $0.value) }.joined() + "</\(name)>"
        default:
            return "<\(name)>\(escaped(scalar(value)))</\(name)>"
        }
    }

    public static func scalar(_ value: AWSValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: value.compactJSON
        }
    }

    /// A document as IAM returns it: its JSON, percent-encoded.
    static func documentText(_ value: AWSValue) -> String {
        SigV4.percentEncoded(value.compactJSON, keepingSlashes: false)
    }

    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#xD;"
            case "\n", "\t": result.unicodeScalars.append(character)
            // XML 1.0 cannot carry other control characters at all, not even as references: a parser refuses
            // the whole answer, so they are left out.
            case _ where character.value < 0x20 || character.value == 0xFFFE || character.value == 0xFFFF: continue
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
