#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one call to `LineReader.readLine(prompt:)` produced.
public enum ReadResult: Equatable, Sendable {
    /// A complete line, without its line terminator.
    case line(String)
    /// Ctrl-C: the partial line is discarded, the session continues.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input stream.
    case endOfInput
    /// The ticker said time was up while the learner was still typing or idle; what was typed is dropped.
    case timedOut
}

/// Asked about once a second while a line is being read against a clock: the prompt to show now (a countdown),
/// or nil when time is up and the read should end.
public typealias PromptTicker = () -> String?

/// Another input a reader serves while it waits for keys (the sandbox's HTTP endpoint inside the tutor): whenever
/// `descriptor()` is readable (or closed), `serve()` runs, and what it returns is shown above the prompt, which is
/// then drawn again with the line as typed so far. `descriptor()` is asked again each time, so nil stops it.
public struct InputWatch {
    public var descriptor: () -> Int32?
    public var serve: () -> String

    public init(descriptor: @escaping () -> Int32?, serve: @escaping () -> String) {
        self.descriptor = descriptor
        self.serve = serve
    }
}

/// Reads the learner's input one line at a time. The REPL only ever talks to this protocol,
/// so it runs the same against a terminal, a piped script or a test double.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> ReadResult
    /// Like `readLine(prompt:)`, but while waiting the prompt follows `ticker` and the read ends with `.timedOut`
    /// when the ticker says time is up, even if the learner types nothing.
    func readLine(prompt: String, ticker: PromptTicker?) -> ReadResult
    func addToHistory(_ line: String)
    /// Served while a line is awaited (see `InputWatch`); readers that cannot wait on two inputs ignore it.
    var watch: InputWatch? { get set }
}

extension LineReader {
    public var watch: InputWatch? {
        get { nil }
        set {}
    }

    /// Readers without a clock ignore the ticker: time-up is then noticed at the next line.
    public func readLine(prompt: String, ticker: PromptTicker?) -> ReadResult { readLine(prompt: prompt) }
}

/// Supplies Tab completions. The REPL implements this because only it knows the context
/// (meta commands, aws operations, sandbox names, answer letters).
public protocol CompletionProvider: AnyObject {
    /// - Parameters:
    ///   - line: the whole line being edited.
    ///   - cursor: the cursor position as a character offset into `line`.
    func completions(forLine line: String, cursor: Int) -> Completion
}

/// The words that could complete the word ending at the cursor.
public struct Completion: Equatable, Sendable {
    /// Character offset in the line where the word being completed starts.
    public var replacementStart: Int
    /// Full words that may replace `line[replacementStart..<cursor]`.
    public var candidates: [String]

    public init(replacementStart: Int, candidates: [String]) {
        self.replacementStart = replacementStart
        self.candidates = candidates
    }
}

/// Chooses how to read lines for the current process.
public enum LineReaderFactory {
    /// An `EditLineReader` only when both stdin and stdout are terminals: libedit silently stops
    /// editing when stdout is piped, and a piped stdin must not see prompt noise.
    /// Everything else (scripts, tests, `rolecall < lesson.txt`) gets a `PlainLineReader`.
    public static func make(historyFile: String?, completion: CompletionProvider?) -> LineReader {
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1,
           let editor = EditLineReader(historyFile: historyFile, completion: completion) {
            return editor
        }
        return PlainLineReader()
    }
}

/// Waits until `input` or the watch's descriptor is readable (nil timeout: for as long as it takes). Returns
/// whether the watch is what woke it; an interrupted wait (a resize) is reported as a timeout.
enum TwoInputs {
    enum Ready { case input, watch, timeout, failed }

    static func wait(input: Int32, watch: Int32?, milliseconds: Int32?) -> Ready {
        var descriptors = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
        if let watch { descriptors.append(pollfd(fd: watch, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds ?? -1)
        if ready < 0 { return errno == EINTR ? .timeout : .failed }
        if ready == 0 { return .timeout }
        // Keys first: the learner's typing is never held up by the other input.
        if descriptors[0].revents != 0 { return .input }
        return .watch
    }
}
