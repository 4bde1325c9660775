import Classroom
import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode (readers never wait for the writer), with a
/// busy timeout, and the schema made by versioned migrations so a newer server opens an older file.
public final class SQLiteClassroomStore: ClassroomStore {
    private let pool: DatabasePool
    public let path: String

    public init(path: String) throws(ClassroomStoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) == nil {
            throw .unavailable("cannot make the folder \(folder) for the class database \(path)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .unavailable("cannot open the class database \(path): \(Self.reason(error))")
        }
    }

    /// The schema, one migration per version; a migration once released is never edited, only followed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-classes-learners-events") { db in
            try db.execute(sql: """
                CREATE TABLE classes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    course_path TEXT NOT NULL,
                    join_code TEXT NOT NULL UNIQUE,
                    join_code_expires_at INTEGER NOT NULL,
                    instructor_token_digest TEXT NOT NULL,
                    signing_key TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE learners (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    token_digest TEXT NOT NULL UNIQUE,
                    joined_at INTEGER NOT NULL,
                    email TEXT,
                    sis_id TEXT,
                    section TEXT,
                    UNIQUE (class_id, name)
                );
                CREATE TABLE events (
                    learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    learner_hash TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    line TEXT NOT NULL,
                    PRIMARY KEY (learner_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE broadcasts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    sent_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("2-exams") { db in
            try db.execute(sql: """
                CREATE TABLE exams (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                    lessons TEXT NOT NULL,
                    with_tasks INTEGER NOT NULL,
                    time_limit INTEGER,
                    seed INTEGER NOT NULL,
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER
                );
                CREATE TABLE exam_sittings (
                    exam_id INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
                    learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
                    started_at INTEGER NOT NULL,
                    PRIMARY KEY (exam_id, learner_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("3-lesson-locks") { db in
            try db.execute(sql: """
                CREATE TABLE lesson_locks (
                    class_id INTEGER PRIMARY KEY REFERENCES classes(id) ON DELETE CASCADE,
                    open_through TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs a database call, turning its errors into the store's.
    private func run<T>(_ body: () async throws -> T) async throws(ClassroomStoreError) -> T {
        do {
            return try await body()
        } catch let error as ClassroomStoreError {
            throw error
        } catch {
            throw .unavailable(Self.reason(error))
        }
    }

    public func createClass(_ record: ClassRecord) async throws -> ClassRecord {
        try await run {
            try await pool.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM classes WHERE name = ?", arguments: [record.name]) == true {
                    throw ClassroomStoreError.classNameTaken(record.name)
                }
                try db.execute(sql: """
                    INSERT INTO classes (name, course_path, join_code, join_code_expires_at, instructor_token_digest, signing_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.name, record.coursePath, record.joinCode, record.joinCodeExpiresAt,
                                     record.instructorTokenDigest, record.signingKey, record.createdAt])
                var stored = record
                stored.id = db.lastInsertedRowID
                return stored
            }
        }
    }

    private static func classRecord(_ row: Row) -> ClassRecord {
        ClassRecord(id: row["id"], name: row["name"], coursePath: row["course_path"], joinCode: row["join_code"],
                    joinCodeExpiresAt: row["join_code_expires_at"], instructorTokenDigest: row["instructor_token_digest"],
                    signingKey: row["signing_key"], createdAt: row["created_at"])
    }

    private static func learnerRecord(_ row: Row) -> LearnerRecord {
        LearnerRecord(id: row["id"], classID: row["class_id"], name: row["name"], tokenDigest: row["token_digest"],
                      joinedAt: row["joined_at"], email: row["email"], sisID: row["sis_id"], section: row["section"])
    }

    public func classes() async throws -> [ClassRecord] {
        try await run { try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM classes ORDER BY id").map(Self.classRecord) } }
    }

    public func classNamed(_ name: String) async throws -> ClassRecord? {
        try await run {
            try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM classes WHERE name = ?", arguments: [name]).map(Self.classRecord) }
        }
    }

    public func classWithJoinCode(_ code: String) async throws -> ClassRecord? {
        try await run {
            try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM classes WHERE join_code = ?", arguments: [code]).map(Self.classRecord) }
        }
    }

    public func addLearner(_ learner: LearnerRecord) async throws -> LearnerRecord {
        try await run {
            try await pool.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM learners WHERE class_id = ? AND name = ?", arguments: [learner.classID, learner.name]) == true {
                    throw ClassroomStoreError.nameTaken(learner.name)
                }
                try db.execute(sql: """
                    INSERT INTO learners (class_id, name, token_digest, joined_at, email, sis_id, section) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [learner.classID, learner.name, learner.tokenDigest, learner.joinedAt, learner.email, learner.sisID, learner.section])
                var stored = learner
                stored.id = db.lastInsertedRowID
                return stored
            }
        }
    }

    public func learner(tokenDigest: String) async throws -> LearnerRecord? {
        try await run {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM learners WHERE token_digest = ?", arguments: [tokenDigest]).map(Self.learnerRecord)
            }
        }
    }

    public func learner(id: Int64) async throws -> LearnerRecord? {
        try await run {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM learners WHERE id = ?", arguments: [id]).map(Self.learnerRecord)
            }
        }
    }

    /// One process writes an SQLite class database, so there is nothing to hear from others.
    public func changes() -> AsyncStream<StoreChange>? { nil }

    public func learners(classID: Int64) async throws -> [LearnerRecord] {
        try await run {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM learners WHERE class_id = ? ORDER BY name", arguments: [classID]).map(Self.learnerRecord)
            }
        }
    }

    public func updateLearner(_ learner: LearnerRecord) async throws {
        try await run {
            try await pool.write { db in
                try db.execute(sql: "UPDATE learners SET email = ?, sis_id = ?, section = ? WHERE id = ?",
                               arguments: [learner.email, learner.sisID, learner.section, learner.id])
            }
        }
    }

    /// One transaction reads the tail, judges and stores: reading in-process costs less than checking a belief.
    public func append<Verdict: Sendable>(
        learnerID: Int64, believedLast: StoredEvent?,
        _ decide: @escaping @Sendable (_ last: StoredEvent?, _ heldHash: (Int) throws -> String?) throws -> (Verdict, [StoredEvent])
    ) async throws -> Verdict {
        try await run {
            try await pool.write { db in
                let last = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE learner_id = ? ORDER BY seq DESC LIMIT 1",
                                            arguments: [learnerID]).map(Self.storedEvent)
                let (verdict, events) = try decide(last) { seq in
                    try String.fetchOne(db, sql: "SELECT learner_hash FROM events WHERE learner_id = ? AND seq = ?", arguments: [learnerID, seq])
                }
                let insert = try db.cachedStatement(sql: "INSERT INTO events (learner_id, seq, learner_hash, received_at, line) VALUES (?, ?, ?, ?, ?)")
                for event in events {
                    try insert.execute(arguments: [learnerID, event.seq, event.learnerHash, event.receivedAt, event.line])
                }
                return verdict
            }
        }
    }

    private static func storedEvent(_ row: Row) -> StoredEvent {
        StoredEvent(seq: row["seq"], learnerHash: row["learner_hash"], receivedAt: row["received_at"], line: row["line"])
    }

    public func events(learnerID: Int64, after seq: Int) async throws -> [StoredEvent] {
        try await run {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM events WHERE learner_id = ? AND seq > ? ORDER BY seq",
                                 arguments: [learnerID, seq]).map(Self.storedEvent)
            }
        }
    }

    public func addBroadcast(classID: Int64, text: String, at time: Int64) async throws -> Broadcast {
        try await run {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO broadcasts (class_id, text, sent_at) VALUES (?, ?, ?)", arguments: [classID, text, time])
                return Broadcast(id: db.lastInsertedRowID, text: text, sentAt: time)
            }
        }
    }

    public func broadcasts(classID: Int64, after id: Int64) async throws -> [Broadcast] {
        try await run {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM broadcasts WHERE class_id = ? AND id > ? ORDER BY id", arguments: [classID, id])
                    .map { Broadcast(id: $0["id"], text: $0["text"], sentAt: $0["sent_at"]) }
            }
        }
    }

    // MARK: Exams

    private static func examRecord(_ row: Row) -> ExamRecord {
        ExamRecord(id: row["id"], classID: row["class_id"], lessons: ExamRecord.lessons(from: row["lessons"]), withTasks: row["with_tasks"],
                   timeLimit: row["time_limit"], seed: row["seed"], openedAt: row["opened_at"], closedAt: row["closed_at"])
    }

    public func openExam(_ exam: ExamRecord) async throws -> ExamRecord {
        try await run {
            try await pool.write { db in
                try db.execute(sql: "UPDATE exams SET closed_at = ? WHERE class_id = ? AND closed_at IS NULL", arguments: [exam.openedAt, exam.classID])
                try db.execute(sql: """
                    INSERT INTO exams (class_id, lessons, with_tasks, time_limit, seed, opened_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [exam.classID, exam.lessonsText, exam.withTasks, exam.timeLimit, exam.seed, exam.openedAt])
                var stored = exam
                stored.id = db.lastInsertedRowID
                stored.closedAt = nil
                return stored
            }
        }
    }

    public func closeExam(classID: Int64, at time: Int64) async throws {
        try await run {
            try await pool.write { db in
                try db.execute(sql: "UPDATE exams SET closed_at = ? WHERE class_id = ? AND closed_at IS NULL", arguments: [time, classID])
            }
        }
    }

    public func exams(classID: Int64) async throws -> [ExamRecord] {
        try await run {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM exams WHERE class_id = ? ORDER BY id", arguments: [classID]).map(Self.examRecord)
            }
        }
    }

