/// Whether a line has the shape of one of the shell's commands, for the tutor, which must tell a command from an
/// answer: "instance profile" is an answer, "instance exec latest -- curl …" is a command.
extension SandboxShell {
    /// Each command with the arguments it takes, as the words after its name.
    static let commandShapes: [String: @Sendable ([Substring]) -> Bool] = [
        "aws": { _ in true },
        // `export NAME=value …`, or `export NAME` for a shell variable already set ("export the role" stays prose).
        "export": { words in
            !words.isEmpty && words.allSatisfy { $0.contains("=") || assignment(String($0) + "=") != nil }
                && (words.count == 1 || words.contains { $0.contains("=") })
        },
        "unset": { words in !words.isEmpty && words.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } } },
        "env": { $0.isEmpty },
        "whoami": { $0.isEmpty },
        "explain": { $0.isEmpty },
        "ls": { $0.count <= 1 },
        "cat": { $0.count == 1 },
        "echo": { _ in true },
        "instance": { $0.first == "exec" },
        "clock": { $0.isEmpty || $0.first == "advance" },
        "github-token": { $0.first?.hasPrefix("--") == true },
        "eval": { $0.first?.hasPrefix("\"$(") == true || $0.first?.hasPrefix("$(") == true },
    ]

    public static func looksLikeCommand(_ line: String) -> Bool {
        // Words are parted by spaces or tabs, as the shell parts them (a tab-separated line was an answer).
        let words = line.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        if let first = words.first, assignment(String(first)) != nil { return true }
        guard let first = words.first, let shape = commandShapes[String(first)] else { return false }
        return shape(Array(words.dropFirst()))
    }

    /// Whether the shell runs this line: it starts with one of its commands, or with `NAME=…` (a variable, a
    /// command's output with `NAME=$(…)`, or variables for one command). The tutor and the exam ask before
    /// calling a line unknown.
    public static func runs(_ line: String) -> Bool {
        guard let first = line.split(maxSplits: 1, omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) else { return false }
        return commands.contains(first) || assignment(first) != nil
    }
}
