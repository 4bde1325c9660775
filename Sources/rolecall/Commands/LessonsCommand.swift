import ArgumentParser
import Foundation
import Lessons

struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the course outline.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        let course = try courseOption.loadCourse()
        switch format {
        case .json:
            print(try CourseOutline(course).json())
        case .text:
            print(course.title)
            for (index, lesson) in course.lessons.enumerated() {
                let counts = Step.Kind.allCases.map { "\(lesson.count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
                print(String(format: "%2d. ", index + 1) + "\(lesson.id) — \(lesson.title) (\(lesson.minutes) min; \(counts))")
                print("    \(lesson.summary)")
            }
        }
    }
}

/// The JSON shape of `rolecall lessons --format json`.
struct CourseOutline: Encodable {
    struct StepCounts: Encodable {
        var reading: Int
        var question: Int
        var task: Int
    }

    struct LessonEntry: Encodable {
        var id: String
        var title: String
        var summary: String
        var minutes: Int
        var prerequisites: [String]
        var steps: StepCounts
    }

    var title: String
    var lessons: [LessonEntry]

    init(_ course: Course) {
        title = course.title
        lessons = course.lessons.map { lesson in
            LessonEntry(
                id: lesson.id, title: lesson.title, summary: lesson.summary, minutes: lesson.minutes,
                prerequisites: lesson.prerequisites,
                steps: StepCounts(reading: lesson.count(of: .reading), question: lesson.count(of: .question), task: lesson.count(of: .task))
            )
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
