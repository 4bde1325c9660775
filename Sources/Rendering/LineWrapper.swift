/// Greedy word wrapping of styled text to a column width. A word longer than the width (a long ARN, say) is cut
/// into width-sized pieces rather than allowed to overflow.
enum LineWrapper {
    /// A line break the author asked for (a markdown hard break) is kept.
    static let forcedBreak = "\n"

    static func wrap(_ spans: [StyledSpan], width: Int) -> [[StyledSpan]] {
        let width = max(width, 1)
        var lines: [[StyledSpan]] = []
        var line: [StyledSpan] = []
        var lineWidth = 0

        func flush() {
            lines.append(line)
            line = []
            lineWidth = 0
        }

        for token in words(of: spans) {
            switch token {
            case .lineBreak:
                flush()
            case .word(let word):
                let wordWidth = word.displayWidth
                let needed = lineWidth == 0 ? wordWidth : lineWidth + 1 + wordWidth
                if needed <= width {
                    if lineWidth > 0 { line.append(StyledSpan(" ")) ; lineWidth += 1 }
                    line += word
                    lineWidth += wordWidth
                    continue
                }
                if lineWidth > 0 { flush() }
                if wordWidth <= width {
                    line = word
                    lineWidth = wordWidth
                } else {
                    for piece in cut(word, width: width) {
                        if lineWidth > 0 { flush() }
                        line = piece
                        lineWidth = piece.displayWidth
                    }
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    enum Token {
        case word([StyledSpan])
        case lineBreak
    }

    /// Splits styled text at blanks into words, each keeping the styles of its parts.
    static func words(of spans: [StyledSpan]) -> [Token] {
        var tokens: [Token] = []
        var word: [StyledSpan] = []

        func endWord() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = []
        }

        for span in spans {
            var piece = ""
            for character in span.text {
                if character == "\n" {
                    if !piece.isEmpty { word.append(StyledSpan(piece, span.style)); piece = "" }
                    endWord()
                    tokens.append(.lineBreak)
                } else if character == " " || character == "\t" {
                    if !piece.isEmpty { word.append(StyledSpan(piece, span.style)); piece = "" }
                    endWord()
                } else {
                    piece.append(character)
                }
            }
            if !piece.isEmpty { word.append(StyledSpan(piece, span.style)) }
        }
        endWord()
        return tokens
    }

    /// Cuts one over-long word into pieces no wider than `width`.
    static func cut(_ word: [StyledSpan], width: Int) -> [[StyledSpan]] {
        var pieces: [[StyledSpan]] = []
        var piece: [StyledSpan] = []
        var pieceWidth = 0
        for span in word {
            var text = ""
            for character in span.text {
                let characterWidth = TextWidth.of(character)
                if pieceWidth + characterWidth > width, pieceWidth > 0 {
                    if !text.isEmpty { piece.append(StyledSpan(text, span.style)); text = "" }
                    pieces.append(piece)
                    piece = []
                    pieceWidth = 0
                }
                text.append(character)
                pieceWidth += characterWidth
            }
            if !text.isEmpty { piece.append(StyledSpan(text, span.style)) }
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
