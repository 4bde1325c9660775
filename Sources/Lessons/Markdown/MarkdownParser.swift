import CCmarkGFM

/// A top-level markdown block and where it starts in the source.
public struct LocatedBlock: Sendable {
    public var block: MarkdownBlock
    public var line: Int
    public var column: Int
    /// For fenced code: the line of the first line inside the fence.
    public var contentLine: Int
}

/// Parses CommonMark with GitHub tables and strikethrough through libcmark-gfm, and converts its node tree into
/// `MarkdownBlock` values. The only place in the package that touches cmark.
public enum MarkdownParser {
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses a document and returns its top-level blocks with their source positions.
    /// `lineOffset` is added to every line, for text cut out of a larger file.
    public static func parseTopLevel(_ text: String, lineOffset: Int = 0) -> [LocatedBlock] {
        guard let document = parseDocument(text) else { return [] }
        defer { cmark_node_free(document) }
        var result: [LocatedBlock] = []
        var child = cmark_node_first_child(document)
        var previousLine = 1 + lineOffset
        while let node = child {
            if let block = convertBlock(node) {
                // cmark reports 0 for a position it does not know (seen with invalid UTF-8 in a block, found by
                // fuzzing); such a block is placed where the one before it was, never before line 1.
                let reported = Int(cmark_node_get_start_line(node))
                let line = reported > 0 ? reported + lineOffset : previousLine
                previousLine = line
                result.append(LocatedBlock(
                    block: block,
                    line: line,
                    column: max(1, Int(cmark_node_get_start_column(node))),
                    contentLine: line + 1
                ))
            }
            child = cmark_node_next(node)
        }
        return result
    }

    /// Parses markdown into blocks, for prompts and explanations held in YAML.
    public static func parse(_ text: String) -> [MarkdownBlock] {
        parseTopLevel(text).map(\.block)
    }

    private static func parseDocument(_ text: String) -> OpaquePointer? {
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        return cmark_parser_finish(parser)
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        guard let name = cmark_node_get_type_string(node) else { return "" }
        return String(cString: name)
    }

    private static func literal(_ node: OpaquePointer) -> String {
        guard let value = cmark_node_get_literal(node) else { return "" }
        return String(cString: value)
    }

    private static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func convertBlock(_ node: OpaquePointer) -> MarkdownBlock? {
        switch typeName(node) {
        case "heading":
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: convertInlines(of: node))
        case "paragraph":
            return .paragraph(convertInlines(of: node))
        case "list":
            let isOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(node).map { item in children(item).compactMap(convertBlock) }
            return .list(MarkdownList(
                isOrdered: isOrdered,
                start: Int(cmark_node_get_list_start(node)),
                isTight: cmark_node_get_list_tight(node) != 0,
                items: items
            ))
        case "block_quote":
            return .blockQuote(children(node).compactMap(convertBlock))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .code(language: info.trimmingSpaces(), text: literal(node))
        case "html_block":
            return .html(literal(node))
        case "thematic_break":
            return .thematicBreak
        case "table":
            return .table(convertTable(node))
        default:
            return nil
        }
    }

    private static func convertTable(_ node: OpaquePointer) -> MarkdownTable {
        let columnCount = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [MarkdownTable.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columnCount {
                switch UInt8(raw[index]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in children(node) {
            let cells = children(row).map { convertInlines(of: $0) }
            if typeName(row) == "table_header" {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return MarkdownTable(alignments: alignments, header: header, rows: rows)
    }

    private static func convertInlines(of node: OpaquePointer) -> [MarkdownInline] {
        children(node).compactMap(convertInline)
    }

    private static func convertInline(_ node: OpaquePointer) -> MarkdownInline? {
        switch typeName(node) {
        case "text": return .text(literal(node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "code": return .code(literal(node))
        case "html_inline": return .html(literal(node))
        case "emph": return .emphasis(convertInlines(of: node))
        case "strong": return .strong(convertInlines(of: node))
        case "strikethrough": return .strikethrough(convertInlines(of: node))
        case "link":
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return .link(destination: url, content: convertInlines(of: node))
        case "image":
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return .image(source: url, alt: convertInlines(of: node))
        default:
            return nil
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
