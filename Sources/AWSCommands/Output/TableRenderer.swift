import AWSModel
/// The CLI's `--output table` (awscli/formatter.py TableFormatter and table.py MultiTable), without colour:
/// what the CLI prints when stdout is not a terminal.
struct TableRenderer {
    private var sections: [TableSection] = []
    private let terminalWidth: Int

    /// Nil when the response is empty (the CLI prints nothing then).
    static func render(_ value: AWSValue, title: String, terminalWidth: Int) throws(TableSection.RowLengthMismatch) -> String {
        var renderer = TableRenderer(terminalWidth: terminalWidth)
        guard try renderer.build(title: title, value, indentLevel: 0) else { return "" }
        return renderer.renderSections()
    }

    private init(terminalWidth: Int) {
        self.terminalWidth = terminalWidth
    }

    // MARK: Building sections (formatter.py)

    private static func isEmpty(_ value: AWSValue) -> Bool {
        switch value {
        case .null: return true
        case .string(let text): return text.isEmpty
        case .integer(let number): return number == 0
        case .double(let number): return number == 0
        case .bool(let flag): return !flag
        case .list(let elements): return elements.isEmpty
        case .object(let members): return members.isEmpty
        }
    }

    private mutating func newSection(title: String, indentLevel: Int) {
        var section = TableSection()
        section.title = title
        section.indentLevel = indentLevel
        sections.append(section)
    }

    private mutating func addRow(_ row: [String]) throws(TableSection.RowLengthMismatch) {
        if sections.isEmpty { sections.append(TableSection()) }
        try sections[sections.count - 1].addRow(row)
    }

    private mutating func addHeader(_ headers: [String]) {
        if sections.isEmpty { sections.append(TableSection()) }
        sections[sections.count - 1].addHeader(headers)
    }

    @discardableResult
    private mutating func build(title: String?, _ current: AWSValue, indentLevel: Int) throws(TableSection.RowLengthMismatch) -> Bool {
        if Self.isEmpty(current) { return false }
        if let title { newSection(title: title, indentLevel: indentLevel) }
        if case .list(let elements) = current {
            if elements[0].objectMembers != nil {
                try buildFromList(elements, indentLevel: indentLevel, title: title)
            } else {
                for item in elements {
                    switch item {
                    case .list(let inner) where inner.allSatisfy({ !$0.isContainer }):
                        try addRow(inner.map(PythonText.str))
                    case .object(let members) where members.allSatisfy({ _ in true }):
                        // Iterating a dict yields its keys, all scalars, so the CLI adds the keys as a row.
                        try addRow(members.map(\.key))
                    case .list:
                        try build(title: nil, item, indentLevel: 0)
                    default:
                        try addRow([PythonText.str(item)])
                    }
                }
            }
        }
        if case .object(let members) = current {
            try buildFromObject(members.map { ($0.key, $0.value) }, indentLevel: indentLevel)
        }
        return true
    }

    private mutating func buildFromObject(_ members: [(String, AWSValue)], indentLevel: Int) throws(TableSection.RowLengthMismatch) {
        let (headers, more) = Self.groupScalarKeys(members)
        let lookup = Dictionary(members, uniquingKeysWith: { _, last in last })
        if headers.count == 1 {
            try addRow([headers[0], PythonText.str(lookup[headers[0]]!)])
        } else if !headers.isEmpty {
            addHeader(headers)
            try addRow(headers.map { PythonText.str(lookup[$0]!) })
        }
        for key in more {
            try build(title: key, lookup[key]!, indentLevel: indentLevel + 1)
        }
    }

    private mutating func buildFromList(_ elements: [AWSValue], indentLevel: Int, title: String?) throws(TableSection.RowLengthMismatch) {
        var headerSet = Set<String>()
        var moreSet = Set<String>()
        for element in elements {
            let (headers, more) = Self.groupScalarKeys(element.objectMembers ?? [])
            headerSet.formUnion(headers)
            moreSet.formUnion(more)
        }
        let headers = headerSet.sorted(by: PythonOrder.less)
        let more = moreSet.sorted(by: PythonOrder.less)
        addHeader(headers)
        var first = true
        for element in elements {
            if !first && !more.isEmpty {
                newSection(title: title ?? "", indentLevel: indentLevel)
                addHeader(headers)
            }
            first = false
            let lookup = Dictionary(element.objectMembers ?? [], uniquingKeysWith: { _, last in last })
            try addRow(headers.map { lookup[$0].map(PythonText.str) ?? "" })
            for key in more {
                if let value = lookup[key] { try build(title: key, value, indentLevel: indentLevel + 1) }
            }
        }
    }

