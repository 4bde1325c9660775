import Lessons

/// Draws markdown and course elements as terminal text at a given width, with or without ANSI styles.
public struct TerminalRenderer: Sendable {
    public var style: TerminalStyle
    public var width: Int

    /// Prose gets hard to read past this many columns, however wide the terminal.
    public static let maximumWidth = 100

    public init(style: TerminalStyle, width: Int) {
        self.style = style
        self.width = max(20, min(width, Self.maximumWidth))
    }

    // MARK: Markdown

    public func render(_ blocks: [MarkdownBlock]) -> String {
        write(lines(for: blocks, width: width))
    }

    public func render(markdown: String) -> String {
        render(MarkdownParser.parse(markdown))
    }

    func write(_ lines: [[StyledSpan]]) -> String {
        lines.map { line in
            var text = line.write(in: style)
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// Blocks separated by one blank line.
    func lines(for blocks: [MarkdownBlock], width: Int) -> [[StyledSpan]] {
        var output: [[StyledSpan]] = []
        for block in blocks {
            let blockLines = lines(for: block, width: width)
            guard !blockLines.isEmpty else { continue }
            if !output.isEmpty { output.append([]) }
            output += blockLines
        }
        return output
    }

    func lines(for block: MarkdownBlock, width: Int) -> [[StyledSpan]] {
        switch block {
        case .heading(let level, let content):
            let headingStyle: StyledSpan.Style = level <= 2 ? .heading : .bold
            var result = LineWrapper.wrap(InlineStyler.spans(content, style: headingStyle), width: width)
            if level == 1 {
                let underline = min(width, result.map(\.displayWidth).max() ?? 0)
                result.append([StyledSpan(String(repeating: "═", count: underline), .heading)])
            }
            return result
        case .paragraph(let content):
            return LineWrapper.wrap(InlineStyler.spans(content), width: width)
        case .list(let list):
            return listLines(list, width: width)
        case .blockQuote(let children):
            return lines(for: children, width: width - 2).map { [StyledSpan("│ ", .dim)] + $0 }
        case .code(_, let text):
            var body = text
            if body.hasSuffix("\n") { body.removeLast() }
            let inner = width - 4
            return body.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [[StyledSpan]] in
                let expanded = line.replacingTabs()
                let pieces = TextWidth.of(expanded) <= inner ? [[StyledSpan(expanded, .code)]] : CodeWrapper.wrap(expanded, width: inner)
                return pieces.map { [StyledSpan("    ")] + $0 }
            }
        case .table(let table):
            return TableLayout(table: table, width: width).lines()
        case .thematicBreak:
            return [[StyledSpan(String(repeating: "─", count: width), .dim)]]
        case .html(let text):
            return LineWrapper.wrap([StyledSpan(text, .dim)], width: width)
        }
    }

    private func listLines(_ list: MarkdownList, width: Int) -> [[StyledSpan]] {
        var output: [[StyledSpan]] = []
        let lastNumber = list.start + list.items.count - 1
        let markerWidth = list.isOrdered ? "\(lastNumber). ".count : 2
        for (index, item) in list.items.enumerated() {
            let marker = list.isOrdered ? "\(list.start + index)." : "•"
            let paddedMarker = marker + String(repeating: " ", count: markerWidth - marker.count)
            var itemLines = lines(for: item, width: width - markerWidth)
            if list.isTight { itemLines.removeAll { $0.isEmpty } }
            if !list.isTight && index > 0 { output.append([]) }
            for (lineIndex, line) in itemLines.enumerated() {
                let prefix = lineIndex == 0 ? StyledSpan(paddedMarker, .accent) : StyledSpan(String(repeating: " ", count: markerWidth))
                output.append(line.isEmpty ? [] : [prefix] + line)
            }
        }
        return output
    }
}

extension Substring {
    func replacingTabs() -> String {
        var result = ""
        for character in self {
            if character == "\t" {
                result += String(repeating: " ", count: 4 - result.count % 4)
            } else {
                result.append(character)
            }
        }
        return result
    }
}
