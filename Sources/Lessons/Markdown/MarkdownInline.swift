/// Inline markdown content as a value.
public indirect enum MarkdownInline: Hashable, Sendable {
    case text(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case code(String)
    case link(destination: String, content: [MarkdownInline])
    case image(source: String, alt: [MarkdownInline])
    case html(String)
    case softBreak
    case lineBreak
}

extension Array where Element == MarkdownInline {
    /// The text a reader sees, without any styling.
    public var plainText: String {
        var result = ""
        for inline in self {
            switch inline {
            case .text(let text), .code(let text), .html(let text): result += text
            case .emphasis(let children), .strong(let children), .strikethrough(let children): result += children.plainText
            case .link(_, let content): result += content.plainText
            case .image(_, let alt): result += alt.plainText
            case .softBreak: result += " "
            case .lineBreak: result += "\n"
            }
        }
        return result
    }
}
