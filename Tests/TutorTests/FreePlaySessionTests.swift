import SandboxShell
import Testing

/// `rolecall sandbox`'s own words: help, and Ctrl-C at the reset question.
@Suite struct FreePlaySessionTests {
    @Test func helpListsTheShellsWordsAndCtrlCDropsTheResetQuestion() {
        var session = FreePlaySession(shell: SandboxShell(state: .initial()))
        #expect(session.handle(line: "help").output.contains("reset                                wipe the sandbox back to its starting state"))
        _ = session.handle(line: "aws iam create-user --user-name kept")
        #expect(session.handle(line: "reset").output.hasSuffix("[y/N] "))
        #expect(session.interrupted() == "^C — nothing was reset.\n")
        #expect(session.nextPrompt().hasSuffix("$ "), "the question is gone: the shell's prompt is back")
        // The next line is a command, not the question's answer.
        #expect(session.handle(line: "y").errors.contains("command not found"))
        #expect(session.handle(line: "aws iam get-user --user-name kept --query User.UserName").output == "\"kept\"\n")
        #expect(session.interrupted() == "")
    }
}
