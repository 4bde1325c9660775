import Foundation
import Testing
@testable import LineEditing

/// libedit's history works without a terminal (el_init just disables editing), so saving and
/// loading is tested in-process. Serialized because each reader changes the SIGINT disposition.
@Suite(.serialized) struct HistoryFileTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lineediting-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func eachLineIsOnDiskBeforeTheNextPromptAndLoadsInTheNextSession() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("history").path

        do {
            let first = try #require(EditLineReader(historyFile: file, completion: nil))
            first.addToHistory("aws sts get-caller-identity")
            // Saved immediately, not at exit: a kill -9 now must not lose it.
            #expect(FileManager.default.fileExists(atPath: file))
            first.addToHistory("next")
            first.addToHistory("next")          // consecutive duplicate: kept once
            first.addToHistory("   ")           // blank: not worth recalling
            first.addToHistory("answer a c")
            #expect(first.historyFileProblem == nil)
            #expect(first.historyEntries == ["aws sts get-caller-identity", "next", "answer a c"])
        }

        let second = try #require(EditLineReader(historyFile: file, completion: nil))
        #expect(second.historyEntries == ["aws sts get-caller-identity", "next", "answer a c"])
        #expect(second.historyFileProblem == nil)
        // No temporary file is left next to the history.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["history"])
    }

    @Test func historyIsCappedAtItsSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("history").path

        let reader = try #require(EditLineReader(historyFile: file, completion: nil, historySize: 3))
        for number in 1...5 { reader.addToHistory("line \(number)") }
        let reloaded = try #require(EditLineReader(historyFile: file, completion: nil, historySize: 3))
        #expect(reloaded.historyEntries == ["line 3", "line 4", "line 5"])
    }

    @Test func anUnwritableHistoryFileIsReportedNotFatal() throws {
        let file = "/nonexistent-\(UUID().uuidString)/history"
        let reader = try #require(EditLineReader(historyFile: file, completion: nil))
        reader.addToHistory("whoami")
        #expect(reader.historyFileProblem?.contains("could not write") == true)
        #expect(reader.historyEntries == ["whoami"])
    }

    @Test func noHistoryFileKeepsHistoryInMemory() throws {
        let reader = try #require(EditLineReader(historyFile: nil, completion: nil))
        reader.addToHistory("lessons")
        #expect(reader.historyEntries == ["lessons"])
        #expect(reader.historyFileProblem == nil)
    }
}
