import AWSModel
/// `json.dumps(value)` with Python's default separators (", " and ": "), as JMESPath's to_string produces.
enum CompactJSON {
    static func render(_ value: AWSValue) -> String {
        switch value {
        case .list(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { JSONRenderer.quoted($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        default:
            return JSONRenderer.render(value).dropLast().description
        }
    }
}
