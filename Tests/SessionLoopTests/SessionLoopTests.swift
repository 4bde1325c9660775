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
        var interruptedMessage: String { "^C\n" }
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
