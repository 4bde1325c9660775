import ArgumentParser
import Foundation
import Transcripts
import Grading
import Lessons
import SavedFiles

/// `rolecall grade`: re-grades transcripts from the raw answers and commands, and reports tampering.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Re-grade learners' transcripts: answers checked again, tasks replayed in a fresh sandbox.",
        discussion: "Set ROLECALL_GRADING_KEY (or ROLECALL_GRADING_KEY_FILE) to the key the transcripts were signed with, so forged events are detected. See docs/transcripts.md."
    )


    @Argument(help: ArgumentHelp("Transcript files, or folders to search for them (e.g. a data directory).", valueName: "transcript-or-dir"))
    var paths: [String]

    @OptionGroup var courseOption: CourseOption

    @Option(help: ArgumentHelp("An answer key to grade against instead of the course's answers.", valueName: "file"))
    var key: String?

    @Option(help: "Output format: table, csv or json.")
    var format: ReportFormatter.Format = .table

    @Option(help: ArgumentHelp("Write the report to a file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(name: .customLong("count-session-claims"), help: "Count a task the session recorded as done where the replay parted from the session (a newer RoleCall answers some command otherwise); without it such tasks are listed, not counted. Transcripts are the learners', so use it for classes you trust.")
    var countSessionClaims = false

    @Flag(name: .customLong("item-analysis"), help: "Add, per question and task: right first time, attempts, and the most common wrong answers (with --out and csv, in FILE-items.csv).")
    var itemAnalysis = false

    func run() throws {
        let course = try courseOption.loadCourse()
        var answerKey = AnswerKey()
        if let key {
            do { answerKey = try AnswerKey.load(path: key, course: course) } catch { throw RoleCallFailure(.dataError, error.description) }
        }
        let found = TranscriptSet.find(paths)
        let (entries, missing) = (found.entries, found.missing)
        for (folder, reason) in found.unsearchable { FileHandle.standardError.write(Data("rolecall: cannot search \(folder): \(reason)\n".utf8)) }
        // Said once: when nothing was found at all, the missing paths are the whole story.
        guard !entries.isEmpty else {
            let message = missing.count == paths.count ? "no such transcript or folder: \(missing.joined(separator: ", "))"
                : "No transcripts found in \(paths.joined(separator: ", "))."
            throw RoleCallFailure(.noInput, message)
        }
        for path in missing { FileHandle.standardError.write(Data("rolecall: no such transcript or folder: \(path)\n".utf8)) }
        // A key the instructor set but RoleCall cannot read would turn signature checks off without a word, and
        // forged events would pass: it stops grading instead.
        let secret: String?
        switch TranscriptSigner.secretSetting() {
        case .success(let configured): secret = configured
        case .failure(let problem): throw RoleCallFailure(.noInput, problem.message)
        }
        try refuseToWriteOverInputs(entries.map(\.path) + [key, ProcessInfo.processInfo.environment["ROLECALL_GRADING_KEY_FILE"]].compactMap { $0 })

        let regrader = Regrader(course: course, key: answerKey, countsSessionClaims: countSessionClaims)
        let signer = TranscriptSigner(secret: secret)
        let reports = Gradebook.grade(entries, regrader: regrader, signer: signer)
        let inaccessible = reports.flatMap { report in report.problems.filter { $0.kind == .inaccessible }.map { (report.learner, $0.detail) } }
        for (learner, detail) in inaccessible { FileHandle.standardError.write(Data("rolecall: \(learner): \(detail)\n".utf8)) }

        var text: String
        switch format {
        case .table: text = ReportFormatter.table(reports)
        case .csv: text = ReportFormatter.csv(reports, lessons: course.lessons.map(\.id))
        case .json: text = ReportFormatter.json(reports)
        }
        if itemAnalysis {
            let items = ReportFormatter.itemAnalysis(regrader.itemAnalysis(reports), format: format)
            switch format {
            case .table:
                text += "Item analysis:\n" + items
            case .json:
                // One document: the gradebook and the items side by side.
                text = "{\"gradebook\": " + text.trimmingCharacters(in: .newlines) + ",\n\"itemAnalysis\": " + items.trimmingCharacters(in: .newlines) + "}\n"
            case .csv:
                if let out {
                    let itemsPath = Self.itemsPath(beside: out)
                    do { try Data(items.utf8).write(to: URL(fileURLWithPath: itemsPath)) } catch {
                        throw RoleCallFailure(.cannotWrite, "cannot write \(itemsPath)")
                    }
                } else {
                    text += "\r\n" + items
                }
            }
        }
        if !signer.signs {
            FileHandle.standardError.write(Data("Note: no grading key is set, so only accidental edits can be detected (see docs/transcripts.md).\n".utf8))
        }
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out)) } catch {
                throw RoleCallFailure(.cannotWrite, "cannot write \(out)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if !inaccessible.isEmpty || !found.unsearchable.isEmpty { throw ExitCode(RoleCallFailure(.noInput, "").exitStatus) }
        if !missing.isEmpty { throw ExitCode(1) }
    }

    /// `--out` naming a transcript being graded (or the answer or grading key) wrote the report over it.
    private func refuseToWriteOverInputs(_ inputs: [String]) throws {
        guard let out else { return }
        let written = [out] + (itemsAnalysisGoesToAFile ? [Self.itemsPath(beside: out)] : [])
        let read = Set(inputs.compactMap(FileIdentity.init(path:)))
        for path in written {
            if let identity = FileIdentity(path: path), read.contains(identity) {
                throw RoleCallFailure(.badArgument, "\(path) is one of the files being read; the report would be written over it. Name another file for --out.")
            }
        }
    }

    private var itemsAnalysisGoesToAFile: Bool { itemAnalysis && format == .csv }

    /// Where a CSV item analysis goes: `FILE-items.csv` beside `--out FILE`.
    private static func itemsPath(beside out: String) -> String {
        (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + "-items.csv"
    }
}

extension ReportFormatter.Format: ExpressibleByArgument {}
