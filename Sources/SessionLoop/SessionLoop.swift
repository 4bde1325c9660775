import LineEditing

/// What a session says after a line: text for standard output and for standard error, whether saved state
/// changed, and whether the session is over.
public struct Reply: Equatable, Sendable {
    public var output: String
    public var errors: String
    /// Something worth saving changed.
    public var changed: Bool
    public var quit: Bool

    public init(output: String = "", errors: String = "", changed: Bool = false, quit: Bool = false) {
        self.output = output
        self.errors = errors
        self.changed = changed
        self.quit = quit
    }
}

/// A shell a learner types into: the tutor, an exam, the free-play sandbox. The loop reads lines and hands them
/// over; the session decides what they mean. Sessions are pure: they return text and never touch the terminal.
public protocol InteractiveSession {
    /// The prompt for the next line (it may show time left, or who the learner is in the sandbox).
    mutating func nextPrompt() -> String
    /// One line the learner typed.
    mutating func handle(line: String) -> Reply
    /// Ctrl-D, or the end of a piped script.
    mutating func endOfInput() -> Reply
    /// Ctrl-C: the line is discarded and the session goes on; a yes/no question it was waiting on is dropped,
    /// so the next line is not taken as its answer. Returns what to say.
    mutating func interrupted() -> String
    /// True once the session has ended by itself (an exam whose time is up): the loop stops asking.
    var isFinished: Bool { get }
    /// Whether the prompt runs against a clock: the loop then asks `tick` about once a second while waiting.
    var isTimed: Bool { get }
    /// While a timed session waits for a line: the prompt to show now, or nil when time is up.
    mutating func tick() -> String?
    /// Time ran out while the learner was idle or typing: the session ends itself and says so.
    mutating func timeUp() -> Reply
    /// The prompt for another line when `text` is not yet whole (an open quote, a trailing backslash, a
    /// here-document), or nil when it is. Lines are then read and joined until it is, as a shell does.
    func continuationPrompt(after text: String) -> String?
    /// `text` with the next line added.
    func join(_ text: String, _ next: String) -> String
}

extension InteractiveSession {
    public var isFinished: Bool { false }
    public var isTimed: Bool { false }
    public mutating func tick() -> String? { nextPrompt() }
    public mutating func timeUp() -> Reply { endOfInput() }
    public func continuationPrompt(after text: String) -> String? { nil }
    public func join(_ text: String, _ next: String) -> String { text + "\n" + next }
}

/// Where the loop's results go, so the same loop runs against a terminal, a pipe or a test.
public struct LoopSinks {
    /// Standard output and standard error.
    public var output: (String) -> Void
    public var errors: (String) -> Void
    /// Called before each prompt: the place to follow a terminal resize.
    public var beforePrompt: () -> Void
    /// Called once, before the first line is handled (the tutor swaps in the fully loaded course there); false
    /// ends the loop without handling the line.
    public var beforeFirstLine: () -> Bool
    /// Called after every reply, with it: saving and transcript writing go here.
    public var afterReply: (Reply) -> Void

    public init(output: @escaping (String) -> Void, errors: @escaping (String) -> Void = { _ in },
                beforePrompt: @escaping () -> Void = {}, beforeFirstLine: @escaping () -> Bool = { true },
                afterReply: @escaping (Reply) -> Void = { _ in }) {
        self.output = output
        self.errors = errors
        self.beforePrompt = beforePrompt
        self.beforeFirstLine = beforeFirstLine
        self.afterReply = afterReply
    }
}

