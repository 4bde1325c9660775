/// The folder a learner's files live in under a data folder's `learners/`: one rule for the tutor that writes it
/// and the grader that reads it, so a learner called "Jean Dupont" is at home in `Jean_Dupont`.
public enum LearnerFolder {
    /// Letters, digits, `-`, `_` and `.`, the rest `_`, and never starting with `.`, so no name (`..`, `.`, a
    /// hidden folder), however it arrives (`--learner`, `$USER`), reaches outside its own.
    public static func name(of learner: String) -> String {
        let name = legacyName(of: learner)
        let leadingDots = name.prefix { $0 == "." }.count
        return name.isEmpty ? "learner" : String(repeating: "_", count: leadingDots) + name.dropFirst(leadingDots)
    }

    /// The name before folder names stopped starting with a dot: a learner called `.ana` may still have `.ana`.
    public static func legacyName(of learner: String) -> String {
        String(learner.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }

    /// The folder a learner whose name starts with a dot had before that change (`.ana`), when it differs from
    /// today's and stayed inside the learners' folder (`.` and `..` did not, and are never used again).
    public static func legacyFolder(of learner: String) -> String? {
        let legacy = legacyName(of: learner)
        return legacy.hasPrefix(".") && !legacy.allSatisfy({ $0 == "." }) ? legacy : nil
    }

    /// Whether `folder` is where the tutor keeps `learner`'s files, now or before that change.
    public static func holds(_ folder: String, learner: String) -> Bool {
        folder == name(of: learner) || folder == legacyFolder(of: learner)
    }
}
