import Classroom
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Asked for a held record's hash that was not read yet (a batch sent again).
private struct NeedHashes: Error { var from: Int }

/// The store for a large class or several server processes behind one address: PostgreSQL through postgres-nio.
/// The schema is SQLite's, made by the same numbered migrations (run under an advisory lock, so processes starting
/// together do not race). Each append announces itself with NOTIFY, so every server process folds every learner's
/// events (`changes`).
public final class PostgresClassroomStore: ClassroomStore, @unchecked Sendable {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    public let address: String

    static let channel = "rolecall_events"

    /// `url`: `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (`postgresql://` too); TLS off unless `?sslmode=require`.
    public init(url: String) async throws(ClassroomStoreError) {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user else {
            throw .unavailable("'\(url)' is not a PostgreSQL address; it looks like postgres://USER:PASSWORD@HOST:5432/DATABASE")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let requireTLS = components.queryItems?.contains { $0.name == "sslmode" && $0.value == "require" } ?? false
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database,
            tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = .seconds(5)
        // A commit need not wait for the disk: what a crash of PostgreSQL could lose was acknowledged to a learner
        // whose own transcript still holds it, and is sent again when the server asks for what it holds.
        configuration.options.additionalStartupParameters = [("synchronous_commit", "off")]
        var logger = Logger(label: "rolecall-classroom-postgres")
        logger.logLevel = .critical
        self.logger = logger
        address = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database)"
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            // The pool keeps trying to connect, so a server that is not there is found out first, by one plain
            // connection (refused or silent for 5 seconds: reported at once). Then the migrations get a minute: on
            // a busy machine a healthy server can take more than a few seconds to answer a new database's first
            // connection.
            try await Self.reach(host: host, port: components.port ?? 5432, username: user, password: components.password,
                                 database: database.isEmpty ? nil : database, requireTLS: requireTLS, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.migrate() }
                group.addTask {
                    try await Task.sleep(nanoseconds: 60_000_000_000)
                    throw ClassroomStoreError.unavailable("no answer in 60 seconds")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            runner.cancel()
            throw .unavailable("cannot use the database \(address): \(Self.reason(error))")
        }
    }

    deinit { runner.cancel() }

