import AWSModel
import PositionedJSON

/// Policy documents are stored as the text the learner sent; the aws CLI shows them decoded, as JSON objects.
public enum JSONDocuments {
    /// A JSON text as a value (a request body of the JSON protocols), or nil when it is not JSON.
    public static func parsed(_ bytes: [UInt8]) -> AWSValue? {
        guard case .success(let parsed) = JSONScanner.parse(bytes: bytes) else { return nil }
        return value(of: parsed.root)
    }

    static func value(of text: String) -> AWSValue {
        guard case .success(let parsed) = JSONScanner.parse(text) else { return .string(text) }
        return value(of: parsed.root)
    }

    static func value(of node: JSONNode) -> AWSValue {
        switch node.value {
        case .string(let text): return .string(text)
        case .number(let text): return Int(text).map(AWSValue.integer) ?? .double(Double(text) ?? 0)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array(let items): return .list(items.map { value(of: $0) })
        case .object(let members): return .object(members.map { AWSValue.Member($0.key, value(of: $0.value)) })
        }
    }
}
