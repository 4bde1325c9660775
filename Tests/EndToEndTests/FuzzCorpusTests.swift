import Foundation
import Testing

/// Every committed fuzz corpus, and every crash a fuzzer found (kept in the corpus as `regression-*`), replayed
/// through the fuzz targets as built for tests: the properties each target states must hold for all of them.
@Suite struct FuzzCorpusTests {
    static let targets = ["policy", "lesson", "shell", "transcript", "saved-state"]

    @Test(arguments: targets)
    func corpusReplaysCleanly(_ target: String) throws {
        let binary = RoleCallProcess.executable.deletingLastPathComponent().appendingPathComponent("fuzz-\(target)")
        let corpus = RoleCallProcess.repositoryRoot.appendingPathComponent("Fuzz/Corpus/\(target)").path
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus)
        #expect(!files.isEmpty)
        let process = Process()
        process.executableURL = binary
        process.arguments = [corpus]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(target): \(text.suffix(500))")
        #expect(text.contains("replayed \(files.count) inputs"), "\(text.suffix(300))")
    }
}
