/// The exam's own words, as data: dispatch, completion and "Did you mean" read this table.
public struct ExamWord: Sendable {
    public enum Name: String, CaseIterable, Sendable {
        case finish, skip, next, hint
    }

    public let name: Name
    public let aliases: [String]
    /// Offered only on a task step.
    public let onTasksOnly: Bool
    /// Offered by Tab (hints exist only to be refused).
    public let completes: Bool

    public static let all: [ExamWord] = [
        ExamWord(name: .finish, aliases: ["quit", "exit"], onTasksOnly: false, completes: true),
        ExamWord(name: .skip, aliases: [], onTasksOnly: false, completes: true),
        ExamWord(name: .next, aliases: [], onTasksOnly: true, completes: true),
        ExamWord(name: .hint, aliases: ["hints", "solution"], onTasksOnly: false, completes: false),
    ]

    public static func named(_ word: String, onTask: Bool) -> ExamWord? {
        all.first { ($0.name.rawValue == word || $0.aliases.contains(word)) && (onTask || !$0.onTasksOnly) }
    }

    /// The words Tab offers, or a typo is compared with.
    public static func words(onTask: Bool) -> [String] {
        all.filter { $0.completes && (onTask || !$0.onTasksOnly) }.map(\.name.rawValue)
    }
}