    private static func groupScalarKeys(_ members: [(String, AWSValue)]) -> ([String], [String]) {
        var headers: [String] = []
        var more: [String] = []
        for (key, value) in members {
            if value.isContainer { more.append(key) } else { headers.append(key) }
        }
        return (headers.sorted(by: PythonOrder.less), more.sorted(by: PythonOrder.less))
    }

    // MARK: Rendering (table.py MultiTable.render)

    private func maxWidth() -> Int {
        sections.map { $0.totalWidth(padding: 4, outerPadding: $0.indentLevel) }.max() ?? 0
    }

    private mutating func renderSections() -> String {
        var width = maxWidth()
        if width > terminalWidth {
            convertToVerticalTable()
            width = maxWidth()
        }
        var output = String(repeating: "-", count: width) + "\n"
        for section in sections {
            render(section, maxWidth: width, into: &output)
        }
        return output
    }

    /// Single-row sections become header/value pairs, one per line, to fit narrow terminals.
    private mutating func convertToVerticalTable() {
        for position in sections.indices where sections[position].rows.count == 1 && !sections[position].headers.isEmpty {
            let old = sections[position]
            var replacement = TableSection()
            replacement.title = old.title
            replacement.indentLevel = old.indentLevel
            for (header, cell) in zip(old.headers, old.rows[0]) {
                try? replacement.addRow([header, cell])
            }
            sections[position] = replacement
        }
    }

    private func render(_ section: TableSection, maxWidth fullWidth: Int, into output: inout String) {
        let bars = String(repeating: "|", count: section.indentLevel)
        func writeLine(_ line: String) { output += bars + line + bars + "\n" }
        let maxWidth = fullWidth - section.indentLevel * 2
        if !section.title.isEmpty {
            writeLine(Self.centered(section.title, length: maxWidth, leftEdge: "|", rightEdge: "|"))
            if section.headers.isEmpty && section.rows.isEmpty {
                writeLine("+" + String(repeating: "-", count: maxWidth - 2) + "+")
            }
        }
        if !section.headers.isEmpty {
            let widths = section.columnWidths(padding: 4, maxWidth: maxWidth)
            var line = ""
            for (position, (width, header)) in zip(widths, section.headers).enumerated() {
                line += Self.centered(header, length: width, leftEdge: position == 0 ? "|" : "", rightEdge: "|")
            }
            writeLine(Self.lineBreak(widths))
            writeLine(line)
        }
        guard !section.rows.isEmpty else { return }
        let widths = section.columnWidths(padding: 4, maxWidth: maxWidth)
        guard !widths.isEmpty else { return }
        writeLine(Self.lineBreak(widths))
        for row in section.rows {
            var line = ""
            for (position, (width, cell)) in zip(widths, row).enumerated() {
                line += Self.leftAligned(cell, length: width, leftEdge: position == 0 ? "|" : "", rightEdge: "|")
            }
            writeLine(line)
        }
        writeLine(Self.lineBreak(widths))
    }

    private static func lineBreak(_ widths: [Int]) -> String {
        widths.enumerated().map { position, width in
            position == 0
                ? "+" + String(repeating: "-", count: max(0, width - 2)) + "+"
                : String(repeating: "-", count: max(0, width - 1)) + "+"
        }.joined()
    }

    private static func centered(_ text: String, length: Int, leftEdge: String, rightEdge: String) -> String {
        let textLength = DisplayWidth.of(text)
        let start = floorDivide(length, 2) - floorDivide(textLength, 2) - 1
        let soFar = leftEdge.count + max(0, start) + textLength
        let rightSpaces = length - rightEdge.count - soFar
        return leftEdge + String(repeating: " ", count: max(0, start)) + text
            + String(repeating: " ", count: max(0, rightSpaces)) + rightEdge
    }

    private static func leftAligned(_ text: String, length: Int, leftEdge: String, rightEdge: String) -> String {
        let textLength = DisplayWidth.of(text)
        let padding = length - (textLength + 2 + leftEdge.count + rightEdge.count) >= 0 ? 2 : 0
        let trailing = length - (leftEdge.count + padding + textLength) - rightEdge.count
        return leftEdge + String(repeating: " ", count: padding) + text
            + String(repeating: " ", count: max(0, trailing)) + rightEdge
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