    /// Opens and closes one connection with the pool's settings, on NIO's own threads and timer: a server that is
    /// not there, a wrong password or a missing database is reported at once, in the server's words.
    static func reach(host: String, port: Int, username: String, password: String?, database: String?, requireTLS: Bool,
                      logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS = requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        var single = PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        single.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(configuration: single, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError {
            if let message = error.serverInfo?[.message] { throw ClassroomStoreError.unavailable(message) }
            var reason = "no answer in 5 seconds"
            if let failed = error.underlying as? NIOConnectionError {
                if failed.connectionErrors.isEmpty {
                    reason = "the name \(host) is not known"
                } else if let io = failed.connectionErrors.first?.error as? IOError {
                    reason = String(cString: strerror(io.errnoCode)).lowercased()
                }
            } else if let io = error.underlying as? IOError {
                reason = String(cString: strerror(io.errnoCode)).lowercased()
            }
            throw ClassroomStoreError.unavailable("nothing answers at \(host):\(port) (\(reason))")
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }

    /// The same schema as SQLite's, one migration per version, never edited once released.
    static let migrations: [(id: String, statements: [PostgresQuery])] = [
        ("1-classes-learners-events", [
            """
            CREATE TABLE classes (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                course_path TEXT NOT NULL,
                join_code TEXT NOT NULL UNIQUE,
                join_code_expires_at BIGINT NOT NULL,
                instructor_token_digest TEXT NOT NULL,
                signing_key TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE learners (
                id BIGSERIAL PRIMARY KEY,
                class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_digest TEXT NOT NULL UNIQUE,
                joined_at BIGINT NOT NULL,
                email TEXT,
                sis_id TEXT,
                section TEXT,
                UNIQUE (class_id, name)
            )
            """,
            """
            CREATE TABLE events (
                learner_id BIGINT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
                seq BIGINT NOT NULL,
                learner_hash TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                line TEXT NOT NULL,
                PRIMARY KEY (learner_id, seq)
            )
            """,
            """
            CREATE TABLE broadcasts (
                id BIGSERIAL PRIMARY KEY,
                class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                sent_at BIGINT NOT NULL
            )
            """,
        ]),
        ("2-exams", [
            """
            CREATE TABLE exams (
                id BIGSERIAL PRIMARY KEY,
                class_id BIGINT NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
                lessons TEXT NOT NULL,
                with_tasks BOOLEAN NOT NULL,
                time_limit BIGINT,
                seed BIGINT NOT NULL,
                opened_at BIGINT NOT NULL,
                closed_at BIGINT
            )
            """,
            """
            CREATE TABLE exam_sittings (
                exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
                learner_id BIGINT NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
                started_at BIGINT NOT NULL,
                PRIMARY KEY (exam_id, learner_id)
            )
            """,
        ]),
        ("3-lesson-locks", [
            """
            CREATE TABLE lesson_locks (
                class_id BIGINT PRIMARY KEY REFERENCES classes(id) ON DELETE CASCADE,
                open_through TEXT NOT NULL
            )
            """,
        ]),
    ]

    /// An advisory lock key of this program's own, for migrations.
    static let migrationLock: Int64 = 0x726f_6c65_6361_6c6c

    private func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await Self.drain(connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger))
            try await Self.drain(connection.query("CREATE TABLE IF NOT EXISTS rolecall_migrations (id TEXT PRIMARY KEY)", logger: logger))
            var applied = Set<String>()
            for try await id in try await connection.query("SELECT id FROM rolecall_migrations", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            for migration in Self.migrations where !applied.contains(migration.id) {
                for statement in migration.statements { try await Self.drain(connection.query(statement, logger: logger)) }
                try await Self.drain(connection.query("INSERT INTO rolecall_migrations (id) VALUES (\(migration.id))", logger: logger))
            }
        }
    }

