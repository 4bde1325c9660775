#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor (stdin by default) when there is no terminal to edit on,
/// e.g. `rolecall < script.txt`. It prints no prompt, so a scripted run's output contains only
/// what the course says, and it keeps no history because there is nobody to recall it.
public final class PlainLineReader: LineReader {
    private let fileDescriptor: Int32
    /// Bytes read from the descriptor but not yet returned as a line.
    private var pending: [UInt8] = []
    private var reachedEndOfInput = false
    public var watch: InputWatch?

    /// - Parameter fileDescriptor: where lines come from; the reader does not close it.
    public init(fileDescriptor: Int32 = STDIN_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    public func readLine(prompt: String) -> ReadResult {
        readLine(prompt: prompt, ticker: nil)
    }

    /// With a ticker, waits for input a second at a time and asks it in between, so a timed exam fed through a
    /// pipe that stays open ends on time too.
    public func readLine(prompt: String, ticker: PromptTicker?) -> ReadResult {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var lineBytes = pending[..<newline]
                pending.removeSubrange(...newline)
                // Scripts edited on Windows end lines with CRLF; the CR is not part of the command.
                if lineBytes.last == UInt8(ascii: "\r") { lineBytes = lineBytes.dropLast() }
                return .line(String(decoding: lineBytes, as: UTF8.self))
            }
            if reachedEndOfInput {
                guard !pending.isEmpty else { return .endOfInput }
                // A last line without a final newline is still a line the author meant to run.
                let lastLine = String(decoding: pending, as: UTF8.self)
                pending.removeAll()
                return .line(lastLine)
            }
            if let watch, let watched = watch.descriptor() {
                switch TwoInputs.wait(input: fileDescriptor, watch: watched, milliseconds: ticker == nil ? nil : 1000) {
                case .watch:
                    let text = watch.serve()
                    if !text.isEmpty { _ = text.utf8CString.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count - 1) } }
                    continue
                case .timeout:
                    if let ticker, ticker() == nil { return .timedOut }
                    continue
                case .input, .failed:
                    break
                }
            } else if let ticker, !inputArrives(withinMilliseconds: 1000) {
                if ticker() == nil { return .timedOut }
                continue
            }
            readMore()
        }
    }

    /// History is a terminal convenience; a script has nothing to recall.
    public func addToHistory(_ line: String) {}

    /// Whether the descriptor has something to read (or has ended) within the time given.
    private func inputArrives(withinMilliseconds timeout: Int32) -> Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeout)
        return ready != 0  // an error (EINTR) reads on, as before
    }

    private func readMore() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            pending.append(contentsOf: chunk[..<count])
        } else if count == 0 || errno != EINTR {
            // A read error leaves nothing more to read either; treat it like the end of the script.
            reachedEndOfInput = true
        }
    }
}
