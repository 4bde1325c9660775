import Foundation

/// Gradebooks in the forms instructors need: a table for the terminal, CSV for spreadsheets and LMS imports
/// (one row per learner, a column per lesson, a total), and JSON with every detail.
public enum ReportFormatter {
    public static func csv(_ reports: [LearnerReport], lessons: [String]) -> String {
        var lines = [(["learner"] + lessons + ["total", "maximum", "integrity"]).map(csvField).joined(separator: ",")]
        for report in reports {
            let scores = lessons.map { id in String(report.lessons.first { $0.lesson == id }?.score ?? 0) }
            let fields = [report.learner] + scores + [String(report.score), String(report.maximum), integrity(report)]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quote fields holding commas, quotes or line breaks, doubling the quotes.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func integrity(_ report: LearnerReport) -> String {
        report.problems.isEmpty ? "ok" : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")"
    }

    public static func table(_ reports: [LearnerReport]) -> String {
        var output = ""
        for report in reports {
            output += "\(report.learner): \(report.score)/\(report.maximum) points"
            if !report.courseVersions.isEmpty { output += " (course \(report.courseVersions.joined(separator: ", ")))" }
            output += "\n"
            let header = ["lesson", "score", "right", "wrong", "skipped", "tasks", "hints", "time"]
            var rows: [[String]] = []
            for lesson in report.lessons where lesson.right + lesson.wrong + lesson.skipped + lesson.tasksDone + lesson.hintsUsed > 0 || lesson.seconds > 0 {
                rows.append([
                    lesson.lesson + (lesson.isExam ? " (exam)" : ""), "\(lesson.score)/\(lesson.maximum)", "\(lesson.right)", "\(lesson.wrong)",
                    "\(lesson.skipped)", "\(lesson.tasksDone)/\(lesson.tasksTotal)", "\(lesson.hintsUsed)", duration(lesson.seconds),
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
            output += "\n"
        }
        return output
    }

    static func duration(_ seconds: Int) -> String {
        seconds >= 3600 ? "\(seconds / 3600)h\(String(format: "%02d", seconds % 3600 / 60))m" : "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s"
    }

    public static func json(_ reports: [LearnerReport]) -> String {
        let value: [[String: Any]] = reports.map { report in
            [
                "learner": report.learner, "score": report.score, "maximum": report.maximum,
                "courseVersions": report.courseVersions,
                "problems": report.problems.map { ["kind": $0.kind.rawValue, "line": $0.line, "detail": $0.detail] },
                "lessons": report.lessons.map { lesson in
                    [
                        "lesson": lesson.lesson, "score": lesson.score, "maximum": lesson.maximum, "right": lesson.right,
                        "wrong": lesson.wrong, "skipped": lesson.skipped, "unanswered": lesson.unanswered,
                        "tasksDone": lesson.tasksDone, "tasksTotal": lesson.tasksTotal, "hintsUsed": lesson.hintsUsed,
                        "seconds": lesson.seconds, "exam": lesson.isExam,
                    ] as [String: Any]
                },
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func itemAnalysis(_ items: [ItemAnalysis]) -> String {
        var output = "question                         attempted  right first  right  skipped  common wrong answers\n"
        for item in items where item.attempted > 0 {
            let wrong = item.commonWrongAnswers.map { "\"\($0.answer)\" ×\($0.count)" }.joined(separator: ", ")
            output += item.question.padding(toLength: 32, withPad: " ", startingAt: 0)
                + String(format: " %9d  %11d  %5d  %7d  ", item.attempted, item.rightFirstTime, item.rightEventually, item.skipped) + wrong + "\n"
        }
        return output
    }
}
