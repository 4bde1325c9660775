import AWSModel
import Foundation

/// `--output yaml`, as aws CLI v2 writes it: ruamel.yaml's safe dumper in block style. Keys sorted, two spaces per
/// level, a list under a key at the key's own indent, empty collections as `[]` and `{}`, a string quoted only
/// when YAML would read it as something else (`'123456789012'`, `'2026-01-15T09:00:01+00:00'`, `'true'`), long
/// strings folded at spaces past column 80, and a lone scalar ended by `...`. Checked against ruamel.yaml's own
/// output for the same values (`YAMLRendererTests`).
enum YAMLRenderer {
    static let width = 80

    static func render(_ value: AWSValue) -> String {
        var writer = Writer()
        switch value {
        case .object(let members) where !members.isEmpty:
            writer.mapping(members, indent: 0, inline: false)
        case .list(let items) where !items.isEmpty:
            writer.sequence(items, indent: 0, inline: false)
        default:
            writer.scalar(value, continuation: 0)
            // A plain scalar alone is an open-ended document: ruamel ends it with `...`; a quoted one ends itself.
            switch value {
            case .string(let string) where YAMLScalarStyle.of(string) != .plain: break
            case .list, .object: break
            default: writer.text += "\n..."
            }
        }
        return writer.text + "\n"
    }

    struct Writer {
        var text = ""
        var column = 0

        mutating func write(_ piece: String) {
            text += piece
            if let newline = piece.lastIndex(of: "\n") {
                column = piece[piece.index(after: newline)...].count
            } else {
                column += piece.count
            }
        }

        mutating func newline(_ indent: Int) {
            write("\n" + String(repeating: " ", count: indent))
        }

        /// A mapping's pairs at `indent`; `inline`: the first one goes where the cursor is (after `- `).
        mutating func mapping(_ members: [AWSValue.Member], indent: Int, inline: Bool) {
            for (index, member) in Self.sorted(members).enumerated() {
                if index > 0 || !inline {
                    if !text.isEmpty { newline(indent) } else { write(String(repeating: " ", count: indent)) }
                }
                write(Self.scalarText(member.key, column: column, continuation: indent + 2) + ":")
                switch member.value {
                case .object(let inner) where !inner.isEmpty:
                    mapping(inner, indent: indent + 2, inline: false)
                case .list(let items) where !items.isEmpty:
                    // A list under a key starts at the key's own indent.
                    sequence(items, indent: indent, inline: false)
                default:
                    write(" ")
                    scalar(member.value, continuation: indent + 2)
                }
            }
        }

        mutating func sequence(_ items: [AWSValue], indent: Int, inline: Bool) {
            for (index, item) in items.enumerated() {
                if index > 0 || !inline {
                    if !text.isEmpty { newline(indent) } else { write(String(repeating: " ", count: indent)) }
                }
                write("- ")
                switch item {
                case .object(let members) where !members.isEmpty: mapping(members, indent: indent + 2, inline: true)
                case .list(let inner) where !inner.isEmpty: sequence(inner, indent: indent + 2, inline: true)
                default: scalar(item, continuation: indent + 2)
                }
            }
        }

        mutating func scalar(_ value: AWSValue, continuation: Int) {
            switch value {
            case .null: write("null")
            case .bool(let flag): write(flag ? "true" : "false")
            case .integer(let number): write(String(number))
            case .double(let number): write(PythonText.floatRepr(number))
            case .string(let string): write(Self.scalarText(string, column: column, continuation: continuation))
            case .object: write("{}")
            case .list: write("[]")
            }
        }

