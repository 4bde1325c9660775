import Lessons

/// Lays a table out within a width: columns keep their natural width when they fit, otherwise the widest columns
/// give up space first and their cells wrap, so the table never runs past the edge of the terminal.
struct TableLayout {
    let table: MarkdownTable
    let width: Int

    /// Columns narrower than this only when the terminal leaves no choice.
    static let preferredMinimumColumn = 8
    /// When words must be cut and cells would be narrower than this, a grid is unreadable, and rows are stacked
    /// as "Header: value" lines instead.
    static let narrowestGridColumn = 10

    func lines() -> [[StyledSpan]] {
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        let header = padded(table.header.map { InlineStyler.spans($0, style: .bold) }, to: columnCount)
        let rows = table.rows.map { padded($0.map { InlineStyler.spans($0) }, to: columnCount) }
        guard let widths = columnWidths(header: header, rows: rows, columnCount: columnCount) else {
            return stackedLines(header: header, rows: rows)
        }

        let wrappedHeader = wrapRow(header, widths: widths)
        let wrappedRows = rows.map { wrapRow($0, widths: widths) }
        let anyRowWraps = wrappedRows.contains { $0.count > 1 }

        var output: [[StyledSpan]] = [border("┌", "┬", "┐", widths)]
        output += render(wrappedHeader, widths: widths)
        output.append(border("├", "┼", "┤", widths))
        for (index, row) in wrappedRows.enumerated() {
            if index > 0 && anyRowWraps { output.append(border("├", "┼", "┤", widths)) }
            output += render(row, widths: widths)
        }
        output.append(border("└", "┴", "┘", widths))
        return output
    }

    private func padded(_ cells: [[StyledSpan]], to count: Int) -> [[StyledSpan]] {
        cells + Array(repeating: [], count: max(0, count - cells.count))
    }

    /// Each row as lines of "Header: value", for terminals too narrow for a grid.
    private func stackedLines(header: [[StyledSpan]], rows: [[[StyledSpan]]]) -> [[StyledSpan]] {
        var output: [[StyledSpan]] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { output.append([StyledSpan(String(repeating: "─", count: width), .dim)]) }
            for (column, cell) in row.enumerated() {
                let label = column < header.count && !header[column].isEmpty ? header[column] + [StyledSpan(": ", .bold)] : []
                output += LineWrapper.wrap(label + cell, width: width)
            }
        }
        return output
    }

    /// The width of each column, or nil when the table is better stacked than drawn as a grid.
    func columnWidths(header: [[StyledSpan]], rows: [[[StyledSpan]]], columnCount: Int) -> [Int]? {
        let allRows = [header] + rows
        var natural = (0..<columnCount).map { column in max(1, allRows.map { $0[column].displayWidth }.max() ?? 1) }
        // Borders and padding: "│ " before each column and " │" after the last.
        let available = max(columnCount, width - (3 * columnCount + 1))
        if natural.reduce(0, +) <= available { return natural }

        // When every column can hold its longest word, no word is cut: the space left over goes to the columns
        // in proportion to how much more they would need to fit on one line.
        let longestWord = (0..<columnCount).map { column in
            allRows.flatMap { LineWrapper.words(of: $0[column]) }.map { token -> Int in
                if case .word(let word) = token { return word.displayWidth }
                return 0
            }.max() ?? 1
        }
        if longestWord.reduce(0, +) <= available {
            var widths = longestWord
            let spare = available - widths.reduce(0, +)
            let wanted = zip(natural, longestWord).map { $0 - $1 }
            let totalWanted = wanted.reduce(0, +)
            if totalWanted > 0 {
                for column in widths.indices { widths[column] += spare * wanted[column] / totalWanted }
            }
            return widths
        }
        if available / columnCount < Self.narrowestGridColumn { return nil }
        let floor = min(Self.preferredMinimumColumn, max(1, available / columnCount))
        while natural.reduce(0, +) > available {
            guard let widest = natural.indices.max(by: { natural[$0] < natural[$1] }), natural[widest] > floor else { break }
            natural[widest] -= 1
        }
        // Last resort for very narrow terminals: shrink every column evenly.
        while natural.reduce(0, +) > available, let widest = natural.indices.max(by: { natural[$0] < natural[$1] }), natural[widest] > 1 {
            natural[widest] -= 1
        }
        return natural
    }

    private func wrapRow(_ cells: [[StyledSpan]], widths: [Int]) -> [[[StyledSpan]]] {
        let wrapped = zip(cells, widths).map { LineWrapper.wrap($0, width: $1) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in
            wrapped.map { lineIndex < $0.count ? $0[lineIndex] : [] }
        }
    }

    private func render(_ lines: [[[StyledSpan]]], widths: [Int]) -> [[StyledSpan]] {
        lines.map { cells in
            var line: [StyledSpan] = [StyledSpan("│", .dim)]
            for (column, cell) in cells.enumerated() {
                let free = widths[column] - cell.displayWidth
                let alignment = column < table.alignments.count ? table.alignments[column] : .none
                let (left, right): (Int, Int)
                switch alignment {
                case .right: (left, right) = (free, 0)
                case .center: (left, right) = (free / 2, free - free / 2)
                case .left, .none: (left, right) = (0, free)
                }
                line.append(StyledSpan(" " + String(repeating: " ", count: max(0, left))))
                line += cell
                line.append(StyledSpan(String(repeating: " ", count: max(0, right)) + " "))
                line.append(StyledSpan("│", .dim))
            }
            return line
        }
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> [StyledSpan] {
        [StyledSpan(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right, .dim)]
    }
}
