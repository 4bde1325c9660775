import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LineEditing

@Suite struct PlainLineReaderTests {
    /// Writes `text` into a pipe, closes the writing end, and returns the reading end.
    private func pipeContaining(_ text: String) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let bytes = Array(text.utf8)
        // Larger than one pipe buffer would block; the tests stay well below 64 KiB.
        let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        try #require(written == bytes.count)
        close(ends[1])
        return ends[0]
    }

    @Test func readsEachLineThenEndOfInput() throws {
        let input = try pipeContaining("next\n\nanswer b\r\nlast line without newline")
        defer { close(input) }
        let reader = PlainLineReader(fileDescriptor: input)
        #expect(reader.readLine(prompt: "ignored> ") == .line("next"))
        #expect(reader.readLine(prompt: "ignored> ") == .line(""))
        #expect(reader.readLine(prompt: "ignored> ") == .line("answer b"))
        #expect(reader.readLine(prompt: "ignored> ") == .line("last line without newline"))
        #expect(reader.readLine(prompt: "ignored> ") == .endOfInput)
        #expect(reader.readLine(prompt: "ignored> ") == .endOfInput)
    }

    @Test func linesLongerThanOneReadAndNonASCIIArriveWhole() throws {
        let long = String(repeating: "arn:aws:iam::123456789012:role/Ré-", count: 200)
        let input = try pipeContaining("\(long)\nok\n")
        defer { close(input) }
        let reader = PlainLineReader(fileDescriptor: input)
        #expect(reader.readLine(prompt: "") == .line(long))
        #expect(reader.readLine(prompt: "") == .line("ok"))
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }

    @Test func emptyInputIsEndOfInput() throws {
        let input = try pipeContaining("")
        defer { close(input) }
        #expect(PlainLineReader(fileDescriptor: input).readLine(prompt: "> ") == .endOfInput)
    }

    @Test(.enabled(if: isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0,
                   "stdin and stdout are both terminals here, so the factory rightly picks libedit"))
    func factoryChoosesPlainReadingWithoutATerminal() {
        #expect(LineReaderFactory.make(historyFile: nil, completion: nil) is PlainLineReader)
    }
}
