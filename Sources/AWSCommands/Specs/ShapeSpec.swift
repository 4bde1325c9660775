/// A botocore shape, reduced to what parsing and client-side validation need.
struct ShapeSpec: Sendable {
    enum Kind: String, Sendable {
        case string, integer, double, boolean, blob, timestamp, structure, list, map
    }

    let kind: Kind
    /// Structure members in model order; empty for other kinds.
    let members: [StructureMember]
    let required: [String]
    /// The element shape of a list, or the value shape of a map.
    let element: String?
    let key: String?
    /// Length of strings and lists, value of numbers. botocore only enforces `min` on the client; `max` and
    /// `pattern` are kept for the sandbox's server-side ValidationError texts.
    let min: Int?
    let max: Int?
    let pattern: String?
    let enumValues: [String]
    /// A streaming blob (S3 `--body`) is given as a plain file path, not `fileb://`.
    let isStreaming: Bool
    /// A document type: free-form JSON, never shorthand.
    let isDocument: Bool

    init(structure members: [StructureMember], required: [String], isDocument: Bool) {
        self.init(kind: .structure, members: members, required: required, isDocument: isDocument)
    }

    init(listOf element: String, min: Int?, max: Int?) {
        self.init(kind: .list, element: element, min: min, max: max)
    }

    init(mapFrom key: String, to value: String, min: Int?, max: Int?) {
        self.init(kind: .map, element: value, key: key, min: min, max: max)
    }

    init(scalar kind: Kind, min: Int?, max: Int?, pattern: String?, enumValues: [String], isStreaming: Bool) {
        self.init(kind: kind, min: min, max: max, pattern: pattern, enumValues: enumValues, isStreaming: isStreaming)
    }

    private init(
        kind: Kind, members: [StructureMember] = [], required: [String] = [], element: String? = nil,
        key: String? = nil, min: Int? = nil, max: Int? = nil, pattern: String? = nil, enumValues: [String] = [],
        isStreaming: Bool = false, isDocument: Bool = false
    ) {
        self.kind = kind
        self.members = members
        self.required = required
        self.element = element
        self.key = key
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.isStreaming = isStreaming
        self.isDocument = isDocument
    }

    var isScalar: Bool { ![.structure, .list, .map].contains(kind) }

    func member(named name: String) -> StructureMember? {
        members.first { $0.name == name }
    }
}
