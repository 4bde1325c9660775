import AWSModel

/// EC2's `--filters Name=…,Values=…`: every filter must match, and a filter matches when any of its values does
/// (with `*` and `?` as wildcards). A name EC2 does not know for the call is refused, as EC2 refuses it.
struct EC2Filters {
    let filters: [(name: String, values: [String])]

    init(_ call: Call) {
        filters = call.list("Filters").compactMap { filter in
            guard let name = filter["Name"]?.stringValue else { return nil }
            return (name, (filter["Values"]?.listValue ?? []).compactMap(\.textValue))
        }
    }

    /// The items whose fields match every filter; `fields` gives an item's values for a filter name, nil for a name
    /// the call does not know.
    func apply<Item>(_ items: [Item], fields: (Item, String) -> [String]?, known: Set<String>) throws(ServiceError) -> [Item] {
        for filter in filters where !known.contains(filter.name) && !filter.name.hasPrefix("tag:") {
            throw ServiceError(code: "InvalidParameterValue", message: "The filter '\(filter.name)' is invalid")
        }
        return items.filter { item in
            filters.allSatisfy { filter in
                let have = fields(item, filter.name) ?? []
                return filter.values.contains { pattern in have.contains { Self.matches($0, pattern) } }
            }
        }
    }

    /// `*` is any run of characters and `?` any one, as in EC2's filter values.
    static func matches(_ value: String, _ pattern: String) -> Bool {
        let text = Array(value), glob = Array(pattern)
        var t = 0, g = 0, star = -1, mark = 0
        while t < text.count {
            if g < glob.count, glob[g] == "?" || glob[g] == text[t] {
                t += 1; g += 1
            } else if g < glob.count, glob[g] == "*" {
                star = g; mark = t; g += 1
            } else if star >= 0 {
                g = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}