/// The one read-eval loop of every RoleCall shell.
public enum SessionLoop {
    /// Runs until the session quits, finishes, or the input ends. Non-empty lines go into the reader's history.
    /// `session` is read and written through the closure pair so the caller keeps it (a completer may read it).
    public static func run<Session: InteractiveSession>(
        reader: LineReader, sinks: LoopSinks, session read: () -> Session, update write: (Session) -> Void
    ) {
        var handledFirstLine = false
        while !read().isFinished {
            sinks.beforePrompt()
            var session = read()
            let prompt = session.nextPrompt()
            write(session)
            let reply: Reply
            var inputEnded = false
            let outcome = withoutActuallyEscaping(read) { read in
                withoutActuallyEscaping(write) { write in
                    let ticker: PromptTicker? = session.isTimed ? {
                        var session = read()
                        defer { write(session) }
                        return session.tick()
                    } : nil
                    return reader.readLine(prompt: prompt, ticker: ticker)
                }
            }
            switch outcome {
            case .timedOut:
                var session = read()
                reply = session.timeUp()
                write(session)
            case .endOfInput:
                inputEnded = true
                var session = read()
                reply = session.endOfInput()
                write(session)
            case .interrupted:
                var session = read()
                let message = session.interrupted()
                write(session)
                sinks.output(message)
                continue
            case .line(let first):
                // A command pasted or typed over several lines is read whole before it is handled.
                var line = first
                var interrupted = false
                continuing: while let more = read().continuationPrompt(after: line) {
                    switch reader.readLine(prompt: more) {
                    case .line(let next): line = read().join(line, next)
                    case .interrupted: interrupted = true; break continuing
                    case .endOfInput, .timedOut: break continuing
                    }
                }
                if interrupted {
                    var session = read()
                    let message = session.interrupted()
                    write(session)
                    sinks.output(message)
                    continue
                }
                if !line.allSatisfy({ $0 == " " || $0 == "\t" }) { reader.addToHistory(line) }
                if !handledFirstLine {
                    handledFirstLine = true
                    guard sinks.beforeFirstLine() else { return }
                }
                var session = read()
                reply = session.handle(line: line)
                write(session)
            }
            if !reply.output.isEmpty { sinks.output(reply.output) }
            if !reply.errors.isEmpty { sinks.errors(reply.errors) }
            sinks.afterReply(reply)
            if reply.quit || inputEnded { return }
        }
    }
}

/// What a learner asks of the sandbox's HTTP endpoint (`endpoint on [PORT]`, `endpoint off`, `endpoint`), in
/// the tutor and in `rolecall sandbox` alike; the terminal's side starts and stops the server.
public enum EndpointAction: Equatable, Sendable {
    case start(port: Int)
    case stop
    case show

    /// The default port, as `rolecall serve` and the local AWS emulators use.
    public static let defaultPort = 4566

    /// The words after `endpoint`; nil when they are not `on [PORT]`, `off` or nothing.
    public static func parse(_ argument: String) -> EndpointAction? {
        let words = argument.split(separator: " ").map(String.init)
        switch words.first {
        case nil: return .show
        case "off": return words.count == 1 ? .stop : nil
        case "on":
            guard words.count <= 2, let port = words.count == 2 ? Int(words[1]) : defaultPort, (0...65_535).contains(port) else { return nil }
            return .start(port: port)
        default: return nil
        }
    }

    public static let usage = "usage: endpoint [on [PORT]|off] (a port from 0 to 65535; 0 picks a free one)\n"

    /// What `endpoint …` comes to, given the port it listens on now (nil: off): a word for the learner, or an
    /// action for the terminal's side.
    public enum Decision: Equatable, Sendable {
        case usage, show(port: Int?), alreadyOn(port: Int), alreadyOff
        case act(EndpointAction)
    }

    static func decide(_ argument: String, listeningOn port: Int?) -> Decision {
        switch parse(argument) {
        case nil: .usage
        case .show?: .show(port: port)
        case .start(let wanted)?: port.map { .alreadyOn(port: $0) } ?? .act(.start(port: wanted))
        case .stop?: port == nil ? .alreadyOff : .act(.stop)
        }
    }
}

/// The endpoint as a shell session keeps it: what the learner asked and the terminal's side has not done yet, the
/// port while it is on, and how many requests it has taken (for their ids).
public struct EndpointSwitch: Sendable {
    public private(set) var port: Int?
    public var requests = 0
    private var pending: EndpointAction?

    public init() {}

    /// `endpoint …` typed: what to say, or (`.act`) an action now pending.
    public mutating func ask(_ argument: String) -> EndpointAction.Decision {
        let decision = EndpointAction.decide(argument, listeningOn: port)
        if case .act(let action) = decision { pending = action }
        return decision
    }

    /// The pending action, once.
    public mutating func take() -> EndpointAction? {
        defer { pending = nil }
        return pending
    }

    public mutating func started(port: Int) { self.port = port }

    /// Returns whether it was on.
    public mutating func stopped() -> Bool {
        defer { port = nil }
        return port != nil
    }
}
