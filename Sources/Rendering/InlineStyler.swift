import Lessons

/// Markdown inlines to styled spans.
enum InlineStyler {
    static func spans(_ inlines: [MarkdownInline], style: StyledSpan.Style = []) -> [StyledSpan] {
        var result: [StyledSpan] = []
        for inline in inlines {
            switch inline {
            case .text(let text):
                result.append(StyledSpan(text, style))
            case .code(let text):
                result.append(StyledSpan(text, style.union(.code)))
            case .emphasis(let children):
                result += spans(children, style: style.union(.italic))
            case .strong(let children):
                result += spans(children, style: style.union(.bold))
            case .strikethrough(let children):
                result += spans(children, style: style.union(.strike))
            case .link(let destination, let content):
                let label = spans(content, style: style.union(.link))
                result += label
                // Show where a link goes unless its text already says it.
                if content.plainText != destination && !destination.isEmpty && !destination.hasPrefix("#") {
                    result.append(StyledSpan(" (\(destination))", style.union(.dim)))
                }
            case .image(let source, let alt):
                result.append(StyledSpan("[image: \(alt.plainText)] (\(source))", style.union(.dim)))
            case .html(let text):
                result.append(StyledSpan(text, style.union(.dim)))
            case .softBreak:
                result.append(StyledSpan(" ", style))
            case .lineBreak:
                result.append(StyledSpan(LineWrapper.forcedBreak, style))
            }
        }
        return result
    }
}
