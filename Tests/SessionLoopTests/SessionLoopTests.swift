import LineEditing
import Testing
@testable import SessionLoop

/// The one read-eval loop, driven by a scripted reader: no terminal, no executable.
@Suite struct SessionLoopTests {
    final class ScriptedReader: LineReader {
        var script: [ReadResult]
        var prompts: [String] = []
        var history: [String] = []
        init(_ script: [ReadResult]) { self.script = script }
        func readLine(prompt: String) -> ReadResult {
            prompts.append(prompt)
            return script.isEmpty ? .endOfInput : script.removeFirst()
        }
        func addToHistory(_ line: String) { history.append(line) }
    }

    struct Echo: InteractiveSession {
        var handled: [String] = []
        var endedByInput = false
        var finishAfter: Int?
        mutating func nextPrompt() -> String { "\(handled.count)> " }
        mutating func handle(line: String) -> Reply {
            handled.append(line)
            if line == "quit" { return Reply(output: "bye\n", quit: true) }
            return Reply(output: "echo \(line)\n", errors: line == "bad" ? "oops\n" : "", changed: line != "")
        }
        mutating func endOfInput() -> Reply {
            endedByInput = true
            return Reply(output: "end\n", changed: true)
        }
        mutating func interrupted() -> String { "^C\n" }
        var isFinished: Bool { finishAfter.map { handled.count >= $0 } ?? false }
    }

    @Test func linesGoToTheSessionAndRepliesToTheSinks() {
        let reader = ScriptedReader([.line("a"), .interrupted, .line("   "), .line("bad"), .line("quit"), .line("never")])
        var session = Echo()
        var output = "", errors = "", saves = 0, firstLines = 0
        let sinks = LoopSinks(output: { output += $0 }, errors: { errors += $0 }, beforeFirstLine: { firstLines += 1; return true },
                              afterReply: { if $0.changed { saves += 1 } })
        SessionLoop.run(reader: reader, sinks: sinks, session: { session }, update: { session = $0 })
        #expect(session.handled == ["a", "   ", "bad", "quit"])
        #expect(output == "echo a\n^C\necho    \necho bad\nbye\n")
        #expect(errors == "oops\n")
        #expect(saves == 3)
        #expect(firstLines == 1)
        #expect(reader.history == ["a", "bad", "quit"], "blank lines stay out of the history")
        #expect(reader.prompts == ["0> ", "1> ", "1> ", "2> ", "3> "])
    }

    /// A reader with a clock: it asks the ticker as a terminal would each second, and times out when it says so.
    final class TickingReader: LineReader {
        var ticks: [String] = []
        var secondsUntilLine: [Int]
        init(secondsUntilLine: [Int]) { self.secondsUntilLine = secondsUntilLine }
        func readLine(prompt: String) -> ReadResult { .endOfInput }
        func readLine(prompt: String, ticker: PromptTicker?) -> ReadResult {
            guard let ticker else { return .endOfInput }
            let wait = secondsUntilLine.isEmpty ? Int.max : secondsUntilLine.removeFirst()
            var waited = 0
            while waited < wait {
                guard let prompt = ticker() else { return .timedOut }
                ticks.append(prompt)
                waited += 1
            }
            return .line("answer")
        }
        func addToHistory(_ line: String) {}
    }

    struct Countdown: InteractiveSession {
        var secondsLeft: Int
        var handled: [String] = []
        var ended = false
        mutating func nextPrompt() -> String { "\(secondsLeft)s> " }
        mutating func handle(line: String) -> Reply { handled.append(line); return Reply(output: "ok\n") }
        mutating func endOfInput() -> Reply { Reply() }
        mutating func interrupted() -> String { "" }
        var isTimed: Bool { true }
        var isFinished: Bool { ended }
        mutating func tick() -> String? {
            secondsLeft -= 1
            return secondsLeft > 0 ? nextPrompt() : nil
        }
        mutating func timeUp() -> Reply {
            ended = true
            return Reply(output: "Time is up.\n", quit: true)
        }
    }

    @Test func aTimedSessionTicksWhileWaitingAndEndsWhenTimeIsUp() {
        let reader = TickingReader(secondsUntilLine: [2])
        var session = Countdown(secondsLeft: 5)
        var output = ""
        SessionLoop.run(reader: reader, sinks: LoopSinks(output: { output += $0 }), session: { session }, update: { session = $0 })
        #expect(reader.ticks == ["4s> ", "3s> ", "2s> ", "1s> "], "the clock the session keeps is the one the prompt shows")
        #expect(session.handled == ["answer"])
        #expect(output == "ok\nTime is up.\n")
        #expect(session.ended)
    }

    @Test func endOfInputEndsTheLoopThroughTheSession() {
        let reader = ScriptedReader([.line("a")])
        var session = Echo()
        var output = ""
        SessionLoop.run(reader: reader, sinks: LoopSinks(output: { output += $0 }), session: { session }, update: { session = $0 })
        #expect(session.endedByInput)
        #expect(output == "echo a\nend\n")
    }

    @Test func aFinishedSessionIsNotAskedAgainAndAFailedFirstLineStops() {
        let reader = ScriptedReader([.line("a"), .line("b"), .line("c")])
        var session = Echo(finishAfter: 2)
        SessionLoop.run(reader: reader, sinks: LoopSinks(output: { _ in }), session: { session }, update: { session = $0 })
        #expect(session.handled == ["a", "b"])
        var stopped = Echo()
        SessionLoop.run(reader: ScriptedReader([.line("a")]), sinks: LoopSinks(output: { _ in }, beforeFirstLine: { false }),
                        session: { stopped }, update: { stopped = $0 })
        #expect(stopped.handled.isEmpty)
    }
}
