import ClassroomTesting
import Foundation
import Testing
@testable import Classroom
@testable import ClassroomStore

/// Both stores, on a real SQLite file and a real PostgreSQL database, held to one contract.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The backends this machine can test (PostgreSQL when one answers; otherwise its tests say they are skipped).
    static var available: [Backend] { PostgresTest.available ? allCases : [.sqlite] }

    /// A new, empty store; `location` reopens an existing one.
    func make(at location: String? = nil) async throws -> (any ClassroomStore, String) {
        switch self {
        case .sqlite:
            let path = location ?? FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-store-\(UUID().uuidString)/class.sqlite").path
            return (try SQLiteClassroomStore(path: path), path)
        case .postgres:
            let url = if let location { location } else { try await PostgresTest.freshDatabase() }
            return (try await PostgresClassroomStore(url: url), url)
        }
    }
}

@Suite struct PostgresAvailability {
    @Test(.enabled(if: !PostgresTest.available, "PostgreSQL answers: the store and server tests run on it too"))
    func postgresIsSkippedHere() {
        print("NOTICE: \(PostgresTest.skipReason)")
    }
}

@Suite struct StoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-store-\(UUID().uuidString)/class.sqlite").path
    }

    static func newClass(_ name: String = "Tuesday") -> ClassRecord {
        ClassRecord(name: name, coursePath: "/course", joinCode: "ABCD-EFGH", joinCodeExpiresAt: 10, instructorTokenDigest: "d",
                    signingKey: "k", createdAt: 1)
    }

    @Test(arguments: Backend.available) func classesAndLearnersAreKeptAndNamesAreUnique(_ backend: Backend) async throws {
        let (store, _) = try await backend.make()
        let made = try await store.createClass(Self.newClass())
        #expect(made.id > 0)
        await #expect(throws: ClassroomStoreError.classNameTaken("Tuesday")) { _ = try await store.createClass(Self.newClass()) }
        #expect(try await store.classWithJoinCode("ABCD-EFGH")?.name == "Tuesday")
        let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t1", joinedAt: 2))
        await #expect(throws: ClassroomStoreError.nameTaken("ana")) {
            _ = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t2", joinedAt: 2))
        }
        #expect(try await store.learner(tokenDigest: "t1") == ana)
        #expect(try await store.learner(id: ana.id) == ana)
        #expect(try await store.classNamed("Nope") == nil)
        var identified = ana
        identified.email = "ana@x.edu"
        try await store.updateLearner(identified)
        #expect(try await store.learners(classID: made.id).first?.email == "ana@x.edu")
    }

    @Test(arguments: Backend.available) func eventsAppendInOneTransactionAndSurviveReopening(_ backend: Backend) async throws {
        let path: String
        do {
            let (store, location) = try await backend.make()
            path = location
            let made = try await store.createClass(Self.newClass())
            let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
            let stored: Int = try await store.append(learnerID: ana.id, believedLast: nil) { last, _ in
                #expect(last == nil)
                return (2, [StoredEvent(seq: 1, learnerHash: "a", receivedAt: 5, line: "{}"), StoredEvent(seq: 2, learnerHash: "b", receivedAt: 5, line: "{}")])
            }
            #expect(stored == 2)
            // A decision that fails stores nothing.
            await #expect(throws: (any Error).self) {
                let _: Int = try await store.append(learnerID: ana.id, believedLast: nil) { last, heldHash in
                    #expect(last?.seq == 2)
                    #expect(try heldHash(1) == "a")
                    throw ClassroomStoreError.unavailable("no")
                }
            }
            // A second record 2 violates the key: the whole batch is rolled back.
            await #expect(throws: (any Error).self) {
                let _: Int = try await store.append(learnerID: ana.id, believedLast: nil) { _, _ in
                    (0, [StoredEvent(seq: 3, learnerHash: "c", receivedAt: 6, line: "{}"), StoredEvent(seq: 2, learnerHash: "x", receivedAt: 6, line: "{}")])
                }
            }
        }
        let (reopened, _) = try await backend.make(at: path)
        let ana = try #require(try await reopened.learner(tokenDigest: "t"))
        #expect(try await reopened.events(learnerID: ana.id, after: 0).map(\.learnerHash) == ["a", "b"])
        #expect(try await reopened.events(learnerID: ana.id, after: 1).map(\.seq) == [2])
    }

    @Test(arguments: Backend.available) func concurrentAppendsOfOneLearnerNeverExtendTheSameTail(_ backend: Backend) async throws {
        let (store, _) = try await backend.make()
        let made = try await store.createClass(Self.newClass())
        let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let _: Int = try await store.append(learnerID: ana.id, believedLast: nil) { last, _ in
                        let next = (last?.seq ?? 0) + 1
                        return (next, [StoredEvent(seq: next, learnerHash: "h\(next)", receivedAt: 1, line: "{}")])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.events(learnerID: ana.id, after: 0).map(\.seq) == Array(1...20))
    }

    /// A writer's belief about the last record is only a shortcut: when another writer stored meanwhile, the batch
    /// is judged again against the real tail, never stored after a stale one, and never refused because of it.
    @Test(arguments: Backend.available) func aStaleBeliefAboutTheTailIsNeverStoredAgainst(_ backend: Backend) async throws {
        let (store, _) = try await backend.make()
        let made = try await store.createClass(Self.newClass())
        let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
        @Sendable func record(_ seq: Int) -> StoredEvent { StoredEvent(seq: seq, learnerHash: "h\(seq)", receivedAt: 1, line: "{}") }
        let extend: @Sendable (StoredEvent?, (Int) throws -> String?) throws -> (Int, [StoredEvent]) = { last, _ in
            let next = (last?.seq ?? 0) + 1
            return (next, [StoredEvent(seq: next, learnerHash: "h\(next)", receivedAt: 1, line: "{}")])
        }
        #expect(try await store.append(learnerID: ana.id, believedLast: nil, extend) == 1)
        #expect(try await store.append(learnerID: ana.id, believedLast: record(1), extend) == 2, "a true belief")
        #expect(try await store.append(learnerID: ana.id, believedLast: record(1), extend) == 3, "a stale belief: judged against 2")
        var wrongHash = record(3)
        wrongHash.learnerHash = "other"
        #expect(try await store.append(learnerID: ana.id, believedLast: wrongHash, extend) == 4, "a belief with another hash is stale too")
        // A refusal judged against a stale belief is checked against the real tail.
        let refuseUnlessFour: @Sendable (StoredEvent?, (Int) throws -> String?) throws -> (Int, [StoredEvent]) = { last, _ in
            last?.seq == 4 ? (5, [record(5)]) : (-1, [])
        }
        #expect(try await store.append(learnerID: ana.id, believedLast: record(2), refuseUnlessFour) == 5)
        #expect(try await store.events(learnerID: ana.id, after: 0).map(\.seq) == [1, 2, 3, 4, 5])
    }

    @Test func anUnopenableDatabaseIsAClearError() async {
        #expect(throws: ClassroomStoreError.self) { _ = try SQLiteClassroomStore(path: "/proc/no-such/class.sqlite") }
        await #expect(throws: ClassroomStoreError.self) { _ = try await ClassroomStores.open("postgres://nobody@127.0.0.1:1/none") }
        await #expect(throws: ClassroomStoreError.self) { _ = try await ClassroomStores.open("postgres://") }
    }

    @Test(arguments: Backend.available) func broadcastsAreKeptInOrder(_ backend: Backend) async throws {
        let (store, _) = try await backend.make()
        let made = try await store.createClass(Self.newClass())
        let first = try await store.addBroadcast(classID: made.id, text: "one", at: 1)
        _ = try await store.addBroadcast(classID: made.id, text: "two", at: 2)
        #expect(try await store.broadcasts(classID: made.id, after: 0).map(\.text) == ["one", "two"])
        #expect(try await store.broadcasts(classID: made.id, after: first.id).map(\.text) == ["two"])
    }

    @Test(.enabled(if: PostgresTest.available, Comment(rawValue: PostgresTest.skipReason)))
    func postgresAnnouncesEveryAppendToEveryProcess() async throws {
        let url = try await PostgresTest.freshDatabase()
        let writer = try await PostgresClassroomStore(url: url), listener = try await PostgresClassroomStore(url: url)
        let changes = try #require(listener.changes())
        try await Task.sleep(nanoseconds: 300_000_000)
        let made = try await writer.createClass(Self.newClass())
        let ana = try await writer.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
        let _: Int = try await writer.append(learnerID: ana.id, believedLast: nil) { _, _ in (1, [StoredEvent(seq: 1, learnerHash: "a", receivedAt: 1, line: "{}")]) }
        var iterator = changes.makeAsyncIterator()
        #expect(await iterator.next() == .events(learnerID: ana.id, lastSeq: 1))
        let message = try await writer.addBroadcast(classID: made.id, text: "hello", at: 3)
        #expect(await iterator.next() == .broadcast(classID: made.id, id: message.id))
    }

    @Test func theDatabaseIsInWALMode() throws {
        let path = Self.path()
        let store = try SQLiteClassroomStore(path: path)
        withExtendedLifetime(store) {
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }
}

