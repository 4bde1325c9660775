import Assessment
import Foundation
import Grading
import Lessons
import Transcripts

/// A class's grades from the server's copy of each transcript: verified with the class's key, re-graded by the
/// same `Regrader` as `rolecall grade` (answers checked again, tasks by replaying the commands), each score
/// carrying the hash of the last record it came from, so a disputed grade is settled by replaying that copy.
public struct GradedLearner: Sendable {
    public var learner: LearnerRecord
    public var report: LearnerReport
    /// The server chain's last hash ("" when nothing was received) and the number of records.
    public var transcriptHash: String
    public var events: Int
    /// The server time of the last record, seconds since 1970 (0 when none).
    public var lastActivity: Int64
}

public enum ClassGrades {
    /// The server's copy of a learner's transcript, as a transcript file's bytes.
    public static func transcript(_ events: [StoredEvent]) -> Data {
        Data(events.map { $0.line + "\n" }.joined().utf8)
    }

    /// The file a learner's transcript is written to: the name percent-encoded, so two names never make one file
    /// ("Ana Lopez" and "Ana_Lopez" stay apart) and no name leaves the folder.
    public static func fileName(for learner: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        return (learner.addingPercentEncoding(withAllowedCharacters: allowed) ?? "learner") + ".jsonl"
    }

    /// `sittings`: each learner's sittings of the class's exams, by learner id: the exam events counted are
    /// those `ExamGate` admits, as on the dashboard.
    public static func grade(course: Course, signingKey: String, learners: [(LearnerRecord, [StoredEvent])],
                             sittings: [Int64: [String: ExamGate.Sitting]] = [:]) -> [GradedLearner] {
        let regrader = Regrader(course: course)
        let signer = TranscriptSigner(secret: signingKey)
        return learners.map { learner, events in
            var audit = TranscriptVerifier.verify(transcript(events), signer: signer)
            var gate = ExamGate()
            for (exam, sitting) in sittings[learner.id] ?? [:] { gate.add(exam: exam, sitting) }
            audit.records = audit.records.compactMap { gate.admit($0) }
            let lastHash = events.last.flatMap { TranscriptRecord(line: Array($0.line.utf8)) }?.hash ?? ""
            return GradedLearner(learner: learner, report: regrader.grade(learner: learner.name, audit: audit),
                                 transcriptHash: lastHash, events: events.count, lastActivity: events.last?.receivedAt ?? 0)
        }
    }
}

/// Grades out, in the forms LMSs import.
public enum GradeExport {
    public enum Format: String, CaseIterable, Sendable {
        case csv, canvas, moodle, json
    }

    public static func render(_ graded: [GradedLearner], course: Course, className: String, format: Format, now: Date) -> String {
        switch format {
        case .csv: csv(graded, course: course)
        case .canvas: canvas(graded, course: course)
        case .moodle: moodle(graded, course: course)
        case .json: json(graded, course: course, className: className, now: now)
        }
    }

    static func field(_ text: String) -> String { ReportFormatter.csvField(text) }
    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func score(_ learner: GradedLearner, _ lesson: Lesson) -> LessonScore? {
        learner.report.lessons.first { $0.lesson == lesson.id }
    }

    /// The assignment each lesson becomes in an LMS (a new name makes a new assignment, so it never changes).
    public static func assignment(_ lesson: Lesson) -> String { "RoleCall: " + lesson.title }

    /// Everything, one row per learner: identities, a score per lesson, total, and the transcript hash.
    static func csv(_ graded: [GradedLearner], course: Course) -> String {
        var text = line(["learner", "email", "sis_id", "section"] + course.lessons.map(\.id) + ["total", "maximum", "events", "transcript_hash", "integrity"])
        for learner in graded {
            let scores = course.lessons.map { String(score(learner, $0)?.score ?? 0) }
            text += line([learner.learner.name, learner.learner.email ?? "", learner.learner.sisID ?? "", learner.learner.section ?? ""]
                         + scores + [String(learner.report.score), String(learner.report.maximum), String(learner.events),
                                     learner.transcriptHash, learner.report.problems.isEmpty ? "ok" : "\(learner.report.problems.count) problems"])
        }
        return text
    }

