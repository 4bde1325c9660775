import Foundation

/// A learner's marks in a class exam, as the class server computed them from what it received (sent to the
/// learner's `rolecall exam` at the end, so it lives beside the paper).
public struct ExamResult: Codable, Equatable, Sendable {
    public struct Item: Codable, Equatable, Sendable {
        public var id: String
        public var lesson: String
        public var isTask: Bool
        /// An answer was given, or a command typed for the task.
        public var handedIn: Bool
        public var right: Bool
        public var points: Int
        public var maximum: Int

        public init(id: String, lesson: String, isTask: Bool, handedIn: Bool, right: Bool, points: Int, maximum: Int) {
            self.id = id
            self.lesson = lesson
            self.isTask = isTask
            self.handedIn = handedIn
            self.right = right
            self.points = points
            self.maximum = maximum
        }
    }

    public var exam: String
    public var items: [Item]
    /// Exam events the server received after the time ran out (not counted).
    public var late: Int

    public init(exam: String, items: [Item], late: Int) {
        self.exam = exam
        self.items = items
        self.late = late
    }

    public var score: Int { items.reduce(0) { $0 + $1.points } }
    public var maximum: Int { items.reduce(0) { $0 + $1.maximum } }
    /// The items handed in: answered questions, tasks with commands.
    public var answered: [String] { items.filter(\.handedIn).map(\.id) }

    /// The marks as the learner reads them at the end of the exam, numbered as the paper was.
    public func sheet(numbering paper: ExamPaper) -> String {
        var lines = ["Marked by the class server:"]
        let positions = Dictionary(uniqueKeysWithValues: paper.items.enumerated().map { ($1.id, $0 + 1) })
        for item in items {
            let mark = !item.handedIn ? "–" : item.right ? "✓" : "✗"
            let detail = item.isTask ? (item.handedIn ? (item.right ? "task done" : "task not done") : "task not attempted")
                : (item.handedIn ? (item.right ? "right" : "wrong") : "not answered")
            lines.append(String(format: "  %@ %2d. %@  (%@, %d/%d)", mark, positions[item.id] ?? 0, item.id, detail, item.points, item.maximum))
        }
        if late > 0 { lines.append("\(late) of your records for this exam (answers, commands, its end) reached the server after your time was up and do not count.") }
        lines.append("Total: \(score)/\(maximum) points")
        return lines.joined(separator: "\n") + "\n"
    }
}
