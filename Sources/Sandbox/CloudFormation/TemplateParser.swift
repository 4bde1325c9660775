import AWSModel
import PositionedJSON
import Yams

/// Reads a CloudFormation template, JSON or YAML, into an ordered value. YAML short forms (`!Ref`, `!GetAtt`,
/// `!Sub`, `!Join`) become their long forms, so the rest of the stack logic sees one shape.
enum TemplateParser {
    enum Failure: Error, Equatable {
        case malformed(String)
    }

    static func parse(_ text: String) -> Result<AWSValue, Failure> {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" {
            switch JSONScanner.parse(text) {
            case .success(let parsed): return .success(JSONDocuments.value(of: parsed.root))
            case .failure(let error): return .failure(.malformed("Template format error: JSON not well-formed. (line \(error.position.line), column \(error.position.column))"))
            }
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return .failure(.malformed("Template format error: YAML not well-formed.")) }
            return .success(value(of: node))
        } catch {
            // CloudFormation's words and the place, not the YAML parser's own report.
            return .failure(.malformed("Template format error: YAML not well-formed." + (Self.place(of: error).map { " (line \($0.line), column \($0.column))" } ?? "")))
        }
    }

    /// Where the YAML parser stopped, when it says.
    static func place(of error: Error) -> Mark? {
        switch error as? YamlError {
        case .scanner(_, _, let mark, _)?, .parser(_, _, let mark, _)?, .composer(_, _, let mark, _)?: return mark
        default: return nil
        }
    }

    private static func value(of node: Node) -> AWSValue {
        let plain: AWSValue
        switch node {
        case .scalar(let scalar):
            plain = .string(scalar.string)
        case .sequence(let sequence):
            plain = .list(sequence.map { value(of: $0) })
        case .mapping(let mapping):
            plain = .object(mapping.map { AWSValue.Member($0.key.string ?? "", value(of: $0.value)) })
        case .alias:
            plain = .null
        }
        let tag = node.tag.description
        switch tag {
        case "!Ref": return .object([.init("Ref", plain)])
        case "!GetAtt":
            if case .string(let text) = plain {
                let parts = text.split(separator: ".", maxSplits: 1).map { AWSValue.string(String($0)) }
                return .object([.init("Fn::GetAtt", .list(parts))])
            }
            return .object([.init("Fn::GetAtt", plain)])
        case "!Sub", "!Join", "!Select", "!Split", "!If", "!Equals", "!Not", "!FindInMap", "!Base64", "!GetAZs", "!ImportValue":
            return .object([.init("Fn::" + tag.dropFirst(), plain)])
        default:
            return plain
        }
    }
}
