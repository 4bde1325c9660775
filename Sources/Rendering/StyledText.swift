/// Text with styles attached, before it is laid out in lines. Styles become ANSI codes only when a line is written,
/// so wrapping, indentation and borders never carry a colour they should not.
struct StyledSpan: Equatable {
    struct Style: OptionSet, Hashable {
        let rawValue: UInt8
        static let bold = Style(rawValue: 1 << 0)
        static let italic = Style(rawValue: 1 << 1)
        static let code = Style(rawValue: 1 << 2)
        static let link = Style(rawValue: 1 << 3)
        static let strike = Style(rawValue: 1 << 4)
        static let dim = Style(rawValue: 1 << 5)
        static let heading = Style(rawValue: 1 << 6)
        static let accent = Style(rawValue: 1 << 7)

        var ansiCodes: [Int] {
            var codes: [Int] = []
            if contains(.bold) || contains(.heading) { codes.append(1) }
            if contains(.dim) { codes.append(2) }
            if contains(.italic) { codes.append(3) }
            if contains(.link) { codes += [4, 34] }
            if contains(.strike) { codes.append(9) }
            if contains(.code) { codes.append(36) }
            if contains(.heading) { codes.append(35) }
            if contains(.accent) { codes.append(33) }
            return codes
        }
    }

    var text: String
    var style: Style

    init(_ text: String, _ style: Style = []) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == StyledSpan {
    func write(in terminalStyle: TerminalStyle) -> String {
        var output = ""
        for span in self {
            let codes = span.style.ansiCodes
            if terminalStyle == .ansi && !codes.isEmpty {
                output += "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" + span.text + "\u{1B}[0m"
            } else {
                output += span.text
            }
        }
        return output
    }

    var displayWidth: Int { reduce(0) { $0 + TextWidth.of($1.text) } }
}
