import Assessment
import Grading
import Transcripts

/// Which of a learner's exam events a class counts, and as what: the one rule the live view and the grade export
/// share.
///
/// A class's exams are the ones its server handed out. An exam a learner runs on their own (`rolecall exam
/// LESSON`) is practice and never replaces a class score. Of a class exam, the class counts what its server
/// received before the learner's time ran out or the instructor closed the exam, by the server's clock (records
/// carry the server's time), with a short grace for the network; only the sitting's first `exam-start` (a learner
/// who starts the client again resumes the same sitting, never a retake); nothing after the learner handed it in;
/// and only the items on the paper the server handed out. What the exam covers and how each learner's choices
/// were shuffled come from the server, never from the learner's records.
public struct ExamGate: Sendable, Equatable {
    public struct Sitting: Sendable, Equatable {
        public var startedAt: Int64
        /// Seconds since 1970 after which nothing counts (the time limit, or the exam's closing if sooner); nil
        /// while neither applies.
        public var deadline: Int64?
        /// The paper as the server handed it out: its lessons, whether it had their tasks, and each item's choice
        /// order for this learner (course letters as shown; empty when not a choice question).
        public var lessons: [String]
        public var withTasks: Bool
        public var orders: [String: [String]]

        public init(startedAt: Int64, timeLimit: Int?, closedAt: Int64? = nil, paper: ExamPaper) {
            self.startedAt = startedAt
            let ends = [timeLimit.map { startedAt + Int64($0) }, closedAt].compactMap { $0 }
            deadline = ends.min()
            lessons = paper.lessons
            withTasks = paper.withTasks
            orders = Dictionary(paper.items.map { ($0.id, $0.order) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// What arrives this long after the deadline was on its way when time ran out (a slow network, a batch).
    public static let grace: Int64 = 30

    /// The learner's sittings, by exam id.
    public private(set) var sittings: [String: Sitting] = [:]
    /// Class exams whose `exam-start` was counted, and those the learner ended (`exam-end`: handed in).
    public private(set) var started: Set<String> = []
    public private(set) var ended: Set<String> = []
    /// Per exam, its events not counted because they reached the server after the time ran out.
    public private(set) var late: [String: Int] = [:]
    /// Exam events not counted because the server never handed out that exam (practice exams).
    public private(set) var practice = 0

    public init() {}

    public mutating func add(exam: String, _ sitting: Sitting) {
        sittings[exam] = sitting
    }

    /// The record as the class counts it (an exam's start with the server's own lessons, an answer with the
    /// server's own choice order), or nil when it does not count. Records come in order, once each.
    public mutating func admit(_ record: TranscriptRecord) -> TranscriptRecord? {
        var event = record.event
        guard let exam = event.exam else { return record }
        guard let sitting = sittings[exam] else {
            practice += 1
            return nil
        }
        if let deadline = sitting.deadline, let time = Regrader.epochSeconds(record.time), Int64(time) > deadline + Self.grace {
            late[exam, default: 0] += 1
            return nil
        }
        switch event.kind {
        case .examStart:
            guard started.insert(exam).inserted else { return nil }
            event.lessons = sitting.lessons
            event.withTasks = sitting.withTasks
        case .examEnd:
            // An answer before its sitting's start cannot be placed in an exam: the ledger would count it against
            // whichever exam came last. The same for an end.
            guard started.contains(exam), ended.insert(exam).inserted else { return nil }
        default:
            guard started.contains(exam), !ended.contains(exam) else { return nil }
            // Only the paper's items; an answer is read in the order the server shuffled for this learner.
            if let item = event.item {
                guard let order = sitting.orders[item] else { return nil }
                if event.kind == .answer { event.choiceOrder = order.isEmpty ? nil : order }
            }
        }
        var counted = record
        counted.event = event
        return counted
    }
}
