/// Walks a markdown tree, in the manner of swift-markdown's visitor: a conformer implements the cases it
/// cares about and the defaults walk into children.
public protocol MarkdownVisitor {
    mutating func visit(_ block: MarkdownBlock)
    mutating func visit(_ inline: MarkdownInline)
}

extension MarkdownVisitor {
    public mutating func visit(_ block: MarkdownBlock) { descend(into: block) }
    public mutating func visit(_ inline: MarkdownInline) { descend(into: inline) }

    public mutating func visit(_ blocks: [MarkdownBlock]) {
        for block in blocks { visit(block) }
    }

    public mutating func descend(into block: MarkdownBlock) {
        switch block {
        case .heading(_, let content), .paragraph(let content):
            for inline in content { visit(inline) }
        case .list(let list):
            for item in list.items { visit(item) }
        case .blockQuote(let children):
            visit(children)
        case .table(let table):
            for cell in table.header { for inline in cell { visit(inline) } }
            for row in table.rows { for cell in row { for inline in cell { visit(inline) } } }
        case .code, .thematicBreak, .html:
            break
        }
    }

    public mutating func descend(into inline: MarkdownInline) {
        switch inline {
        case .emphasis(let children), .strong(let children), .strikethrough(let children),
             .link(_, let children), .image(_, let children):
            for child in children { visit(child) }
        case .text, .code, .html, .softBreak, .lineBreak:
            break
        }
    }
}
