import Foundation
import Testing
@testable import Classroom
@testable import ClassroomStore

/// The embedded store on a real SQLite file.
@Suite struct SQLiteStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-store-\(UUID().uuidString)/class.sqlite").path
    }

    static func newClass(_ name: String = "Tuesday") -> ClassRecord {
        ClassRecord(name: name, coursePath: "/course", joinCode: "ABCD-EFGH", joinCodeExpiresAt: 10, instructorTokenDigest: "d",
                    signingKey: "k", createdAt: 1)
    }

    @Test func classesAndLearnersAreKeptAndNamesAreUnique() async throws {
        let store = try SQLiteClassroomStore(path: Self.path())
        let made = try await store.createClass(Self.newClass())
        #expect(made.id > 0)
        await #expect(throws: ClassroomStoreError.nameTaken("Tuesday")) { _ = try await store.createClass(Self.newClass()) }
        #expect(try await store.classWithJoinCode("ABCD-EFGH")?.name == "Tuesday")
        let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t1", joinedAt: 2))
        await #expect(throws: ClassroomStoreError.nameTaken("ana")) {
            _ = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t2", joinedAt: 2))
        }
        #expect(try await store.learner(tokenDigest: "t1") == ana)
        var identified = ana
        identified.email = "ana@x.edu"
        try await store.updateLearner(identified)
        #expect(try await store.learners(classID: made.id).first?.email == "ana@x.edu")
    }

    @Test func eventsAppendInOneTransactionAndSurviveReopening() async throws {
        let path = Self.path()
        do {
            let store = try SQLiteClassroomStore(path: path)
            let made = try await store.createClass(Self.newClass())
            let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
            let stored: Int = try await store.append(learnerID: ana.id) { last, _ in
                #expect(last == nil)
                return (2, [StoredEvent(seq: 1, learnerHash: "a", receivedAt: 5, line: "{}"), StoredEvent(seq: 2, learnerHash: "b", receivedAt: 5, line: "{}")])
            }
            #expect(stored == 2)
            // A decision that fails stores nothing.
            await #expect(throws: (any Error).self) {
                let _: Int = try await store.append(learnerID: ana.id) { last, heldHash in
                    #expect(last?.seq == 2)
                    #expect(try heldHash(1) == "a")
                    throw ClassroomStoreError.unavailable("no")
                }
            }
            // A second record 2 violates the key: the whole batch is rolled back.
            await #expect(throws: (any Error).self) {
                let _: Int = try await store.append(learnerID: ana.id) { _, _ in
                    (0, [StoredEvent(seq: 3, learnerHash: "c", receivedAt: 6, line: "{}"), StoredEvent(seq: 2, learnerHash: "x", receivedAt: 6, line: "{}")])
                }
            }
        }
        let reopened = try SQLiteClassroomStore(path: path)
        let ana = try #require(try await reopened.learner(tokenDigest: "t"))
        #expect(try await reopened.events(learnerID: ana.id, after: 0).map(\.learnerHash) == ["a", "b"])
        #expect(try await reopened.events(learnerID: ana.id, after: 1).map(\.seq) == [2])
    }

    @Test func concurrentAppendsOfOneLearnerNeverExtendTheSameTail() async throws {
        let store = try SQLiteClassroomStore(path: Self.path())
        let made = try await store.createClass(Self.newClass())
        let ana = try await store.addLearner(LearnerRecord(classID: made.id, name: "ana", tokenDigest: "t", joinedAt: 2))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let _: Int = try await store.append(learnerID: ana.id) { last, _ in
                        let next = (last?.seq ?? 0) + 1
                        return (next, [StoredEvent(seq: next, learnerHash: "h\(next)", receivedAt: 1, line: "{}")])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.events(learnerID: ana.id, after: 0).map(\.seq) == Array(1...20))
    }

    @Test func anUnopenableDatabaseIsAClearError() {
        #expect(throws: ClassroomStoreError.self) { _ = try SQLiteClassroomStore(path: "/proc/no-such/class.sqlite") }
    }

    @Test func theDatabaseIsInWALMode() throws {
        let path = Self.path()
        let store = try SQLiteClassroomStore(path: path)
        withExtendedLifetime(store) {
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }
}
