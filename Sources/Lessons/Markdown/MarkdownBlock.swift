/// A block of markdown as a value: what the renderer draws and what a step is made of.
/// Mirrors the CommonMark block structure plus GitHub tables.
public indirect enum MarkdownBlock: Hashable, Sendable {
    case heading(level: Int, content: [MarkdownInline])
    case paragraph([MarkdownInline])
    case list(MarkdownList)
    case blockQuote([MarkdownBlock])
    case code(language: String, text: String)
    case table(MarkdownTable)
    case thematicBreak
    case html(String)
}

public struct MarkdownList: Hashable, Sendable {
    public var isOrdered: Bool
    public var start: Int
    public var isTight: Bool
    public var items: [[MarkdownBlock]]

    public init(isOrdered: Bool, start: Int, isTight: Bool, items: [[MarkdownBlock]]) {
        self.isOrdered = isOrdered
        self.start = start
        self.isTight = isTight
        self.items = items
    }
}

public struct MarkdownTable: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case none, left, center, right }

    public var alignments: [Alignment]
    public var header: [[MarkdownInline]]
    public var rows: [[[MarkdownInline]]]

    public init(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