/// A wrong PostgreSQL address is said at once, in the server's words where it has some: never a long wait.
@Suite struct PostgresMistakesTests {
    static func failure(_ url: String) async -> String {
        do {
            _ = try await PostgresClassroomStore(url: url)
            return "opened"
        } catch {
            return error.description
        }
    }

    @Test func nothingListeningIsReportedAtOnce() async {
        let started = Date()
        #expect(await Self.failure("postgres://u:p@127.0.0.1:1/x") == "cannot use the database postgres://u@127.0.0.1:1/x: nothing answers at 127.0.0.1:1 (connection refused)")
        #expect(Date().timeIntervalSince(started) < 30, "not the minute a slow migration may take")
    }

    @Test(.enabled(if: PostgresTest.available, "needs PostgreSQL")) func aWrongPasswordOrDatabaseIsTheServersOwnMessage() async throws {
        var components = try #require(URLComponents(string: PostgresTest.url))
        components.password = "not-the-password"
        #expect(await Self.failure(components.string!).hasSuffix("password authentication failed for user \"\(components.user!)\""))
        components = try #require(URLComponents(string: PostgresTest.url))
        components.path = "/no_such_database_here"
        #expect(await Self.failure(components.string!).hasSuffix("database \"no_such_database_here\" does not exist"))
    }
}
