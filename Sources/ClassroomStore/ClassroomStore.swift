import Classroom

/// Where classes, learners, their events and broadcasts are kept. One protocol, so the server and its tests
/// run the same way on every backend; SQLite (`SQLiteClassroomStore`) is the embedded default.
public protocol ClassroomStore: Sendable {
    /// Adds a class; fails with `ClassroomStoreError.classNameTaken` when the name is in use.
    func createClass(_ record: ClassRecord) async throws -> ClassRecord
    func classes() async throws -> [ClassRecord]
    func classNamed(_ name: String) async throws -> ClassRecord?
    func classWithJoinCode(_ code: String) async throws -> ClassRecord?

    /// Adds a learner to a class; fails with `ClassroomStoreError.nameTaken` when the class has one of that name.
    func addLearner(_ learner: LearnerRecord) async throws -> LearnerRecord
    func learner(tokenDigest: String) async throws -> LearnerRecord?
    func learner(id: Int64) async throws -> LearnerRecord?
    func learners(classID: Int64) async throws -> [LearnerRecord]
    /// Sets the LMS identities of a learner (email, SIS id, section).
    func updateLearner(_ learner: LearnerRecord) async throws

    /// In one transaction: reads the learner's last held event, lets `decide` judge what to add (it may look up
    /// the learner's hash of held events, at least the last `Intake.batchLimit` of them: enough to recognise any
    /// batch sent again), and stores the events it returns. Two requests of one learner can never both extend the
    /// same tail, whichever server process they reach. `believedLast` is the caller's copy of the last held record
    /// (as it last stored it), if it has one: a store may judge against it first and store only if it is still the
    /// last, sparing a read (it must never store against a tail that is not the last).
    func append<Verdict: Sendable>(
        learnerID: Int64, believedLast: StoredEvent?,
        _ decide: @escaping @Sendable (_ last: StoredEvent?, _ heldHash: (Int) throws -> String?) throws -> (Verdict, [StoredEvent])
    ) async throws -> Verdict
    /// The learner's held events after `seq`, in order.
    func events(learnerID: Int64, after seq: Int) async throws -> [StoredEvent]

    func addBroadcast(classID: Int64, text: String, at time: Int64) async throws -> Broadcast
    func broadcasts(classID: Int64, after id: Int64) async throws -> [Broadcast]

    /// Opens an exam for its class, closing the one open before (a class has one exam at a time).
    func openExam(_ exam: ExamRecord) async throws -> ExamRecord
    /// Closes the class's open exam, if any: no paper is handed out after.
    func closeExam(classID: Int64, at time: Int64) async throws
    /// The class's exams, oldest first.
    func exams(classID: Int64) async throws -> [ExamRecord]
    /// Starts the learner's sitting of an exam at `time`; when it started before (the paper asked for again), the
    /// sitting as it was: its clock is never reset.
    func startSitting(examID: Int64, learnerID: Int64, at time: Int64) async throws -> SittingRecord
    /// Every sitting of the class's exams.
    func sittings(classID: Int64) async throws -> [SittingRecord]

    /// Lessons after `lesson` in the course are locked for the class's learners; nil opens every lesson.
    func setOpenThrough(classID: Int64, lesson: String?) async throws
    func openThrough(classID: Int64) async throws -> String?

    /// The learners with new events stored by any process sharing this store (this one included), as they are
    /// stored; nil when only this process writes to it (SQLite).
    func changes() -> AsyncStream<StoreChange>?
}

/// What another process stored: a learner's events up to `lastSeq`, or an instructor's message.
public enum StoreChange: Sendable, Equatable {
    case events(learnerID: Int64, lastSeq: Int)
    case broadcast(classID: Int64, id: Int64)
}

/// Opens the store a `--db` value names: a `postgres://` address, or the path of an SQLite file.
extension ExamRecord {
    /// How a store keeps the lessons: one id per line (ids have no line breaks).
    static func lessons(from text: String) -> [String] { text.split(separator: "\n").map(String.init) }
    var lessonsText: String { lessons.joined(separator: "\n") }
}

public enum ClassroomStores {
    public static func open(_ location: String) async throws(ClassroomStoreError) -> any ClassroomStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresClassroomStore(url: location)
        }
        return try SQLiteClassroomStore(path: location)
    }
}

public enum ClassroomStoreError: Error, Equatable, CustomStringConvertible {
    /// A learner of that name is in the class.
    case nameTaken(String)
    /// A class of that name exists.
    case classNameTaken(String)
    /// The database could not be opened or used; the text says why, in the database's words.
    case unavailable(String)

    public var description: String {
        switch self {
        case .nameTaken(let name): "the name '\(name)' is already taken"
        case .classNameTaken(let name): "there is a class called '\(name)' already"
        case .unavailable(let reason): reason
        }
    }
}
