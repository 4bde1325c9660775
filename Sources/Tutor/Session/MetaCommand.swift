/// The tutor's own commands, as data: the dispatcher, `help`, the footer and tab completion all read this table.
/// No command has a one-letter name: single letters are answers to choice questions.
public struct MetaCommand: Sendable {
    public enum Name: String, CaseIterable, Sendable {
        case help, lessons, open, next, back, hint, answer, skip, check, explain, whoami, progress, reset, clock, endpoint, clear, quit
    }

    public let name: Name
    public let aliases: [String]
    public let usage: String
    public let summary: String

    public static let all: [MetaCommand] = [
        MetaCommand(name: .help, aliases: ["?"], usage: "help", summary: "list the commands"),
        MetaCommand(name: .lessons, aliases: [], usage: "lessons", summary: "the course outline, with what you have done"),
        MetaCommand(name: .open, aliases: ["goto"], usage: "open LESSON", summary: "go to a lesson (by id or number)"),
        MetaCommand(name: .next, aliases: [], usage: "next", summary: "go to the next step (Enter on an empty line does too, once the step is read, answered or done)"),
        MetaCommand(name: .back, aliases: ["prev"], usage: "back", summary: "go back one step"),
        MetaCommand(name: .hint, aliases: [], usage: "hint", summary: "one more hint for the question or task"),
        MetaCommand(name: .answer, aliases: [], usage: "answer TEXT", summary: "answer the question (typing the answer alone works too)"),
        MetaCommand(name: .skip, aliases: [], usage: "skip", summary: "give up on this question or task: shows the answer (counted as skipped)"),
        MetaCommand(name: .check, aliases: ["status"], usage: "check", summary: "which of the task's checks pass so far"),
        MetaCommand(name: .explain, aliases: [], usage: "explain", summary: "why the last command was denied, policy by policy"),
        MetaCommand(name: .whoami, aliases: [], usage: "whoami", summary: "which identity your aws commands use now"),
        MetaCommand(name: .progress, aliases: [], usage: "progress", summary: "your score and what is done, per lesson"),
        MetaCommand(name: .reset, aliases: [], usage: "reset lesson|sandbox", summary: "start the lesson, or just its sandbox, over (asks first)"),
        MetaCommand(name: .clock, aliases: [], usage: "clock [advance 2h]", summary: "show or move the sandbox's clock"),
        MetaCommand(name: .endpoint, aliases: [], usage: "endpoint [on [PORT]|off]", summary: "serve this lesson's sandbox to your own aws CLI and SDKs in another terminal"),
        MetaCommand(name: .clear, aliases: [], usage: "clear", summary: "clear the screen"),
        MetaCommand(name: .quit, aliases: ["exit"], usage: "quit", summary: "save and leave (Ctrl-D too)"),
    ]

    /// Whether the command takes words after its name; on an open question, "next steps" is an answer but
    /// "open 3" is a command.
    public var takesArgument: Bool { usage.contains(" ") }

    public static func named(_ word: String) -> MetaCommand? {
        all.first { $0.name.rawValue == word || $0.aliases.contains(word) }
    }

    public static var words: [String] { all.map(\.name.rawValue) }
}
