import Foundation
import TerminalTesting
import Testing

/// The tutor in a real terminal (tmux): line editing, completion, history, Ctrl-C, and surviving kill -9.
@Suite(.serialized) struct TutorTerminalTests {
    @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed")) func editingCompletionHistoryInterruptAndResumeAfterKill() throws {
        let rolecall = RoleCallProcess.executable.path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tmux-\(UUID().uuidString)").path
        let learner = "tmux-\(UUID().uuidString.prefix(8))"
        let command = "cd \(RoleCallProcess.repositoryRoot.path) && ROLECALL_COURSE=\(RoleCallProcess.course) \(rolecall) --learner \(learner) --data-dir \(data)"

        let tmux = try Tmux(command: command, columns: 100, rows: 40)
        try tmux.waitFor("the first prompt") { $0.lastLine == "[what-are-roles 1/9] learner $" }

        // Tab completes a tutor command. Each special key is sent once the typed text is on screen, so the keys
        // reach the line editor in the order a person would press them.
        let prompt1 = "[what-are-roles 1/9] learner $"
        try tmux.send("hel")
        try tmux.waitFor("the typed text") { $0.lastLine == prompt1 + " hel" }
        try tmux.send("Tab")
        try tmux.waitFor("help to be completed") { $0.lastLine == "[what-are-roles 1/9] learner $ help" }
        try tmux.send("Enter")
        try tmux.waitFor("the help text and the prompt") { $0.lines.contains("Commands:") && $0.lastLine == prompt1 }

        // Tab completes a role name that exists in the lesson's sandbox.
        try tmux.send("aws iam get-role --role-name Aud")
        try tmux.waitFor("the typed command") { $0.lastLine == prompt1 + " aws iam get-role --role-name Aud" }
        try tmux.send("Tab")
        try tmux.waitFor("the role name to be completed") { $0.lastLine == "[what-are-roles 1/9] learner $ aws iam get-role --role-name Auditor" }
        try tmux.send("Enter")
        // Keys are sent only when the prompt is back: between prompts the terminal is not in the editor's hands.
        try tmux.waitFor("the role and the prompt") { screen in screen.lines.contains { $0.contains("\"RoleName\": \"Auditor\"") } && screen.lastLine == prompt1 }

        // Up recalls the previous line.
        try tmux.send("Up")
        try tmux.waitFor("history recall") { $0.lastLine == "[what-are-roles 1/9] learner $ aws iam get-role --role-name Auditor" }

        // Ctrl-C discards the line and keeps the session.
        try tmux.send("C-c")
        try tmux.waitFor("the line to be discarded") { screen in screen.lines.contains { $0.contains("line discarded") } && screen.lastLine == "[what-are-roles 1/9] learner $" }
        try tmux.send("next")
        try tmux.waitFor("the typed next") { $0.lastLine == prompt1 + " next" }
        try tmux.send("Enter")
        try tmux.waitFor("the second step") { $0.lastLine == "[what-are-roles 2/9] learner $" }

        // A kill loses nothing saved: the next start resumes on the same step.
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-9", "-P", String(try tmux.panePID()), "-x", "rolecall"]
        try kill.run()
        kill.waitUntilExit()
        try tmux.waitFor("the process to die") { $0.lines.contains { $0.hasPrefix("program exited with status") } }

