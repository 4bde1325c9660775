/// One titled block of `--output table`: optional column headers, rows of cells, and how deeply it is nested.
/// A port of awscli/table.py's Section, including its width arithmetic.
struct TableSection {
    struct RowLengthMismatch: Error {
        let expected: Int
        let actual: Int
        var message: String { "Row should have \(expected) elements, instead it has \(actual)" }
    }

    var title = ""
    var headers: [String] = []
    var rows: [[String]] = []
    var indentLevel = 0
    private var columnCount: Int?
    private var maxWidths: [Int] = []

    mutating func addHeader(_ headers: [String]) {
        updateMaxWidths(headers)
        if columnCount == nil { columnCount = headers.count }
        self.headers = headers
    }

    mutating func addRow(_ row: [String]) throws(RowLengthMismatch) {
        if columnCount == nil { columnCount = row.count }
        guard row.count == columnCount else { throw RowLengthMismatch(expected: columnCount!, actual: row.count) }
        rows.append(row)
        updateMaxWidths(row)
    }

    private mutating func updateMaxWidths(_ row: [String]) {
        if maxWidths.isEmpty {
            maxWidths = row.map(DisplayWidth.of)
        } else {
            for (position, cell) in row.enumerated() where position < maxWidths.count {
                maxWidths[position] = Swift.max(DisplayWidth.of(cell), maxWidths[position])
            }
        }
    }

    /// Column widths scaled to fill `maxWidth` exactly, rounding like Python's `round` (half to even).
    func columnWidths(padding: Int, maxWidth: Int?) -> [Int] {
        let unscaled = maxWidths.map { $0 + padding }
        guard let maxWidth, !unscaled.isEmpty else { return unscaled }
        let scale = Double(maxWidth) / Double(unscaled.reduce(0, +))
        var scaled = unscaled.map { Int((scale * Double($0)).rounded(.toNearestOrEven)) }
        var offBy = scaled.reduce(0, +) - maxWidth
        while offBy != 0 {
            let order: [Int] = offBy < 0 ? Array(scaled.indices.reversed()) : Array(scaled.indices)
            for position in order {
                if offBy > 0 {
                    scaled[position] -= 1
                    offBy -= 1
                } else {
                    scaled[position] += 1
                    offBy += 1
                }
                if offBy == 0 { break }
            }
        }
        return scaled
    }

    func totalWidth(padding: Int, outerPadding: Int) -> Int {
        let borderPadding = 2
        let columns = columnWidths(padding: 0, maxWidth: nil).reduce(0) { $0 + $1 + padding }
        let total = columns + borderPadding + 2 * outerPadding
        return Swift.max(DisplayWidth.of(title) + borderPadding + 2 * outerPadding, total)
    }
}
