import Foundation
import Testing
@testable import SavedFiles

@Suite struct AtomicFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "savedfiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func writesAndReplacesWholeFiles() throws {
        let path = folder + "/state.json"
        try AtomicFile.write(Data("one".utf8), to: path)
        try AtomicFile.write(Data("two".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("two".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["state.json"])
    }

    /// `rolecall sandbox --state st.json` once printed a Foundation error: the folder of a bare file name was "".
    @Test func aRelativePathIsSavedInTheCurrentFolder() throws {
        let previous = FileManager.default.currentDirectoryPath
        #expect(AtomicFile.absolute("st.json") == previous + "/st.json")
        #expect(AtomicFile.absolute("/a/b") == "/a/b")
    }

    @Test func aFailedWriteKeepsThePreviousFileAndSaysWhy() throws {
        let blocker = folder + "/not-a-folder"
        try AtomicFile.write(Data("x".utf8), to: blocker)
        #expect(throws: SaveFailure.self) { try AtomicFile.write(Data("y".utf8), to: blocker + "/state.json") }
        do {
            try AtomicFile.write(Data("y".utf8), to: blocker + "/state.json")
        } catch {
            #expect(error.message.hasPrefix("could not save \(blocker)/state.json: "))
            #expect(error.message.hasSuffix("; the previous save is kept"))
            #expect(!error.message.contains("NSCocoaErrorDomain"))
        }
        #expect(FileManager.default.contents(atPath: blocker) == Data("x".utf8))
    }

    @Test func errnoDescriptionsSayWhatToFix() {
        #expect(SaveFailure.describe(errno: ENOSPC).hasSuffix("the disk is full"))
        #expect(SaveFailure.describe(errno: EFBIG).hasSuffix("the file size limit (ulimit -f) was reached"))
        #expect(SaveFailure.describe(errno: EROFS).hasSuffix("read-only file system"))
    }

    /// A kill between writing the temporary file and renaming it left `progress.json.tmp-PID` behind for good.
    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let path = folder + "/progress.json"
        try AtomicFile.write(Data("{}".utf8), to: path)
        let dead = AtomicFile.temporaryPath(for: path, process: Self.deadProcess())
        let alive = AtomicFile.temporaryPath(for: path, process: 1)
        let unrelated = folder + "/progress.json.tmp-notapid"
        for file in [dead, alive, unrelated] { _ = FileManager.default.createFile(atPath: file, contents: Data("half".utf8)) }
        AtomicFile.removeStaleTemporaries(of: path)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: unrelated))
        #expect(FileManager.default.contents(atPath: path) == Data("{}".utf8))
    }

    /// A process id no process has: one past the kernel's maximum.
    static func deadProcess() -> Int32 {
        let maximum = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4_194_304
        return maximum + 1
    }
}

@Suite struct LearnerLockTests {
    @Test func oneWriterAtATimeAndTheLockIsFreedWithItsHolder() throws {
        let folder = NSTemporaryDirectory() + "lock-\(UUID().uuidString)"
        var first: LearnerLock? = try LearnerLock.acquire(in: folder)
        #expect(first != nil)
        #expect(throws: LearnerLock.Failure.held(by: getpid())) { _ = try LearnerLock.acquire(in: folder) }
        first = nil
        let second = try LearnerLock.acquire(in: folder)
        withExtendedLifetime(second) {}
    }

    @Test func aFolderThatCannotBeMadeIsReported() throws {
        let file = NSTemporaryDirectory() + "lock-file-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        #expect {
            _ = try LearnerLock.acquire(in: file + "/learner")
        } throws: { error in
            guard case .unwritable = error as? LearnerLock.Failure else { return false }
            return true
        }
    }
}

@Suite struct TolerantDecoderTests {
    struct Record: Codable, Equatable {
        enum Colour: String, Codable { case red, blue }
        var name: String
        var count: Int
        var ratio: Double
        var big: UInt64
        var tags: Set<String>
        var byName: [String: Int]
        var optional: String?
        var colour: Colour
    }

    @Test func roundTripsWhatJSONEncoderWrote() throws {
        let record = Record(name: "a", count: -3, ratio: 0.25, big: UInt64.max, tags: ["x", "y"], byName: ["k": 1], optional: nil, colour: .blue)
        let data = try JSONEncoder().encode(record)
        let (decoded, report) = try TolerantDecoder.decode(Record.self, from: data)
        #expect(decoded == record)
        #expect(report.unknown.isEmpty)
        #expect(report.missing.isEmpty)
    }

    @Test func missingFieldsReadAsZeroAndDictionaryKeysAreNotUnknown() throws {
        let data = Data(#"{"name":"a","colour":"red","byName":{"anything":2},"extra":{"deep":1}}"#.utf8)
        let (decoded, report) = try TolerantDecoder.decode(Record.self, from: data)
        #expect(decoded == Record(name: "a", count: 0, ratio: 0, big: 0, tags: [], byName: ["anything": 2], optional: nil, colour: .red))
        #expect(report.missing == ["big", "count", "ratio", "tags"])
        #expect(report.unknown == ["extra"])
    }

    @Test func wrongTypesAndMissingEnumsAreStillErrors() {
        #expect(throws: TolerantDecoder.Failure.self) {
            _ = try TolerantDecoder.decode(Record.self, from: Data(#"{"name":1,"colour":"red"}"#.utf8))
        }
        #expect(throws: TolerantDecoder.Failure.self, "an enum has no zero: it must be optional or migrated") {
            _ = try TolerantDecoder.decode(Record.self, from: Data(#"{"name":"a"}"#.utf8))
        }
        #expect(throws: TolerantDecoder.Failure.self) {
            _ = try TolerantDecoder.decode(Record.self, from: Data("not json".utf8))
        }
    }
}
