import Assessment
import Foundation

/// Gradebooks in the forms instructors need: a table for the terminal, CSV for spreadsheets and LMS imports
/// (one row per learner, a column per lesson, a total), and JSON with every detail.
public enum ReportFormatter {
    public static func csv(_ reports: [LearnerReport], lessons: [String]) -> String {
        var lines = [(["learner"] + lessons + ["total", "maximum", "attempts", "wrong attempts", "integrity"]).map { csvField($0) }.joined(separator: ",")]
        for report in reports {
            let scores = lessons.map { id in String(report.lessons.first { $0.lesson == id }?.score ?? 0) }
            let attempts = report.lessons.reduce(0) { $0 + $1.attempts }, wrong = report.lessons.reduce(0) { $0 + $1.wrongAttempts }
            let fields = [report.learner] + scores + [String(report.score), String(report.maximum), String(attempts), String(wrong), integrity(report)]
            lines.append(fields.map { csvField($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quote fields holding commas, quotes or line breaks, doubling the quotes. With `guardingFormulas`
    /// (every file RoleCall writes is one a spreadsheet or an LMS may open), a field a spreadsheet would run as a
    /// formula starts with `'`.
    public static func csvField(_ text: String, guardingFormulas: Bool = true) -> String {
        var text = text
        if guardingFormulas, let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Problems with the chain, and tasks the session claimed that the replay did not see done: either sends the
    /// instructor to the transcript.
    static func integrity(_ report: LearnerReport) -> String {
        var notes: [String] = []
        if !report.problems.isEmpty { notes.append("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")") }
        let counted = report.sessionClaims.filter(\.counted).count, unverified = report.sessionClaims.count - counted
        if unverified > 0 { notes.append("\(unverified) task\(unverified == 1 ? "" : "s") claimed but not replayed") }
        if counted > 0 { notes.append("\(counted) task\(counted == 1 ? "" : "s") counted from the session") }
        return notes.isEmpty ? "ok" : notes.joined(separator: "; ")
    }

    public static func table(_ reports: [LearnerReport]) -> String {
        var output = ""
        for report in reports {
            output += "\(report.learner): \(report.score)/\(report.maximum) points"
            if !report.courseVersions.isEmpty { output += " (course \(report.courseVersions.joined(separator: ", ")))" }
            output += "\n"
            let header = ["lesson", "score", "right", "wrong", "skipped", "tries", "tasks", "hints", "time"]
            var rows: [[String]] = []
            for lesson in report.lessons where lesson.right + lesson.wrong + lesson.skipped + lesson.tasksDone + lesson.hintsUsed > 0 || lesson.seconds > 0 || lesson.isExam {
                rows.append([
                    lesson.lesson + (lesson.isExam ? " (exam)" : ""), "\(lesson.score)/\(lesson.maximum)", "\(lesson.right)", "\(lesson.wrong)",
                    "\(lesson.skipped)", "\(lesson.attempts)" + (lesson.wrongAttempts > 0 ? " (\(lesson.wrongAttempts) wrong)" : ""),
                    "\(lesson.tasksDone)/\(lesson.tasksTotal)", "\(lesson.hintsUsed)", duration(lesson.seconds),
                ])
            }
            if rows.isEmpty {
                output += "  no answers or tasks yet\n"
            } else {
                let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
                for row in [header] + rows {
                    output += "  " + row.enumerated().map { index, cell in
                        index == 0 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[index] - cell.count) + cell
                    }.joined(separator: "  ") + "\n"
                }
            }
            for problem in report.problems { output += "  ! \(problem)\n" }
            // A few are enough to send the instructor to the transcript; the JSON lists them all.
            for disagreement in report.replayDisagreements.prefix(Self.disagreementsShown) { output += "  ~ \(disagreement)\n" }
            let shown = min(report.replayDisagreements.count, Self.disagreementsShown)
            if report.replayDisagreementCount > shown {
                output += "  ~ and \(report.replayDisagreementCount - shown) more commands whose replay ended otherwise than in the session\n"
            }
            // Each is a point an instructor decides on, so all are shown.
            for claim in report.sessionClaims { output += "  ~ \(claim)\n" }
            output += "\n"
        }
        return output
    }

    static let disagreementsShown = 3

    static func duration(_ seconds: Int) -> String {
        seconds >= 3600 ? "\(seconds / 3600)h\(String(format: "%02d", seconds % 3600 / 60))m" : "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s"
    }

    public static func json(_ reports: [LearnerReport]) -> String {
        let value: [[String: Any]] = reports.map { report in
            [
                "learner": report.learner, "score": report.score, "maximum": report.maximum,
                "courseVersions": report.courseVersions,
                "problems": report.problems.map { ["kind": $0.kind.rawValue, "line": $0.line, "detail": $0.detail] },
                "replayDisagreementCount": report.replayDisagreementCount,
                "replayDisagreements": report.replayDisagreements.map {
                    ["seq": $0.seq, "lesson": $0.lesson, "exam": $0.exam, "command": $0.command,
                     "liveExitCode": Int($0.liveExitCode), "replayExitCode": Int($0.replayExitCode)] as [String: Any]
                },
                "sessionClaims": report.sessionClaims.map {
                    ["seq": $0.seq, "lesson": $0.lesson, "exam": $0.exam, "task": $0.task, "counted": $0.counted] as [String: Any]
                },
                "lessons": report.lessons.map { lesson in
                    [
                        "lesson": lesson.lesson, "score": lesson.score, "maximum": lesson.maximum, "right": lesson.right,
                        "wrong": lesson.wrong, "skipped": lesson.skipped, "unanswered": lesson.unanswered,
                        "tasksDone": lesson.tasksDone, "tasksTotal": lesson.tasksTotal, "hintsUsed": lesson.hintsUsed,
                        "seconds": lesson.seconds, "exam": lesson.isExam, "attempts": lesson.attempts,
                        "wrongAttempts": lesson.wrongAttempts,
                    ] as [String: Any]
                },
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Item analysis in the gradebook's formats: a table, CSV (one row per question or task) or JSON.
    public static func itemAnalysis(_ items: [ItemAnalysis], format: Format) -> String {
        let shown = items.filter { $0.attempted > 0 }
        switch format {
        case .table:
            var output = "item                             kind      attempted  right first  right  skipped  tries  common wrong answers\n"
            for item in shown {
                let wrong = item.commonWrongAnswers.map { "\"\($0.answer)\" ×\($0.count)" }.joined(separator: ", ")
                output += item.question.padding(toLength: 32, withPad: " ", startingAt: 0) + " " + item.kind.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: " %9d  %11d  %5d  %7d  %5d  ", item.attempted, item.rightFirstTime, item.rightEventually, item.skipped, item.attempts) + wrong + "\n"
            }
            return output
        case .csv:
            var lines = [["item", "lesson", "kind", "attempted", "right first time", "right", "skipped", "attempts", "common wrong answers"].joined(separator: ",")]
            for item in shown {
                let wrong = item.commonWrongAnswers.map { "\($0.answer) ×\($0.count)" }.joined(separator: "; ")
                lines.append([item.question, item.lesson, item.kind, String(item.attempted), String(item.rightFirstTime), String(item.rightEventually),
                              String(item.skipped), String(item.attempts), wrong].map { csvField($0) }.joined(separator: ","))
            }
            return lines.joined(separator: "\r\n") + "\r\n"
        case .json:
            let value: [[String: Any]] = shown.map { item in
                ["item": item.question, "lesson": item.lesson, "kind": item.kind, "attempted": item.attempted,
                 "rightFirstTime": item.rightFirstTime, "right": item.rightEventually, "skipped": item.skipped, "attempts": item.attempts,
                 "commonWrongAnswers": item.commonWrongAnswers.map { ["answer": $0.answer, "count": $0.count] as [String: Any] }]
            }
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }
}