    /// Reads a statement's result to its end: a failure (a key already taken) is reported there, not when sent.
    static func drain(_ rows: PostgresRowSequence) async throws {
        for try await _ in rows {}
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

    private typealias ClassRow = (Int64, String, String, String, Int64, String, String, Int64)
    private static let classColumns = "id, name, course_path, join_code, join_code_expires_at, instructor_token_digest, signing_key, created_at"

    private static func classRecord(_ row: ClassRow) -> ClassRecord {
        ClassRecord(id: row.0, name: row.1, coursePath: row.2, joinCode: row.3, joinCodeExpiresAt: row.4,
                    instructorTokenDigest: row.5, signingKey: row.6, createdAt: row.7)
    }

    private typealias LearnerRow = (Int64, Int64, String, String, Int64, String?, String?, String?)
    private static let learnerColumns = "id, class_id, name, token_digest, joined_at, email, sis_id, section"

    private static func learnerRecord(_ row: LearnerRow) -> LearnerRecord {
        LearnerRecord(id: row.0, classID: row.1, name: row.2, tokenDigest: row.3, joinedAt: row.4, email: row.5, sisID: row.6, section: row.7)
    }

    private func classes(_ query: PostgresQuery) async throws -> [ClassRecord] {
        var result: [ClassRecord] = []
        for try await row in try await client.query(query, logger: logger).decode(ClassRow.self) { result.append(Self.classRecord(row)) }
        return result
    }

    private func learners(_ query: PostgresQuery) async throws -> [LearnerRecord] {
        var result: [LearnerRecord] = []
        for try await row in try await client.query(query, logger: logger).decode(LearnerRow.self) { result.append(Self.learnerRecord(row)) }
        return result
    }

    public func createClass(_ record: ClassRecord) async throws -> ClassRecord {
        try await run {
            let rows = try await client.query("""
                INSERT INTO classes (name, course_path, join_code, join_code_expires_at, instructor_token_digest, signing_key, created_at)
                VALUES (\(record.name), \(record.coursePath), \(record.joinCode), \(record.joinCodeExpiresAt), \(record.instructorTokenDigest),
                        \(record.signingKey), \(record.createdAt))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                var stored = record
                stored.id = id
                return stored
            }
            throw ClassroomStoreError.classNameTaken(record.name)
        }
    }

    public func classes() async throws -> [ClassRecord] {
        try await run { try await classes("SELECT \(unescaped: Self.classColumns) FROM classes ORDER BY id") }
    }

    public func classNamed(_ name: String) async throws -> ClassRecord? {
        try await run { try await classes("SELECT \(unescaped: Self.classColumns) FROM classes WHERE name = \(name)").first }
    }

    public func classWithJoinCode(_ code: String) async throws -> ClassRecord? {
        try await run { try await classes("SELECT \(unescaped: Self.classColumns) FROM classes WHERE join_code = \(code)").first }
    }

    public func addLearner(_ learner: LearnerRecord) async throws -> LearnerRecord {
        try await run {
            let rows = try await client.query("""
                INSERT INTO learners (class_id, name, token_digest, joined_at, email, sis_id, section)
                VALUES (\(learner.classID), \(learner.name), \(learner.tokenDigest), \(learner.joinedAt), \(learner.email), \(learner.sisID), \(learner.section))
                ON CONFLICT (class_id, name) DO NOTHING RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                var stored = learner
                stored.id = id
                return stored
            }
            throw ClassroomStoreError.nameTaken(learner.name)
        }
    }

    public func learner(tokenDigest: String) async throws -> LearnerRecord? {
        try await run { try await learners("SELECT \(unescaped: Self.learnerColumns) FROM learners WHERE token_digest = \(tokenDigest)").first }
    }

    public func learner(id: Int64) async throws -> LearnerRecord? {
        try await run { try await learners("SELECT \(unescaped: Self.learnerColumns) FROM learners WHERE id = \(id)").first }
    }

    public func learners(classID: Int64) async throws -> [LearnerRecord] {
        try await run { try await learners("SELECT \(unescaped: Self.learnerColumns) FROM learners WHERE class_id = \(classID) ORDER BY name") }
    }

    public func updateLearner(_ learner: LearnerRecord) async throws {
        try await run {
            try await Self.drain(client.query("UPDATE learners SET email = \(learner.email), sis_id = \(learner.sisID), section = \(learner.section) WHERE id = \(learner.id)",
                                              logger: logger))
        }
    }

    /// Two round trips, no explicit transaction: read the last held record, judge, then store the new records and
    /// announce them in one statement. The key (learner, seq) is what keeps two writers from extending the same
    /// tail: the second one's insert fails, and it judges again against the new tail. (Seven round trips with a
    /// transaction and an advisory lock took three times as long per request.)
    ///
    /// With `believedLast` (this process stored the learner's last batch), one round trip: the batch is judged
    /// against it and stored by one statement only if it is still the last held record; otherwise, or when the
    /// batch is a resend or refused (which a stale belief could cause), the two round trips below decide.
    public func append<Verdict: Sendable>(
        learnerID: Int64, believedLast: StoredEvent?,
        _ decide: @escaping @Sendable (_ last: StoredEvent?, _ heldHash: (Int) throws -> String?) throws -> (Verdict, [StoredEvent])
    ) async throws -> Verdict {
        try await run {
            if let believed = believedLast, let (verdict, events) = try Self.judgeAgainst(believed, decide), !events.isEmpty {
                let rows = try await client.query(Self.insertAndNotify(learnerID: learnerID, events, ifLast: believed), logger: logger)
                var stored = false
                do {
                    for try await _ in rows { stored = true }
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                    stored = false  // another request of this learner stored first
                }
                if stored { return verdict }
            }
            // One learner's `rolecall` sends one request at a time, so this loop runs once but under contention,
            // where each round one writer wins.
            for attempt in 0..<50 {
                if attempt > 0 { try await Task.sleep(nanoseconds: UInt64.random(in: 100_000...2_000_000)) }
                let (verdict, events) = try await judge(learnerID: learnerID, decide)
                guard !events.isEmpty else { return verdict }
                do {
                    try await Self.drain(client.query(Self.insertAndNotify(learnerID: learnerID, events), logger: logger))
                    return verdict
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                    continue  // another request of this learner stored first: judge again
                }
            }
            throw ClassroomStoreError.unavailable("the learner's records kept changing while being stored")
        }
    }

    private func judge<Verdict: Sendable>(
        learnerID: Int64,
        _ decide: @escaping @Sendable (_ last: StoredEvent?, _ heldHash: (Int) throws -> String?) throws -> (Verdict, [StoredEvent])
    ) async throws -> (Verdict, [StoredEvent]) {
        var last: StoredEvent?
        let rows = try await client.query("""
            SELECT seq, learner_hash, received_at, line FROM events WHERE learner_id = \(learnerID) ORDER BY seq DESC LIMIT 1
            """, logger: logger)
        for try await (seq, hash, receivedAt, line) in rows.decode((Int64, String, Int64, String).self) {
            last = StoredEvent(seq: Int(seq), learnerHash: hash, receivedAt: receivedAt, line: line)
        }
        // Held hashes are needed only for a batch sent again (a lost reply): then they are read, from the first one
        // asked for to the last held, and the batch is judged again.
        var known: [Int: String] = last.map { [$0.seq: $0.learnerHash] } ?? [:]
        for _ in 0..<2 {
            do {
                return try decide(last) { seq in
                    if let hash = known[seq] { return hash }
                    guard let held = last?.seq, seq <= held, known.count == 1 else { return nil }
                    throw NeedHashes(from: seq)
                }
            } catch let need as NeedHashes {
                let hashes = try await client.query("""
                    SELECT seq, learner_hash FROM events WHERE learner_id = \(learnerID) AND seq >= \(Int64(need.from))
                    """, logger: logger)
                for try await (seq, hash) in hashes.decode((Int64, String).self) { known[Int(seq)] = hash }
            }
        }
        throw ClassroomStoreError.unavailable("the held records could not be read")
    }

    /// Judges a batch against the record believed last; nil when the batch needs held hashes this belief lacks (a
    /// resend after a lost reply).
    static func judgeAgainst<Verdict>(
        _ believed: StoredEvent,
        _ decide: (_ last: StoredEvent?, _ heldHash: (Int) throws -> String?) throws -> (Verdict, [StoredEvent])
    ) throws -> (Verdict, [StoredEvent])? {
        do {
            return try decide(believed) { seq in
                if seq == believed.seq { return believed.learnerHash }
                if seq < believed.seq { throw NeedHashes(from: seq) }
                return nil
            }
        } catch is NeedHashes {
            return nil
        }
    }

    /// One statement: every new record, then a NOTIFY to every server process (sent when it commits). With
    /// `ifLast`, nothing is stored (and no row returned) unless that record is still the learner's last.
    static func insertAndNotify(learnerID: Int64, _ events: [StoredEvent], ifLast believed: StoredEvent? = nil) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: events.count * 5 + 2)
        var rows: [String] = []
        for (index, event) in events.enumerated() {
            let base = index * 5
            rows.append("($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4), $\(base + 5))")
            bindings.append(learnerID)
            bindings.append(Int64(event.seq))
            bindings.append(event.learnerHash)
            bindings.append(event.receivedAt)
            bindings.append(event.line)
        }
        let channelIndex = events.count * 5 + 1
        bindings.append(channel)
        bindings.append("\(learnerID) \(events.map(\.seq).max() ?? 0)")
        guard let believed else {
            return PostgresQuery(unsafeSQL: """
                WITH stored AS (INSERT INTO events (learner_id, seq, learner_hash, received_at, line) VALUES \(rows.joined(separator: ", ")) RETURNING 1)
                SELECT pg_notify($\(channelIndex), $\(channelIndex + 1)) FROM (SELECT 1 FROM stored LIMIT 1) AS announced
                """, binds: bindings)
        }
        bindings.append(Int64(believed.seq))
        bindings.append(believed.learnerHash)
        let learnerIndex = 1
        return PostgresQuery(unsafeSQL: """
            WITH tail AS (SELECT seq, learner_hash FROM events WHERE learner_id = $\(learnerIndex) ORDER BY seq DESC LIMIT 1),
            stored AS (
                INSERT INTO events (learner_id, seq, learner_hash, received_at, line)
                SELECT * FROM (VALUES \(rows.joined(separator: ", "))) AS new (learner_id, seq, learner_hash, received_at, line)
                WHERE (SELECT seq FROM tail) = $\(channelIndex + 2) AND (SELECT learner_hash FROM tail) = $\(channelIndex + 3)
                RETURNING 1)
            SELECT pg_notify($\(channelIndex), $\(channelIndex + 1)) FROM (SELECT 1 FROM stored LIMIT 1) AS announced
            """, binds: bindings)
    }

    public func events(learnerID: Int64, after seq: Int) async throws -> [StoredEvent] {
        try await run {
            var result: [StoredEvent] = []
            let rows = try await client.query("""
                SELECT seq, learner_hash, received_at, line FROM events WHERE learner_id = \(learnerID) AND seq > \(Int64(seq)) ORDER BY seq
                """, logger: logger)
            for try await (seq, hash, receivedAt, line) in rows.decode((Int64, String, Int64, String).self) {
                result.append(StoredEvent(seq: Int(seq), learnerHash: hash, receivedAt: receivedAt, line: line))
            }
            return result
        }
    }

    public func addBroadcast(classID: Int64, text: String, at time: Int64) async throws -> Broadcast {
        try await run {
            let rows = try await client.query("""
                WITH stored AS (INSERT INTO broadcasts (class_id, text, sent_at) VALUES (\(classID), \(text), \(time)) RETURNING id)
                SELECT id, pg_notify(\(Self.channel), 'broadcast ' || \(String(classID)) || ' ' || id) FROM stored
                """, logger: logger)
            for try await (id, _) in rows.decode((Int64, String).self) { return Broadcast(id: id, text: text, sentAt: time) }
            throw ClassroomStoreError.unavailable("the message was not stored")
        }
    }

    public func broadcasts(classID: Int64, after id: Int64) async throws -> [Broadcast] {
        try await run {
            var result: [Broadcast] = []
            let rows = try await client.query("SELECT id, text, sent_at FROM broadcasts WHERE class_id = \(classID) AND id > \(id) ORDER BY id",
                                              logger: logger)
            for try await (id, text, sentAt) in rows.decode((Int64, String, Int64).self) { result.append(Broadcast(id: id, text: text, sentAt: sentAt)) }
            return result
        }
    }

    /// Learners with new events, from every server process on this database (including this one), as they commit.
    public func changes() -> AsyncStream<StoreChange>? {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self, bufferingPolicy: .bufferingNewest(10_000))
        let client = client, logger = logger
        let listener = Task {
            // A dropped connection is listened on again.
            while !Task.isCancelled {
                try? await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        for try await notification in notifications {
                            let parts = notification.payload.split(separator: " ")
                            if parts.count == 2, let id = Int64(parts[0]), let seq = Int(parts[1]) {
                                continuation.yield(.events(learnerID: id, lastSeq: seq))
                            } else if parts.count == 3, parts[0] == "broadcast", let classID = Int64(parts[1]), let id = Int64(parts[2]) {
                                continuation.yield(.broadcast(classID: classID, id: id))
                            }
                        }
                    }
                }
                try? await Task.sleep(nanoseconds: 500_000_000)
            }
            _ = logger
        }
        continuation.onTermination = { _ in listener.cancel() }
        return stream
    }

    // MARK: Exams

    private typealias ExamRow = (Int64, Int64, String, Bool, Int64?, Int64, Int64, Int64?)
    private static let examColumns = "id, class_id, lessons, with_tasks, time_limit, seed, opened_at, closed_at"

    private static func examRecord(_ row: ExamRow) -> ExamRecord {
        ExamRecord(id: row.0, classID: row.1, lessons: ExamRecord.lessons(from: row.2), withTasks: row.3, timeLimit: row.4.map(Int.init),
                   seed: Int(row.5), openedAt: row.6, closedAt: row.7)
    }

    public func openExam(_ exam: ExamRecord) async throws -> ExamRecord {
        try await run {
            // One statement: the old exam is closed and the new one opened together.
            let rows = try await client.query("""
                WITH closed AS (UPDATE exams SET closed_at = \(exam.openedAt) WHERE class_id = \(exam.classID) AND closed_at IS NULL)
                INSERT INTO exams (class_id, lessons, with_tasks, time_limit, seed, opened_at)
                VALUES (\(exam.classID), \(exam.lessonsText), \(exam.withTasks), \(exam.timeLimit.map(Int64.init)), \(Int64(exam.seed)), \(exam.openedAt))
                RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                var stored = exam
                stored.id = id
                stored.closedAt = nil
                return stored
            }
            throw ClassroomStoreError.unavailable("the exam was not stored")
        }
    }

    public func closeExam(classID: Int64, at time: Int64) async throws {
        try await run {
            try await Self.drain(client.query("UPDATE exams SET closed_at = \(time) WHERE class_id = \(classID) AND closed_at IS NULL", logger: logger))
        }
    }

    public func exams(classID: Int64) async throws -> [ExamRecord] {
        try await run {
            var result: [ExamRecord] = []
            let rows = try await client.query("SELECT \(unescaped: Self.examColumns) FROM exams WHERE class_id = \(classID) ORDER BY id", logger: logger)
            for try await row in rows.decode(ExamRow.self) { result.append(Self.examRecord(row)) }
            return result
        }
    }

    public func startSitting(examID: Int64, learnerID: Int64, at time: Int64) async throws -> SittingRecord {
        try await run {
            // Inserted unless there, then read: the first start stands.
            try await Self.drain(client.query("""
                INSERT INTO exam_sittings (exam_id, learner_id, started_at) VALUES (\(examID), \(learnerID), \(time))
                ON CONFLICT (exam_id, learner_id) DO NOTHING
                """, logger: logger))
            let rows = try await client.query("SELECT started_at FROM exam_sittings WHERE exam_id = \(examID) AND learner_id = \(learnerID)",
                                              logger: logger)
            for try await started in rows.decode(Int64.self) { return SittingRecord(examID: examID, learnerID: learnerID, startedAt: started) }
            throw ClassroomStoreError.unavailable("the sitting was not stored")
        }
    }

    public func sittings(classID: Int64) async throws -> [SittingRecord] {
        try await run {
            var result: [SittingRecord] = []
            let rows = try await client.query("""
                SELECT s.exam_id, s.learner_id, s.started_at FROM exam_sittings s JOIN exams e ON e.id = s.exam_id
                WHERE e.class_id = \(classID) ORDER BY s.exam_id, s.learner_id
                """, logger: logger)
            for try await (exam, learner, started) in rows.decode((Int64, Int64, Int64).self) {
                result.append(SittingRecord(examID: exam, learnerID: learner, startedAt: started))
            }
            return result
        }
    }

    // MARK: Lesson locks

    public func setOpenThrough(classID: Int64, lesson: String?) async throws {
        try await run {
            if let lesson {
                try await Self.drain(client.query("""
                    INSERT INTO lesson_locks (class_id, open_through) VALUES (\(classID), \(lesson))
                    ON CONFLICT (class_id) DO UPDATE SET open_through = EXCLUDED.open_through
                    """, logger: logger))
            } else {
                try await Self.drain(client.query("DELETE FROM lesson_locks WHERE class_id = \(classID)", logger: logger))
            }
        }
    }

    public func openThrough(classID: Int64) async throws -> String? {
        try await run {
            for try await lesson in try await client.query("SELECT open_through FROM lesson_locks WHERE class_id = \(classID)", logger: logger).decode(String.self) {
                return lesson
            }
            return nil
        }
    }
}
