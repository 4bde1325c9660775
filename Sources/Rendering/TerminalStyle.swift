#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output carries ANSI colour and styles. Decided once at the edge, then passed down as a value.
public enum TerminalStyle: Sendable, Equatable {
    case plain
    case ansi

    /// Styles when standard output is a terminal and `NO_COLOR` is unset or empty (https://no-color.org).
    public static func forStandardOutput(environment: [String: String]? = nil) -> TerminalStyle {
        let noColor: String?
        if let environment { noColor = environment["NO_COLOR"] } else { noColor = getenv("NO_COLOR").map { String(cString: $0) } }
        if let noColor, !noColor.isEmpty { return .plain }
        return isatty(STDOUT_FILENO) == 1 ? .ansi : .plain
    }
}

/// The width to lay text out in.
public enum TerminalSize {
    /// The terminal's columns when standard output is one, else `$COLUMNS`, else 80.
    public static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let value = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), value > 0 { return value }
        return 80
    }
}