        /// Python's `sorted` on the keys: by code point.
        static func sorted(_ members: [AWSValue.Member]) -> [AWSValue.Member] {
            members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) { $0.value < $1.value } }
        }

        /// A string as ruamel writes it starting at `column`: plain, single-quoted or double-quoted, folded at a
        /// single space once the line has passed the width (continuing at `continuation` spaces).
        static func scalarText(_ string: String, column: Int, continuation: Int) -> String {
            switch YAMLScalarStyle.of(string) {
            case .plain: return folded(string, quote: nil, column: column, continuation: continuation)
            case .singleQuoted: return folded(string, quote: "'", column: column, continuation: continuation)
            case .doubleQuoted: return folded(doubleQuotedBody(string), quote: "\"", column: column, continuation: continuation)
            }
        }

        /// PyYAML's `write_plain` / `write_single_quoted`: words written as they come; a single space becomes a
        /// line break when the line is already past the width.
        static func folded(_ string: String, quote: Character?, column start: Int, continuation: Int) -> String {
            var out = quote.map(String.init) ?? ""
            var column = start + out.count
            let characters = Array(string)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == " " {
                    var run = index
                    while run < characters.count, characters[run] == " " { run += 1 }
                    let single = run - index == 1
                    let inside = index != 0 && run != characters.count
                    if single, column > width, quote == nil || inside {
                        out += "\n" + String(repeating: " ", count: continuation)
                        column = continuation
                    } else {
                        out += String(repeating: " ", count: run - index)
                        column += run - index
                    }
                    index = run
                    continue
                }
                if character == "'", quote == "'" {
                    out += "''"
                    column += 2
                } else {
                    out.append(character)
                    column += 1
                }
                index += 1
            }
            if let quote { out.append(quote) }
            return out
        }

        /// The inside of a double-quoted scalar: escapes for what YAML cannot show as it is.
        static func doubleQuotedBody(_ string: String) -> String {
            var out = ""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\0": out += "\\0"
                default:
                    if YAMLScalarStyle.isPrintable(scalar) {
                        out.unicodeScalars.append(scalar)
                    } else if scalar.value <= 0xFF {
                        out += "\\x" + String(format: "%02X", scalar.value)
                    } else {
                        out += "\\u" + String(format: "%04X", scalar.value)
                    }
                }
            }
            return out
        }
    }
}

/// Which of YAML's styles a string needs (PyYAML's `analyze_scalar` and ruamel's YAML 1.2 resolvers).
enum YAMLScalarStyle {
    case plain, singleQuoted, doubleQuoted

    static func of(_ string: String) -> YAMLScalarStyle {
        let scalars = Array(string.unicodeScalars)
        if scalars.contains(where: { !isPrintable($0) || $0 == "\n" || $0 == "\t" || $0 == "\r" }) { return .doubleQuoted }
        guard plainIsAmbiguous(string, scalars) else { return .plain }
        // Quoted: in single quotes, unless the text has one (ruamel then prefers double quotes to doubling it).
        return string.contains("'") ? .doubleQuoted : .singleQuoted
    }

    static func plainIsAmbiguous(_ string: String, _ scalars: [Unicode.Scalar]) -> Bool {
        guard let first = scalars.first, let last = scalars.last else { return true }
        if first == " " || last == " " { return true }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if "-?:".unicodeScalars.contains(first), scalars.count == 1 || scalars[1] == " " { return true }
        if last == ":" || string.contains(": ") || string.contains(" #") { return true }
        return resolvesToAnotherType(string)
    }

    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0x7E).contains(value) || value == 0x85
            || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) && value != 0xFEFF || (0x10000...0x10FFFF).contains(value)
    }

    /// ruamel.yaml's implicit resolvers for YAML 1.2 (bool, float, int, merge, null, timestamp, value): a plain
    /// scalar that one of them matches would not be read back as a string.
    static let resolvers: [NSRegularExpression] = [
        #"^(?:true|True|TRUE|false|False|FALSE)$"#,
        #"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#,
        #"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$"#,
        #"^(?:<<)$"#,
        #"^(?:~|null|Null|NULL)$"#,
        #"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"#,
        #"^(?:=)$"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    static func resolvesToAnotherType(_ string: String) -> Bool {
        let range = NSRange(string.startIndex..., in: string)
        return resolvers.contains { $0.firstMatch(in: string, range: range) != nil }
    }
}
