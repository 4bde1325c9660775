import Assessment
import Foundation
import Lessons
import Rendering
import Testing
import Transcripts
@testable import Grading
@testable import Tutor

/// What the live tutor shows equals what `rolecall grade` gives for the transcript it wrote, item by item, for
/// many generated sessions: right and wrong answers, hints, skips, resets, tasks done and half done, lesson
/// jumps, and exams between practice. Both read one ledger; this proves the replay feeds it the same events.
@Suite struct ParityTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/course").path
    static let course = CourseLoader.load(directory: directory).course!

    /// Lines a learner might type anywhere in the fixture course.
    static let vocabulary = [
        "", "next", "back", "hint", "skip", "progress", "a", "b", "c", "d", "true", "false", "a c", "c a", "b c",
        "instance profile", "the instance profile", "role", "open 1", "open 2", "open basics", "check",
        "aws sts get-caller-identity", "aws iam list-roles",
        "aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json",
        "aws iam create-role --role-name Other --assume-role-policy-document file://trust-ec2.json",
        "aws iam delete-role --role-name Worker",
        "aws iam create-instance-profile --instance-profile-name WorkerProfile",
        "reset sandbox", "y", "reset lesson", "n",
    ]

    static func session(seed: UInt64, policy: String) throws -> (live: [String: Int], transcript: Data, liveLessons: [LessonScore]) {
        var random = SeededGenerator(seed: seed)
        let grading = CourseLoader.load(directory: directory).course!
        var course = grading
        course.grading = Self.policy(policy)
        var session = TutorSession(course: course, progress: LearnerProgress(learner: "sam"), renderer: TerminalRenderer(style: .plain, width: 80))
        let signer = TranscriptSigner(secret: "parity")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var previous: TranscriptRecord?
        var data = Data()
        var clock = 1_800_000_000
        func log(_ events: [LearningEvent]) throws {
            for event in events {
                clock += Int(random.next() % 90)
                let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(clock)))
                let record = signer.record(event, time: time, after: previous)
                data += try encoder.encode(record) + Data("\n".utf8)
                previous = record
            }
        }
        try log([LearningEvent.sessionStart(learner: "sam")] + session.takeEvents())
        for _ in 0..<(20 + Int(random.next() % 60)) {
            let line = Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
            _ = session.handle(line)
            try log(session.takeEvents())
            // Now and then an exam of one lesson, in between practice, answered at random or left at once.
            if random.next() % 25 == 0 {
                let lesson = random.next() % 2 == 0 ? "basics" : "delegation"
                var exam = ExamSession(course: course, lessons: [lesson], learner: "sam", seed: Int(random.next() % 100), timeLimit: nil,
                                       start: Date(timeIntervalSince1970: TimeInterval(clock)), renderer: TerminalRenderer(style: .plain, width: 80),
                                       includingTasks: random.next() % 2 == 0)
                try log(exam.takeEvents())
                while !exam.isFinished {
                    let answer = ["a", "b", "true", "instance profile", "skip", "next", "finish",
                                  "aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json",
                                  "aws iam create-instance-profile --instance-profile-name WorkerProfile"][Int(random.next() % 9)]
                    _ = exam.handle(answer, now: Date(timeIntervalSince1970: TimeInterval(clock)))
                    try log(exam.takeEvents())
                }
            }
        }
        var live: [String: Int] = [:]
        for lesson in course.lessons {
            for question in lesson.questions { live[question.id] = session.ledger.question(question.id)?.points ?? 0 }
            for task in lesson.tasks { live[task.id] = session.ledger.task(task.id)?.points ?? 0 }
        }
        return (live, data, session.ledger.scores)
    }

    static func policy(_ name: String) -> GradingPolicy {
        switch name {
        case "strict": GradingPolicy(skippedPoints: 0, hintPenalty: 1, laterAttempts: .none, maxAttempts: 2)
        case "generous": GradingPolicy(skippedPoints: 1, hintPenalty: 0, laterAttempts: .full)
        default: GradingPolicy(laterAttempts: .half, maxAttempts: 3)
        }
    }

    @Test(arguments: ["strict", "generous", "half"])
    func theLiveScoreEqualsTheRegradedOneItemByItem(policy: String) throws {
        var pointsSeen = 0, tasksDone = 0, exams = 0, wrongAttempts = 0
        for seed in 0..<60 as Range<UInt64> {
            let (live, transcript, liveLessons) = try Self.session(seed: seed &* 7919 &+ UInt64(policy.count), policy: policy)
            let audit = TranscriptVerifier.verify(transcript, signer: TranscriptSigner(secret: "parity"))
            #expect(audit.problems.isEmpty)
            let regrader = Regrader(course: Self.course, policy: Self.policy(policy))
            let ledger = regrader.ledger(of: audit)
            for (item, points) in live {
                let regraded = ledger.question(item)?.points ?? ledger.task(item)?.points ?? 0
                #expect(regraded == points, "seed \(seed), \(policy): \(item) live \(points), regraded \(regraded)")
            }
            // The practice totals too (exam lessons are scored from the exam by both).
            let report = regrader.grade(learner: "sam", audit: audit)
            pointsSeen += live.values.reduce(0, +)
            tasksDone += liveLessons.reduce(0) { $0 + $1.tasksDone }
            wrongAttempts += liveLessons.reduce(0) { $0 + $1.wrongAttempts }
            exams += report.lessons.filter(\.isExam).count
            for live in liveLessons where !report.lessons.contains(where: { $0.lesson == live.lesson && $0.isExam }) {
                let graded = report.lessons.first { $0.lesson == live.lesson }
                #expect(graded?.score == live.score, "seed \(seed), \(policy): lesson \(live.lesson)")
                #expect(graded?.attempts == live.attempts)
                #expect(graded?.hintsUsed == live.hintsUsed)
            }
        }
        // The generated sessions really cover what they claim to.
        #expect(pointsSeen > 20 && tasksDone > 5 && exams > 3 && wrongAttempts > 20, "points \(pointsSeen), tasks \(tasksDone), exams \(exams), wrong \(wrongAttempts)")
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
