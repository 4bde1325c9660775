import Foundation
import Lessons
import Testing
import Transcripts
@testable import Classroom

/// Grades in the forms LMSs import, column by column, and the roster file they come with.
@Suite struct GradeExportTests {
    static let course = LiveClassTests.course
    static let key = "class-key"

    /// Two learners' server copies: ana answered both questions of lesson 1 right, "=cmd" none.
    static func graded() -> [GradedLearner] {
        func held(_ events: [LearningEvent]) -> [StoredEvent] {
            var last: TranscriptRecord?
            return events.enumerated().map { index, event in
                let record = TranscriptSigner(secret: key).record(event, time: "2026-11-30T10:00:00Z", after: last)
                last = record
                return StoredEvent(seq: index + 1, learnerHash: "h\(index)", receivedAt: 1_800_000_000, line: Intake.encode(record))
            }
        }
        let ana = held([.sessionStart(learner: "ana"),
                        LearningEvent(.answer, lesson: "basics", item: "pick-one", input: "b"),
                        LearningEvent(.answer, lesson: "basics", item: "is-true", input: "true")])
        let other = held([.sessionStart(learner: "=cmd")])
        return ClassGrades.grade(course: course, signingKey: key, learners: [
            (LearnerRecord(id: 1, classID: 1, name: "Ana Lima", tokenDigest: "", joinedAt: 0, email: "ana@example.edu", sisID: "S1", section: "A"), ana),
            (LearnerRecord(id: 2, classID: 1, name: "=cmd", tokenDigest: "", joinedAt: 0), other),
        ])
    }

    static func rows(_ text: String) -> [[String]] { try! RosterFile.records(text) }

    @Test func theServerCopiesAreRegradedAndCarryTheirHash() {
        let graded = Self.graded()
        #expect(graded[0].report.problems.isEmpty)
        #expect(graded[0].report.lessons.first { $0.lesson == "basics" }?.score ?? 0 > 0)
        #expect(graded[0].transcriptHash.count == 64)
        #expect(graded[1].report.score == 0)
    }

    @Test func canvasColumnsAreTheFiveIdentityColumnsThenOnePerLesson() {
        let rows = Self.rows(GradeExport.render(Self.graded(), course: Self.course, className: "C", format: .canvas, now: Date()))
        #expect(rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "RoleCall: Basics", "RoleCall: Delegation"])
        #expect(rows[1][0] == "    Points Possible")
        #expect(rows[2][0...4] == ["Ana Lima", "", "S1", "ana@example.edu", "A"])
        #expect(Int(rows[2][5])! > 0)
        // A name a spreadsheet would run as a formula is defused.
        #expect(rows[3][0] == "'=cmd")
        #expect(rows.allSatisfy { $0.count == 7 })
    }

    @Test func moodleMatchesByEmailOrIDNumberWithFeedbackBesideEachGrade() {
        let rows = Self.rows(GradeExport.render(Self.graded(), course: Self.course, className: "C", format: .moodle, now: Date()))
        #expect(rows[0] == ["First name", "Last name", "ID number", "Email address", "RoleCall: Basics", "Feedback: RoleCall: Basics",
                            "RoleCall: Delegation", "Feedback: RoleCall: Delegation"])
        #expect(rows[1][0...3] == ["Ana", "Lima", "S1", "ana@example.edu"])
        #expect(rows[1][5].hasPrefix("RoleCall transcript "))
    }

    @Test func csvAndJSONCarryTheTranscriptHash() throws {
        let graded = Self.graded()
        let csv = Self.rows(GradeExport.render(graded, course: Self.course, className: "C", format: .csv, now: Date()))
        #expect(csv[0].contains("transcript_hash"))
        #expect(csv[1].contains(graded[0].transcriptHash))
        let json = GradeExport.render(graded, course: Self.course, className: "C", format: .json, now: Date())
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let scores = document["scores"] as! [[String: Any]]
        let first = try #require(scores.first { $0["userId"] as? String == "Ana Lima" && $0["resourceId"] as? String == "basics" })
        for field in ["scoreGiven", "scoreMaximum", "activityProgress", "gradingProgress", "timestamp", "comment"] {
            #expect(first[field] != nil, "LTI's score field \(field)")
        }
        #expect(first["transcriptHash"] as? String == graded[0].transcriptHash)
        #expect(first["replayDisagreements"] as? [String] == [], "the learner's commands replay as they ran")
        #expect((document["lineItems"] as! [[String: Any]]).count == 2)
    }

    @Test func everyLearnerGetsATranscriptFileOfTheirOwn() {
        let names = ["Ana Lopez", "Ana_Lopez", "../etc/passwd", "José", "ana"]
        let files = names.map(ClassGrades.fileName(for:))
        #expect(Set(files).count == names.count)
        #expect(files.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") })
        #expect(files[4] == "ana.jsonl")
    }

    @Test func aRosterFileNamesLearnersAndTheirLMSIdentities() throws {
        let roster = try RosterFile.parse("learner,Email,sis_id,section\r\n\"Lima, Ana\",ana@x.edu,S1,\"A \"\"morning\"\"\"\nbo,,,\n\n", classID: 4)
        let rows = roster.rows
        #expect(roster.columns == [.email, .sisID, .section])
        #expect(rows.map(\.name) == ["Lima, Ana", "bo"])
        #expect(rows[0].email == "ana@x.edu" && rows[0].sisID == "S1" && rows[0].section == "A \"morning\"")
        #expect(rows[1].email == nil)
        #expect(throws: RosterFile.Problem.noLearnerColumn) { try RosterFile.parse("name,email\nx,y\n", classID: 1) }
        #expect(throws: RosterFile.Problem.unterminatedQuote(line: 2)) { try RosterFile.parse("learner\n\"open\n", classID: 1) }
    }

    /// What a roster from a spreadsheet met: its byte order mark made the header unreadable; a file of emails alone
    /// erased the SIS ids the LMS matches on; a short row blanked a learner's ids; a learner on two rows took
    /// the last. Now the mark is read past, absent columns are left alone, and the others are refused by line.
    @Test func aRosterChangesOnlyWhatItSaysAndSaysWhereItIsWrong() throws {
        let withMark = try RosterFile.parse("\u{FEFF}learner,email\r\nann,ann@x.edu\r\n,,\r\n", classID: 1)
        #expect(withMark.columns == [.email])
        #expect(withMark.rows.map(\.name) == ["ann"])
        #expect(throws: RosterFile.Problem.fieldCount(line: 3, found: 2, expected: 3)) { try RosterFile.parse("learner,email,sis_id\nann,a@x,S1\nbo,b@x\n", classID: 1) }
        #expect(throws: RosterFile.Problem.fieldCount(line: 2, found: 3, expected: 2)) { try RosterFile.parse("learner,email\nann,a@x,extra\n", classID: 1) }
        #expect(throws: RosterFile.Problem.noLearner(line: 2)) { try RosterFile.parse("learner,email\n,a@x\n", classID: 1) }
        #expect(throws: RosterFile.Problem.repeated(learner: "ann", firstLine: 2, line: 5)) { try RosterFile.parse("learner,email\nann,a@x\n\"b\no\",b@x\nann,c@x\n", classID: 1) }
        #expect(throws: RosterFile.Problem.repeated(learner: "ann", firstLine: 2, line: 5)) { try RosterFile.parse("learner,email\r\nann,a@x\r\n\"b\r\no\",b@x\r\nann,c@x\r\n", classID: 1) }
        #expect(RosterFile.Problem.repeated(learner: "ann", firstLine: 2, line: 4).description == "line 4: ann is on line 2 already; nothing was changed")
    }
}