    /// Canvas's gradebook import: `Student, ID, SIS User ID, SIS Login ID, Section`, then one column per
    /// assignment, and a `Points Possible` row as Canvas's own export has. Canvas matches a row by ID, SIS User ID
    /// or SIS Login ID; the learner's email stands in as the login. (Any other column would become an assignment,
    /// so the transcript hashes are in the csv and json exports.)
    static func canvas(_ graded: [GradedLearner], course: Course) -> String {
        var text = line(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + course.lessons.map(assignment))
        text += line(["    Points Possible", "", "", "", ""] + course.lessons.map { lesson in
            String(graded.first.flatMap { score($0, lesson)?.maximum } ?? 0)
        })
        for learner in graded {
            text += line([learner.learner.name, "", learner.learner.sisID ?? "", learner.learner.email ?? "", learner.learner.section ?? ""]
                         + course.lessons.map { String(score(learner, $0)?.score ?? 0) })
        }
        return text
    }

    /// Moodle's grade import (the layout of its own export): users matched by email address or ID number, a
    /// column per grade item, and each item's feedback beside it (the transcript hash), never feedback alone.
    static func moodle(_ graded: [GradedLearner], course: Course) -> String {
        var header = ["First name", "Last name", "ID number", "Email address"]
        for lesson in course.lessons { header += [assignment(lesson), "Feedback: " + assignment(lesson)] }
        var text = line(header)
        for learner in graded {
            let parts = learner.learner.name.split(separator: " ")
            let first = parts.count > 1 ? parts.dropLast().joined(separator: " ") : learner.learner.name
            let last = parts.count > 1 ? String(parts.last!) : ""
            var fields = [first, last, learner.learner.sisID ?? "", learner.learner.email ?? ""]
            for lesson in course.lessons {
                fields += [String(score(learner, lesson)?.score ?? 0), "RoleCall transcript \(learner.transcriptHash.prefix(16)) (\(learner.events) events)"]
            }
            text += line(fields)
        }
        return text
    }

    /// Line items and scores shaped as LTI 1.3 Assignment and Grade Services takes them (one line item per lesson,
    /// a score per learner and lesson with `scoreGiven`, `scoreMaximum`, `activityProgress`, `gradingProgress`,
    /// `timestamp` and a `comment` naming the transcript), so grade passback is a POST of what is here.
    static func json(_ graded: [GradedLearner], course: Course, className: String, now: Date) -> String {
        struct LineItem: Encodable { var resourceId: String; var label: String; var scoreMaximum: Int }
        struct Score: Encodable {
            var userId: String; var email: String?; var sisId: String?; var section: String?
            var resourceId: String; var scoreGiven: Int; var scoreMaximum: Int
            var activityProgress: String; var gradingProgress: String; var timestamp: String
            var comment: String; var transcriptHash: String; var events: Int; var integrityProblems: [String]
            /// Commands of this lesson whose replay ended otherwise than in the learner's session.
            var replayDisagreements: [String]
            /// Tasks of this lesson the session claimed done where the replay had parted from it (not counted).
            var sessionClaims: [String]
        }
        struct Document: Encodable { var className: String; var course: String; var generated: String; var lineItems: [LineItem]; var scores: [Score] }
        let formatter = ISO8601DateFormatter()
        let lineItems = course.lessons.map { lesson in
            LineItem(resourceId: lesson.id, label: assignment(lesson),
                     scoreMaximum: graded.first.flatMap { score($0, lesson)?.maximum } ?? 0)
        }
        var scores: [Score] = []
        for learner in graded {
            for lesson in course.lessons {
                guard let lessonScore = score(learner, lesson) else { continue }
                let touched = lessonScore.right + lessonScore.wrong + lessonScore.skipped + lessonScore.tasksDone > 0
                let complete = lessonScore.unanswered == 0 && lessonScore.tasksDone == lessonScore.tasksTotal
                scores.append(Score(
                    userId: learner.learner.name, email: learner.learner.email, sisId: learner.learner.sisID, section: learner.learner.section,
                    resourceId: lesson.id, scoreGiven: lessonScore.score, scoreMaximum: lessonScore.maximum,
                    activityProgress: complete ? "Completed" : touched ? "InProgress" : "Initialized",
                    gradingProgress: "FullyGraded",
                    timestamp: formatter.string(from: Date(timeIntervalSince1970: TimeInterval(learner.lastActivity == 0 ? Int64(now.timeIntervalSince1970) : learner.lastActivity))),
                    comment: "RoleCall transcript \(learner.transcriptHash)", transcriptHash: learner.transcriptHash, events: learner.events,
                    integrityProblems: learner.report.problems.map(\.description),
                    replayDisagreements: learner.report.replayDisagreements.filter { $0.lesson == lesson.id }.map(\.description),
                    sessionClaims: learner.report.sessionClaims.filter { $0.lesson == lesson.id }.map(\.description)))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(className: className, course: course.title, generated: formatter.string(from: now), lineItems: lineItems, scores: scores)
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
