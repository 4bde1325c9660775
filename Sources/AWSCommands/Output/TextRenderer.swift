import AWSModel
/// The CLI's `--output text` (awscli/text.py): tab-separated scalars, sorted keys, nested lists under an
/// upper-cased identifier line.
enum TextRenderer {
    static func render(_ value: AWSValue) -> String {
        var output = ""
        format(value, identifier: nil, scalarKeys: nil, into: &output)
        return output
    }

    private static func format(_ item: AWSValue, identifier: String?, scalarKeys: [String]?, into output: inout String) {
        switch item {
        case .object(let members): formatObject(members.map { ($0.key, $0.value) }, identifier: identifier, scalarKeys: scalarKeys, into: &output)
        case .list(let elements): formatList(elements, identifier: identifier, into: &output)
        default: output += PythonText.str(item) + "\n"
        }
    }

    private static func formatList(_ elements: [AWSValue], identifier: String?, into output: inout String) {
        guard !elements.isEmpty else { return }
        if elements.contains(where: { $0.objectMembers != nil }) {
            let allKeys = allScalarKeys(elements)
            for element in elements {
                format(element, identifier: identifier, scalarKeys: allKeys, into: &output)
            }
        } else if elements.contains(where: { $0.listValue != nil }) {
            let scalars = elements.filter { !$0.isContainer }
            if !scalars.isEmpty { formatScalarList(scalars, identifier: identifier, into: &output) }
            for nested in elements where nested.isContainer {
                format(nested, identifier: identifier, scalarKeys: nil, into: &output)
            }
        } else {
            formatScalarList(elements, identifier: identifier, into: &output)
        }
    }

    private static func formatScalarList(_ elements: [AWSValue], identifier: String?, into output: inout String) {
        if let identifier {
            for element in elements { output += identifier.uppercased() + "\t" + PythonText.str(element) + "\n" }
        } else {
            output += elements.map(PythonText.str).joined(separator: "\t") + "\n"
        }
    }

    private static func formatObject(
        _ members: [(String, AWSValue)], identifier: String?, scalarKeys: [String]?, into output: inout String
    ) {
        var scalars: [String] = []
        var nonScalars: [(String, AWSValue)] = []
        let lookup = Dictionary(members, uniquingKeysWith: { _, last in last })
        if let scalarKeys {
            scalars = scalarKeys.map { lookup[$0].map(PythonText.str) ?? "" }
            let remaining = Set(lookup.keys).subtracting(scalarKeys).sorted(by: PythonOrder.less)
            nonScalars = remaining.map { ($0, lookup[$0]!) }
        } else {
            for key in lookup.keys.sorted(by: PythonOrder.less) {
                let value = lookup[key]!
                if value.isContainer { nonScalars.append((key, value)) } else { scalars.append(PythonText.str(value)) }
            }
        }
        if !scalars.isEmpty {
            if let identifier { scalars.insert(identifier.uppercased(), at: 0) }
            output += scalars.joined(separator: "\t") + "\n"
        }
        for (key, value) in nonScalars {
            format(value, identifier: key, scalarKeys: nil, into: &output)
        }
    }

    private static func allScalarKeys(_ elements: [AWSValue]) -> [String] {
        var seen = Set<String>()
        for element in elements {
            for (key, value) in element.objectMembers ?? [] where !value.isContainer { seen.insert(key) }
        }
        return seen.sorted(by: PythonOrder.less)
    }
}
