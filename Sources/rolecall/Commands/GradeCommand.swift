import ArgumentParser
import Foundation
import Grading
import Lessons

/// `rolecall grade`: re-grades transcripts from the raw answers and commands, and reports tampering.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Re-grade learners' transcripts: answers checked again, tasks replayed in a fresh sandbox.",
        discussion: "Set ROLECALL_GRADING_KEY (or ROLECALL_GRADING_KEY_FILE) to the key the transcripts were signed with, so forged events are detected. See docs/transcripts.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Argument(help: ArgumentHelp("Transcript files, or folders to search for them (e.g. a data directory).", valueName: "transcript-or-dir"))
    var paths: [String]

    @OptionGroup var courseOption: CourseOption

    @Option(help: ArgumentHelp("An answer key to grade against instead of the course's answers.", valueName: "file"))
    var key: String?

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Write the report to a file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("item-analysis"), help: "Per question: right first time, and the most common wrong answers.")
    var itemAnalysis = false

    func run() throws {
        let course = try courseOption.loadCourse()
        var answerKey = AnswerKey()
        if let key {
            do { answerKey = try AnswerKey.load(path: key, course: course) } catch { throw RoleCallFailure(.dataError, error.description) }
        }
        let (entries, missing) = TranscriptSet.find(paths)
        for path in missing { FileHandle.standardError.write(Data("rolecall: no such transcript or folder: \(path)\n".utf8)) }
        guard !entries.isEmpty else { throw RoleCallFailure(.noInput, "No transcripts found in \(paths.joined(separator: ", ")).") }

        let regrader = Regrader(course: course, key: answerKey)
        let signer = TranscriptSigner(secret: TranscriptSigner.configuredSecret())
        let reports = Gradebook.grade(entries, regrader: regrader, signer: signer)

        var text: String
        if itemAnalysis {
            text = ReportFormatter.itemAnalysis(regrader.itemAnalysis(reports))
        } else {
            switch format {
            case .table: text = ReportFormatter.table(reports)
            case .csv: text = ReportFormatter.csv(reports, lessons: course.lessons.map(\.id))
            case .json: text = ReportFormatter.json(reports)
            }
        }
        if !signer.signs {
            FileHandle.standardError.write(Data("Note: no grading key is set, so only accidental edits can be detected (see docs/transcripts.md).\n".utf8))
        }
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if !missing.isEmpty { throw ExitCode(1) }
    }
}
