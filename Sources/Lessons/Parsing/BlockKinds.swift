/// The fenced-block info strings that make a block interactive, and the languages a plain code block may name.
public enum BlockKinds {
    public static let questionKinds: [String] = Question.Kind.allCases.map(\.rawValue)
    public static let task = "task"
    public static var interactive: [String] { questionKinds + [task] }

    /// Languages accepted on shown code blocks. Anything else is taken for a misspelt interactive kind, which
    /// would otherwise be silently shown to the learner as code.
    public static let codeLanguages: Set<String> = [
        "", "json", "yaml", "yml", "bash", "sh", "shell", "console", "text", "txt", "plaintext", "python", "py",
        "javascript", "js", "typescript", "ts", "ini", "toml", "diff", "sql", "swift", "markdown", "md", "go",
        "java", "hcl", "terraform", "xml", "html", "csv", "http",
    ]
}