    public func startSitting(examID: Int64, learnerID: Int64, at time: Int64) async throws -> SittingRecord {
        try await run {
            try await pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO exam_sittings (exam_id, learner_id, started_at) VALUES (?, ?, ?)",
                               arguments: [examID, learnerID, time])
                let started = try Int64.fetchOne(db, sql: "SELECT started_at FROM exam_sittings WHERE exam_id = ? AND learner_id = ?",
                                                 arguments: [examID, learnerID]) ?? time
                return SittingRecord(examID: examID, learnerID: learnerID, startedAt: started)
            }
        }
    }

    public func sittings(classID: Int64) async throws -> [SittingRecord] {
        try await run {
            try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.exam_id, s.learner_id, s.started_at FROM exam_sittings s JOIN exams e ON e.id = s.exam_id
                    WHERE e.class_id = ? ORDER BY s.exam_id, s.learner_id
                    """, arguments: [classID])
                    .map { SittingRecord(examID: $0["exam_id"], learnerID: $0["learner_id"], startedAt: $0["started_at"]) }
            }
        }
    }

    // MARK: Lesson locks

    public func setOpenThrough(classID: Int64, lesson: String?) async throws {
        try await run {
            try await pool.write { db in
                if let lesson {
                    try db.execute(sql: "INSERT INTO lesson_locks (class_id, open_through) VALUES (?, ?) ON CONFLICT (class_id) DO UPDATE SET open_through = excluded.open_through",
                                   arguments: [classID, lesson])
                } else {
                    try db.execute(sql: "DELETE FROM lesson_locks WHERE class_id = ?", arguments: [classID])
                }
            }
        }
    }

    public func openThrough(classID: Int64) async throws -> String? {
        try await run {
            try await pool.read { db in try String.fetchOne(db, sql: "SELECT open_through FROM lesson_locks WHERE class_id = ?", arguments: [classID]) }
        }
    }
}
