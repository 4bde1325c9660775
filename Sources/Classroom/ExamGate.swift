import Grading
import Transcripts

/// Which of a learner's exam events a class counts: the one rule the live view and the grade export share.
///
/// A class's exams are the ones its server handed out. An exam a learner runs on their own (`rolecall exam
/// LESSON`) is practice and never replaces a class score. Of a class exam, the class counts what its server
/// received before the learner's time ran out, by the server's clock (records carry the server's time), with a
/// short grace for the network; and only the sitting's first `exam-start`: a learner who starts the client again
/// resumes the same sitting, so it is never a retake that wipes the answers already given.
public struct ExamGate: Sendable, Equatable {
    public struct Sitting: Sendable, Equatable {
        public var startedAt: Int64
        /// Seconds since 1970 after which nothing counts; nil without a time limit.
        public var deadline: Int64?

        public init(startedAt: Int64, timeLimit: Int?) {
            self.startedAt = startedAt
            deadline = timeLimit.map { startedAt + Int64($0) }
        }
    }

    /// What arrives this long after the deadline was on its way when time ran out (a slow network, a batch).
    public static let grace: Int64 = 30

    /// The learner's sittings, by exam id.
    public private(set) var sittings: [String: Sitting] = [:]
    /// Class exams whose `exam-start` was counted, and those the learner ended (`exam-end`: handed in).
    public private(set) var started: Set<String> = []
    public private(set) var ended: Set<String> = []
    /// Exam events not counted because they reached the server after the time ran out.
    public private(set) var late = 0
    /// Exam events not counted because the server never handed out that exam (practice exams).
    public private(set) var practice = 0

    public init() {}

    public mutating func add(exam: String, _ sitting: Sitting) {
        sittings[exam] = sitting
    }

    /// Whether the record is counted. Records come in order, once each.
    public mutating func admits(_ record: TranscriptRecord) -> Bool {
        let event = record.event
        guard let exam = event.exam else { return true }
        guard let sitting = sittings[exam] else {
            practice += 1
            return false
        }
        if let deadline = sitting.deadline, let time = Regrader.epochSeconds(record.time), Int64(time) > deadline + Self.grace {
            late += 1
            return false
        }
        if event.kind == .examStart { return started.insert(exam).inserted }
        // Nothing counts after the learner handed the exam in.
        guard !ended.contains(exam) else { return false }
        if event.kind == .examEnd, started.contains(exam) { ended.insert(exam) }
        // An answer before its sitting's exam-start reached the server cannot be placed in an exam: the ledger
        // would count it against whichever exam came last.
        return started.contains(exam)
    }
}