        let again = try Tmux(command: command, columns: 100, rows: 40)
        try again.waitFor("the resumed prompt") { $0.lastLine == "[what-are-roles 2/9] learner $" }
        try again.send("Up")
        try again.waitFor("history from the killed session") { $0.lastLine == "[what-are-roles 2/9] learner $ next" }
        try again.send("C-u", "C-d")
        try again.waitForExit(status: 0)
    }

    @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed")) func examCompletesAwsCommandsForATaskAndItsOwnWords() throws {
        let rolecall = RoleCallProcess.executable.path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tmux-exam-\(UUID().uuidString)").path
        let command = "cd \(RoleCallProcess.repositoryRoot.path) && ROLECALL_COURSE=\(RoleCallProcess.course) \(rolecall) exam how-roles-work --with-tasks --learner tmux --data-dir \(data)"
        let tmux = try Tmux(command: command, columns: 100, rows: 40)
        let prompt = "[exam 1/8 · learner] $"
        try tmux.waitFor("the exam's first prompt") { $0.lastLine == prompt }
        try tmux.send("aws iam create-ro")
        try tmux.waitFor("the typed text") { $0.lastLine == prompt + " aws iam create-ro" }
        try tmux.send("Tab")
        try tmux.waitFor("the operation to be completed") { $0.lastLine == prompt + " aws iam create-role" }
        try tmux.send("C-u")
        try tmux.waitFor("an empty line") { $0.lastLine == prompt }
        try tmux.send("fini")
        try tmux.waitFor("the typed text") { $0.lastLine == prompt + " fini" }
        try tmux.send("Tab")
        try tmux.waitFor("finish to be completed") { $0.lastLine == prompt + " finish" }
        try tmux.send("Enter")
        try tmux.waitFor("the score sheet") { $0.lines.contains { $0.hasPrefix("Total: 0/") } }
        try tmux.waitForExit(status: 0)
    }

    /// The countdown runs while the learner thinks, what they are typing stays on the line as it redraws, and the
    /// exam ends when time is up with nobody pressing a key (it used to wait for the next line, then drop it).
    @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed")) func aTimedExamCountsDownAndEndsWhileIdle() throws {
        let rolecall = RoleCallProcess.executable.path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tmux-timed-\(UUID().uuidString)").path
        let command = "cd \(RoleCallProcess.repositoryRoot.path) && ROLECALL_COURSE=\(RoleCallProcess.course) \(rolecall) exam what-are-roles --time-limit 6s --learner timed --data-dir \(data)"
        let tmux = try Tmux(command: command, columns: 100, rows: 40)
        try tmux.waitFor("the first prompt with time left") { $0.lastLine?.hasPrefix("[exam 1/4 · 0:0") == true }
        // Typed keys go through the timed reader's own UTF-8 decoding: é must arrive as one character.
        try tmux.send("é b")
        try tmux.waitFor("the typed answer") { $0.lastLine?.hasSuffix("left] $ é b") == true }
        let first = try tmux.screen().lastLine ?? ""
        try tmux.waitFor("the countdown to move with the typed text kept") { screen in
            guard let line = screen.lastLine else { return false }
            return line != first && line.hasPrefix("[exam 1/4 · 0:0") && line.hasSuffix("left] $ é b")
        }
        try tmux.waitFor("time to run out without a key pressed", seconds: 10) { $0.lines.contains("Time is up.") }
        try tmux.waitFor("the score sheet") { $0.lines.contains { $0.hasPrefix("Total: 0/4 points") } }
        try tmux.waitForExit(status: 0)
    }

    /// A policy pasted across lines continues with "> " prompts, and a here-document writes a file that file://
    /// then reads, in a real terminal: once, each pasted line was a new command ("unterminated single quote").
    @Test(.enabled(if: Tmux.isInstalled, "tmux is not installed")) func pastingAPolicyAndAHereDocument() throws {
        let rolecall = RoleCallProcess.executable.path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tmux-paste-\(UUID().uuidString)").path
        let command = "cd \(RoleCallProcess.repositoryRoot.path) && ROLECALL_COURSE=\(RoleCallProcess.course) \(rolecall) --learner paste --data-dir \(data)"
        let tmux = try Tmux(command: command, columns: 120, rows: 40)
        let prompt = "[what-are-roles 1/9] learner $"
        try tmux.waitFor("the first prompt") { $0.lastLine == prompt }
        try tmux.send("aws iam create-role --role-name Pasted --assume-role-policy-document '{")
        try tmux.waitFor("the first line") { ($0.lastLine ?? "").hasSuffix("document '{") }
        try tmux.send("Enter")
        try tmux.waitFor("the continuation prompt") { $0.lastLine == ">" || $0.lastLine == "> " }
        try tmux.send(#"  "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}' --query Role.Arn --output text"#)
        try tmux.waitFor("the second line") { ($0.lastLine ?? "").hasSuffix("--output text") }
        try tmux.send("Enter")
        try tmux.waitFor("the role's ARN") { $0.lines.contains("arn:aws:iam::123456789012:role/Pasted") }
        try tmux.waitFor("the prompt again") { $0.lastLine == prompt }

        try tmux.send("cat > note.txt <<'EOF'")
        try tmux.waitFor("the here-document's first line") { ($0.lastLine ?? "").hasSuffix("<<'EOF'") }
        try tmux.send("Enter")
        try tmux.waitFor("the continuation prompt") { $0.lastLine == ">" || $0.lastLine == "> " }
        try tmux.send("written in a here-document", "Enter")
        try tmux.waitFor("the continuation prompt") { $0.lastLine == ">" || $0.lastLine == "> " }
        try tmux.send("EOF", "Enter")
        try tmux.waitFor("the prompt again") { $0.lastLine == prompt }
        try tmux.send("cat note.txt")
        try tmux.waitFor("the typed command") { $0.lastLine == prompt + " cat note.txt" }
        try tmux.send("Enter")
        try tmux.waitFor("the file's text") { $0.lines.contains("written in a here-document") }
        // Tab after file:// completes a name in the working folder.
        try tmux.waitFor("the prompt again") { $0.lastLine == prompt }
        try tmux.send("aws s3 cp file://no")
        try tmux.waitFor("the typed start of the name") { ($0.lastLine ?? "").hasSuffix("file://no") }
        try tmux.send("Tab")
        try tmux.waitFor("the completed name") { ($0.lastLine ?? "").hasSuffix("file://note.txt") || ($0.lastLine ?? "").hasSuffix("file://note.txt ") }
        try tmux.send("C-u")
        try tmux.send("quit", "Enter")
        try tmux.waitForExit(status: 0)
    }

    /// `endpoint on` in a real terminal: a request from the learner's own CLI is answered while a line is half
    /// typed; its note appears above the prompt and the half-typed line is drawn again, still editable.
    @Test(.enabled(if: Tmux.isInstalled && EndpointEndToEndTests.aws != nil, "tmux or the aws CLI is not installed"))
    func theEndpointAnswersWhileALineIsBeingTyped() throws {
        let rolecall = RoleCallProcess.executable.path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-tmux-\(UUID().uuidString)").path
        let command = "cd \(RoleCallProcess.repositoryRoot.path) && ROLECALL_COURSE=\(RoleCallProcess.course) \(rolecall) --learner ana --data-dir \(data)"
        let tmux = try Tmux(command: command, columns: 200, rows: 50)
        let prompt = "[what-are-roles 1/9] learner $"
        try tmux.waitFor("the first prompt") { $0.lastLine == prompt }
        try tmux.send("endpoint on 0")
        try tmux.waitFor("the typed command") { $0.lastLine == prompt + " endpoint on 0" }
        try tmux.send("Enter")
        try tmux.waitFor("the export line") { screen in screen.lines.contains { $0.contains("export AWS_ENDPOINT_URL=") } && screen.lastLine == prompt }
        let exports = try #require(try tmux.screen().lines.first { $0.contains("export AWS_ENDPOINT_URL=") })
        var env: [String: String] = ["AWS_DEFAULT_REGION": "us-east-1"]
        for assignment in exports.split(separator: " ") where assignment.contains("=") {
            let pair = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            env[pair[0]] = pair[1]
        }
        try tmux.send("aws sts get-c")
        try tmux.waitFor("the half-typed line") { $0.lastLine == prompt + " aws sts get-c" }
        let who = try EndpointEndToEndTests.aws(["sts", "get-caller-identity", "--query", "Arn", "--output", "text"], env, folder: data)
        #expect(who.stdout == "arn:aws:iam::123456789012:user/learner\n", "\(who.stderr)")
        try tmux.waitFor("the note above the prompt, the line kept") { screen in
            screen.lines.contains("⇠ from your terminal: aws sts get-caller-identity → done") && screen.lastLine == prompt + " aws sts get-c"
        }
        try tmux.send("aller-identity --query Account")
        try tmux.send("Enter")
        try tmux.waitFor("the finished command's answer") { screen in screen.lines.contains("\"123456789012\"") && screen.lastLine == prompt }
        try tmux.send("quit")
        try tmux.send("Enter")
        try tmux.waitForExit(status: 0)
    }
}
