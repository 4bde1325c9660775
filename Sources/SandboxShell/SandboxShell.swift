import AWSCommands
import AWSModel
import Foundation
import Suggestions
import Sandbox
import ShellWords

/// The shell a learner types into: `aws` commands against the sandbox, plus the few shell commands the course
/// needs (export, unset, instance exec, clock, whoami, explain, cat, ls). Pure: it returns what to print.
public struct SandboxShell {
    public private(set) var state: ShellState
    private var sandbox: Sandbox
    public var terminalWidth: Int
    /// How many `eval`s are running inside one another.
    private var evalDepth = 0
    /// The last line's exit status, for `$?`. Not saved: a shell started again begins at 0, as a new terminal does
    /// (and a file with it would read as newer to the RoleCall before it).
    public var lastExitCode: Int32 = 0

    public static let commands = ["aws", "export", "unset", "env", "echo", "instance", "clock", "whoami", "explain", "cat", "ls", "github-token", "eval"]

    public init(state: ShellState, terminalWidth: Int = 80) {
        self.state = state
        sandbox = Sandbox(state: state.sandbox)
        self.terminalWidth = terminalWidth
    }

    /// Whether aws takes blobs typed on the command line as raw text (v1's way) rather than base64: how sessions
    /// recorded before transcript format 3 ran, set by their replay. Not saved.
    public var blobsAreRaw = false

    /// Files outside the sandbox, for `rolecall aws` run from the learner's own shell: `file://` arguments are read
    /// there and downloads written there. Nil inside the tutor, where the working folder is the sandbox's own.
    public var externalFiles: (any ExternalFolder)?

    /// What the sandbox answered the last aws command's last call (before the CLI formatted it): the HTTP
    /// endpoint in the tutor sends it back over the wire.
    public private(set) var lastCallResult: Result<AWSValue, ServiceError>?

    /// The world as it is now, for completion and checks.
    public var world: Sandbox { sandbox }

    /// Runs one line and returns what it printed.
    public mutating func run(_ line: String) -> ShellOutcome {
        let outcome = runLine(line)
        // `$?` on a later line is this line's status, as in a POSIX shell; a blank line or a comment leaves it.
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if !trimmed.isEmpty, !trimmed.hasPrefix("#") { lastExitCode = outcome.exitCode }
        return outcome
    }

    private mutating func runLine(_ line: String) -> ShellOutcome {
        // Most lines are one plain command: the shell syntax below is looked for only when its marks are there.
        let bytes = line.utf8
        let hasSubstitution = ShellWords.contains("$(", in: line)
        if hasSubstitution, ShellWords.hasOpenSubstitution(line) {
            // Read as the shell would not: `TOKEN=$(aws sts …` without its `)` ran `sts` as a command.
            return .failure("rolecall: syntax error: the line ended while looking for the `)` that closes `$(`", code: 2, command: "")
        }
        if hasSubstitution, let substitution = Self.commandSubstitution(line) { return assign(substitution) }
        if ShellWords.contains("eval", in: line) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "eval" || trimmed.hasPrefix("eval ") { return evaluate(trimmed) }
        }
        if ShellWords.hasSubstitution(line), !ShellWords.contains("<<", in: line) {
            // Passed on literally, `"$(cat trust.json)"` reached the aws CLI as text and came back as a service error
            // about the JSON; saying what the shell can do is better than a misleading answer.
            if !ShellWords.contains("$(", in: line) {
                return .failure("rolecall: a backtick outside single quotes runs a command, as in bash: put a --query with JMESPath literals in single quotes ('…`running`…')", code: 2, command: "")
            }
            return .failure("rolecall: this shell runs a command substitution only as a line of its own, NAME=$(command): set the variable first, then use \"$NAME\" (for a file, aws reads file://NAME itself)", code: 2, command: "")
        }
        var commandLine = line
        var input: String?
        if bytes.contains(UInt8(ascii: "<")), let document = ShellInput.HereDocument(line) {
            guard document.isClosed else {
                return .failure("rolecall: the here-document was not ended: finish it with a line holding only \(document.delimiter)", code: 2, command: "")
            }
            commandLine = document.command
            input = document.body
        }
        let expanded = expandVariables(in: commandLine)
        let split: [ShellWords.Word]
        do {
            split = try ShellWords.words(expanded)
        } catch {
            return .failure("rolecall: syntax error: \(error)", code: 2, command: "")
        }
        let words = split.map(\.text)
        if let problem = ShellInput.unsupported(split) {
            return .failure("rolecall: \(problem)", code: 2, command: words.first ?? "")
        }
        let (command, redirection, problem) = ShellInput.redirection(in: split)
        if let problem { return .failure("rolecall: \(problem)", code: 2, command: words.first ?? "") }
        guard let redirection else {
            if input != nil, words.first == "cat", words.count == 1 { return ShellOutcome(stdout: input ?? "") }
            return run(words: command)
        }
        // `cat > FILE <<'EOF'` and `echo text > FILE` write into the sandbox's working folder, where file:// reads.
        var outcome: ShellOutcome
        if command == ["cat"] {
            guard let input else {
                return .failure("rolecall: cat > \(redirection.path) needs its text as a here-document: cat > \(redirection.path) <<'EOF', the lines, then EOF", code: 2, command: "cat")
            }
            outcome = ShellOutcome(stdout: input)
            outcome.command = "cat"
        } else {
            outcome = run(words: command)
        }
        if redirection.path != "/dev/null" {
            let name = VirtualFolder.normalize(redirection.path)
            let existing = redirection.appends ? (workingFolder.contents(ofFile: name) ?? "") : ""
            // One working folder: from the learner's own terminal that is the real folder aws's file:// and
            // downloads use; in the tutor it is the sandbox's.
            if let externalFiles {
                if let problem = externalFiles.write(existing + outcome.stdout, to: redirection.path, makingFolders: false) {
                    return .failure(problem, code: 1, command: outcome.command)
                }
            } else {
                state.sandbox.files[name] = existing + outcome.stdout
                sandbox.state.files = state.sandbox.files
            }
        }
        outcome.stdout = ""
        outcome.words = words
        return outcome
    }

    /// Runs a command already split into words (as a shell hands them over).
    public mutating func run(words: [String]) -> ShellOutcome {
        guard let command = words.first else { return ShellOutcome() }
        // `NAME=value … command`: the variables hold for that one command, as in a POSIX shell (a line of
        // assignments alone sets them for the lines that follow).
        let assignments = words.prefix { Self.assignment($0) != nil }
        if !assignments.isEmpty {
            let rest = Array(words.dropFirst(assignments.count))
            var saved: [String: String?] = [:]
            for word in assignments {
                guard let (name, value) = Self.assignment(word) else { continue }
                if saved[name] == nil { saved[name] = .some(state.variables[name]) }
                state.variables[name] = value
            }
            guard !rest.isEmpty else {
                // A line of assignments alone sets shell variables; a new one is not exported until `export NAME`.
                for (name, value) in saved where value == nil { state.unexported = (state.unexported ?? []).union([name]) }
                return ShellOutcome()
            }
            // For that one command they are in its environment, even a shell variable of the same name.
            let hidden = state.unexported?.intersection(saved.keys) ?? []
            state.unexported?.subtract(hidden)
            let outcome = run(words: rest)
            for (name, value) in saved { state.variables[name] = value }
            if !hidden.isEmpty { state.unexported?.formUnion(hidden) }
            // Checks read the command itself (`ran iam create-role`), not the variables given to it.
            return outcome
        }
        var outcome: ShellOutcome
        switch command {
        case "aws": outcome = runAWS(Array(words.dropFirst()))
        case "export": outcome = export(Array(words.dropFirst()))
        case "unset":
            for name in words.dropFirst() {
                state.variables[name] = nil
                state.unexported?.remove(name)
            }
            outcome = ShellOutcome()
        case "env", "printenv": outcome = ShellOutcome(stdout: state.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined())
        case "echo": outcome = ShellOutcome(stdout: words.dropFirst().joined(separator: " ") + "\n")
        case "instance": outcome = instance(Array(words.dropFirst()))
        case "clock": outcome = clock(Array(words.dropFirst()))
        case "github-token": outcome = githubToken(Array(words.dropFirst()))
        case "whoami": outcome = ShellOutcome(stdout: whoami() + "\n")
        case "explain": outcome = ShellOutcome(stdout: explain())
        case "cat": outcome = cat(Array(words.dropFirst()))
        case "ls":
            let names = Set(state.sandbox.files.keys).union(externalFiles?.fileNames() ?? [])
            outcome = ShellOutcome(stdout: names.sorted().map { $0 + "\n" }.joined())
        default:
            let suggestion = Suggestions.didYouMean(command, among: Self.commands)
            outcome = .failure("\(command): command not found.\(suggestion)", code: 127, command: command)
        }
        outcome.command = command
        outcome.words = words
        state.sandbox = sandbox.state
        return outcome
    }

    /// Starts over from a fresh world (the tutor then applies the lesson's seed).
    public mutating func reset() {
        state = .initial()
        sandbox = Sandbox(state: state.sandbox)
    }

    /// Replaces the sandbox world, keeping the shell's variables and profiles.
    public mutating func replaceSandbox(_ world: SandboxState) {
        state.sandbox = world
        sandbox = Sandbox(state: world)
    }

    // MARK: aws

    private func environment(variables: [String: String], configuration: CLIConfiguration, imds: AWSCredentials? = nil) -> CLIEnvironment {
        var environment = CLIEnvironment(variables: variables, configuration: configuration, instanceMetadataCredentials: imds,
                                         terminalWidth: terminalWidth, now: sandbox.state.clock.now, roleCredentialCache: state.roleCredentialCache)
        environment.blobsAreRaw = blobsAreRaw
        return environment
    }

    private mutating func runAWS(_ arguments: [String], imds: AWSCredentials? = nil, onInstance: Bool = false) -> ShellOutcome {
        // On an instance there are no exported keys and no profiles: only the metadata service's credentials.
        var env = onInstance
            ? environment(variables: ["AWS_DEFAULT_REGION": "us-east-1"], configuration: CLIConfiguration(), imds: imds)
            : environment(variables: state.environment, configuration: state.configuration)
        var backend = ShellBackend(sandbox: sandbox, terminalWidth: terminalWidth)
        let folder = VirtualFolder(files: state.sandbox.files, outside: onInstance ? nil : externalFiles)
        let result = AWSCLI.run(arguments, environment: &env, files: folder, backend: &backend)
        sandbox = backend.sandbox
        if !onInstance {
            state.configuration = env.configuration
        }
        if !onInstance { state.roleCredentialCache = env.roleCredentialCache }
        var files = sandbox.state.files
        // Also on an instance: the endpoint answers a call its relay ran there with it.
        lastCallResult = backend.lastResult
        // An answer written to /dev/null is gone, as in a shell.
        for file in result.writtenFiles where file.path != "/dev/null" {
            if let externalFiles, !onInstance {
                if let problem = externalFiles.write(file.contents, to: file.path, makingFolders: file.makesFolders) {
                    return ShellOutcome(stdout: result.stdout, stderr: result.stderr + problem + "\n", exitCode: 1, calls: result.calls, command: "aws")
                }
            } else {
                files[VirtualFolder.normalize(file.path)] = file.contents
            }
        }
        sandbox.state.files = files
        return ShellOutcome(stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, calls: result.calls, command: "aws")
    }

    // MARK: Shell built-ins

    /// `$NAME` and `${NAME}` outside single quotes, from the exported variables (unset ones expand to nothing).
    func expandVariables(in line: String) -> String {
        guard line.utf8.contains(UInt8(ascii: "$")) else { return line }
        var output = ""
        // `$NAME` expands bare and in double quotes; in single quotes or after a backslash it is text.
        var characters = ShellWords.contexts(line)[...]
        while let (character, context) = characters.popFirst() {
            guard character == "$", context == .bare || context == .doubleQuoted, let next = characters.first?.0, next == "{" || next == "?" || next.isLetter || next == "_" else {
                output.append(character)
                continue
            }
            if next == "?" {
                // The last line's exit status: `aws iam get-role …; echo $?` is how a learner sees 254 for a denial.
                characters.removeFirst()
                output += String(lastExitCode)
                continue
            }
            var name = ""
            if next == "{" {
                characters.removeFirst()
                while let (inner, _) = characters.popFirst(), inner != "}" { name.append(inner) }
            } else {
                while let inner = characters.first?.0, inner.isLetter || inner.isNumber || inner == "_" { name.append(inner); characters.removeFirst() }
            }
            output += state.variables[name] ?? ""
        }
        return output
    }

    /// `NAME=$(command)` or `export NAME=$(command)`: the one form of command substitution the shell runs, for
    /// `TOKEN=$(instance exec latest -- curl -X PUT …/latest/api/token …)` and the like.
    static func commandSubstitution(_ line: String) -> (name: String, command: String, exported: Bool)? {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        let exported = text.hasPrefix("export ")
        if exported { text = text.dropFirst(7).drop { $0 == " " } }
        guard let equals = text.firstIndex(of: "="), text[text.index(after: equals)...].hasPrefix("$("), text.hasSuffix(")") else { return nil }
        let name = String(text[..<equals])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !(name.first?.isNumber ?? true) else { return nil }
        let inner = text[text.index(equals, offsetBy: 3)...].dropLast()
        return (name, String(inner), exported)
    }

    /// `eval "$(command)"`: runs the command, then each line it printed, as AWS's documentation does with
    /// `eval "$(aws configure export-credentials --profile NAME --format env)"`.
    private mutating func evaluate(_ line: String) -> ShellOutcome {
        // A command whose output is the same eval again would nest without end; a shell would loop, this one stops.
        guard evalDepth < 8 else { return .failure("rolecall: eval: nested too deeply", code: 2, command: "eval") }
        evalDepth += 1
        defer { evalDepth -= 1 }
        var text = Substring(line)
        text = text.dropFirst(4).drop { $0 == " " }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        guard text.hasPrefix("$("), text.hasSuffix(")") else {
            return .failure("rolecall: eval runs the output of one command: eval \"$(aws configure export-credentials --profile NAME --format env)\"", code: 2, command: "eval")
        }
        var outcome = run(String(text.dropFirst(2).dropLast()))
        guard outcome.exitCode == 0 else {
            outcome.stdout = ""
            outcome.command = "eval"
            return outcome
        }
        let printed = outcome.stdout
        outcome.stdout = ""
        for command in printed.split(separator: "\n") where !command.trimmingCharacters(in: .whitespaces).isEmpty {
            let step = run(String(command))
            outcome.stdout += step.stdout
            outcome.stderr += step.stderr
            outcome.calls += step.calls
            outcome.exitCode = step.exitCode
        }
        outcome.command = "eval"
        outcome.words = ["eval", String(text)]
        return outcome
    }

    private mutating func assign(_ substitution: (name: String, command: String, exported: Bool)) -> ShellOutcome {
        var outcome = run(substitution.command)
        // As in a shell: the variable gets the output without its final newlines; errors still show.
        var value = outcome.stdout
        while value.hasSuffix("\n") { value.removeLast() }
        // `NAME=$(…)` makes a shell variable (a new one unexported); `export NAME=$(…)` an environment variable.
        if substitution.exported {
            state.unexported?.remove(substitution.name)
        } else if state.variables[substitution.name] == nil {
            state.unexported = (state.unexported ?? []).union([substitution.name])
        }
        state.variables[substitution.name] = value
        outcome.stdout = ""
        return outcome
    }

    /// This line as a session recorded before transcript format 3 ran it, written for today's shell: a line of
    /// `NAME=value` assignments, or `NAME=$(…)`, exported what it set (shell variables were not told apart from
    /// the environment). Any other line is returned unchanged. (Those sessions also read blobs raw: the replay
    /// sets `blobsAreRaw`.)
    public static func asRunBeforeFormat3(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard !trimmed.hasPrefix("export ") else { return line }
        if commandSubstitution(line) != nil { return "export " + trimmed }
        guard let words = try? ShellWords.split(String(trimmed)), !words.isEmpty,
              words.allSatisfy({ assignment($0) != nil }) else { return line }
        return "export " + trimmed
    }

    /// `NAME=value` with a name a shell accepts, split; nil for any other word.
    static func assignment(_ word: String) -> (name: String, value: String)? {
        guard let equals = word.firstIndex(of: "=") else { return nil }
        let name = word[..<equals]
        guard let first = name.first, first.isLetter || first == "_", first.isASCII,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        return (String(name), String(word[word.index(after: equals)...]))
    }

    private mutating func export(_ arguments: [String]) -> ShellOutcome {
        if arguments.isEmpty {
            return ShellOutcome(stdout: state.environment.sorted { $0.key < $1.key }.map { "declare -x \($0.key)=\"\($0.value)\"\n" }.joined())
        }
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                // `export NAME`: a shell variable becomes part of the environment.
                state.unexported?.remove(argument)
                continue
            }
            let name = String(argument[..<equals])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !(name.first?.isNumber ?? true) else {
                return .failure("export: `\(argument)': not a valid identifier", command: "export")
            }
            state.variables[name] = String(argument[argument.index(after: equals)...])
            state.unexported?.remove(name)
        }
        return ShellOutcome()
    }

    /// The aws CLI's own files (`~/.aws/config`, `~/.aws/credentials`, however the home folder is written), as
    /// `aws configure set` would have written them.
    static func isCLIFile(_ path: String, _ name: String) -> Bool {
        path == ".aws/" + name || path.hasSuffix("/.aws/" + name)
    }

    /// The folder `cat`, `ls`, redirections and aws's `file://` all see: the sandbox's files, under the real
    /// folder when the shell runs from the learner's own terminal.
    var workingFolder: VirtualFolder { VirtualFolder(files: state.sandbox.files, outside: externalFiles) }

    private func cat(_ arguments: [String]) -> ShellOutcome {
        var output = ""
        for name in arguments {
            if Self.isCLIFile(name, "config") { output += state.configuration.configFile; continue }
            if Self.isCLIFile(name, "credentials") { output += state.configuration.credentialsFile; continue }
            guard let content = workingFolder.contents(ofFile: name) else {
                return ShellOutcome(stdout: output, stderr: "cat: \(name): No such file or directory\n", exitCode: 1)
            }
            output += content.hasSuffix("\n") ? content : content + "\n"
        }
        return ShellOutcome(stdout: output)
    }

    private mutating func clock(_ arguments: [String]) -> ShellOutcome {
        if arguments.first == "advance" {
            guard arguments.count == 2, let seconds = SandboxClock.parseDuration(arguments[1]) else {
                return .failure("usage: clock advance DURATION   (e.g. 30m, 2h, 1h30m; at most 366d)", code: 2, command: "clock")
            }
            sandbox.state.clock.advance(by: seconds)
        } else if !arguments.isEmpty {
            return .failure("usage: clock [advance DURATION]", code: 2, command: "clock")
        }
        return ShellOutcome(stdout: "Sandbox time is now \(SandboxClock.iso8601(sandbox.state.clock.now)).\n")
    }

    /// The credentials `aws` would use now, without calling anything: exported keys first, then the profile.
    private var currentCredentials: AWSCredentials? {
        let variables = state.environment
        if let id = variables["AWS_ACCESS_KEY_ID"], let secret = variables["AWS_SECRET_ACCESS_KEY"] {
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: variables["AWS_SESSION_TOKEN"])
        }
        let profile = variables["AWS_PROFILE"] ?? "default"
        guard let id = state.configuration.setting("aws_access_key_id", inProfile: profile),
              let secret = state.configuration.setting("aws_secret_access_key", inProfile: profile) else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: state.configuration.setting("aws_session_token", inProfile: profile))
    }

    /// The access key id the next `aws` command would sign with, if any.
    public var currentAccessKeyID: String? { currentCredentials?.accessKeyID }

    /// A short name for the prompt: `learner`, or `S3Reader/s1` after assuming a role.
    public var promptIdentity: String {
        if let profile = state.environment["AWS_PROFILE"], state.configuration.setting("role_arn", inProfile: profile) != nil {
            return "profile:\(profile)"
        }
        guard let credentials = currentCredentials else { return "no credentials" }
        return sandbox.describe(credentials)?.short ?? "unknown keys"
    }

    /// The engine's last denial in this sandbox (what `explain` explains).
    public var lastDenial: Denial? { sandbox.lastDenial }

    public func whoami() -> String {
        guard let credentials = currentCredentials else {
            return "No credentials are set: aws commands will fail with \"Unable to locate credentials\"."
        }
        guard let description = sandbox.describe(credentials) else {
            return "The access key \(credentials.accessKeyID) is not known to the sandbox: aws commands will be rejected."
        }
        return description.long
    }

    private func explain() -> String {
        guard let denial = sandbox.lastDenial else {
            return "Nothing has been denied yet. When a command fails with AccessDenied, 'explain' says which policy decided it.\n"
        }
        var lines = ["\(denial.operation) was denied (\(denial.decision)): \(denial.principal) may not perform \(denial.action) on \(denial.resource)."]
        lines += denial.explanation.map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: instance exec

    private mutating func instance(_ arguments: [String]) -> ShellOutcome {
        guard arguments.count >= 4, arguments[0] == "exec", arguments[2] == "--" else {
            return .failure("usage: instance exec INSTANCE_ID|latest -- aws ...|curl ...", code: 2, command: "instance")
        }
        // `latest` saves copying the id of the instance just launched.
        let id = arguments[1] == "latest" ? (sandbox.latestInstanceID() ?? "latest") : arguments[1]
        switch sandbox.instanceState(id) {
        case "running": break
        case let state?:
            return .failure("instance: \(id) is \(state): nothing runs on it (see 'aws ec2 describe-instances')", command: "instance")
        case nil:
            return .failure("instance: no running instance \(id) (see 'aws ec2 describe-instances')", command: "instance")
        }
        let command = Array(arguments.dropFirst(3))
        switch command[0] {
        case "aws":
            let imds: AWSCredentials?
            switch sandbox.instanceCredentials(id) {
            case .success(let credentials): imds = credentials
            case .failure: imds = nil
            }
            return runAWS(Array(command.dropFirst()), imds: imds, onInstance: true)
        case "curl":
            return curl(Array(command.dropFirst()), instance: id)
        default:
            return .failure("\(command[0]): command not found on the instance (it can run aws and curl)", code: 127, command: "instance")
        }
    }

    static let notFoundPage = """
    <?xml version="1.0" encoding="iso-8859-1"?>
    <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    \t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
    <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
     <head>
      <title>404 - Not Found</title>
     </head>
     <body>
      <h1>404 - Not Found</h1>
     </body>
    </html>

    """

    /// Enough of curl to talk to the instance metadata service, IMDSv1 or v2: `-X`, `-H`, `-f`, `-s`, `-i`, and
    /// `-o FILE` with `-w '%{http_code}'` (the idiom for asking only whether IMDSv1 still answers).
    private mutating func curl(_ arguments: [String], instance id: String) -> ShellOutcome {
        var method = "GET"
        var url: String?
        var headers: [String: String] = [:]
        var failOnError = false
        var includeHeaders = false
        var outputFile: String?
        var writeOut: String?
        let arguments = Self.curlArgumentsUnbundled(arguments)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            func value() -> String? {
                index += 1
                return index < arguments.count ? arguments[index] : nil
            }
            switch argument {
            case "-X", "--request": if let given = value() { method = given }
            case "-H", "--header":
                if let header = value(), let colon = header.firstIndex(of: ":") {
                    headers[header[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            case "-o", "--output": outputFile = value()
            case "-w", "--write-out": writeOut = value()
            case "-i", "--include": includeHeaders = true
            case "-f", "--fail": failOnError = true
            case let flag where flag.hasPrefix("-") && flag.count > 1:
                break
            default:
                url = argument
            }
            index += 1
        }
        guard let url else { return .failure("curl: try 'curl --help' for more information", code: 2, command: "instance") }
        let prefix = "http://169.254.169.254"
        guard url.hasPrefix(prefix) else {
            let host = url.replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "https://", with: "").split(separator: "/").first.map(String.init) ?? url
            return ShellOutcome(stderr: "curl: (6) Could not resolve host: \(host)\n", exitCode: 6)
        }
        let refused = ShellOutcome(stderr: "curl: (7) Failed to connect to 169.254.169.254 port 80: Connection refused\n", exitCode: 7)
        guard let (status, body) = metadataAnswer(instance: id, path: String(url.dropFirst(prefix.count)), method: method, headers: headers) else { return refused }
        // With -f, an HTTP error is curl's own message and exit status 22, and no body.
        if failOnError, status >= 400 {
            return ShellOutcome(stdout: writeOut.map { Self.curlWriteOut($0, status: status) } ?? "",
                                stderr: "curl: (22) The requested URL returned error: \(status)\n", exitCode: 22)
        }
        var shown = body
        if includeHeaders {
            let type = status == 200 ? "text/plain" : "text/html"
            shown = "HTTP/1.1 \(status) \(Self.httpReasons[status] ?? "")\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\nServer: EC2ws\r\n\r\n" + body
        }
        var stdout = ""
        var stderr = ""
        // The instance keeps no files the learner can read afterwards: /dev/null is what -o is for here.
        if let outputFile {
            if outputFile != "/dev/null" { stderr = "instance: \(outputFile) is not kept: the sandbox's instances have no files of their own (leave out -o to see the answer)\n" }
        } else {
            stdout = shown
        }
        if let writeOut { stdout += Self.curlWriteOut(writeOut, status: status) }
        return ShellOutcome(stdout: stdout, stderr: stderr)
    }

    /// Bundled short flags as separate ones, as curl reads them (`-sSf` is `-s -S -f`): a letter that takes a
    /// value (`o`, `w`, `H`, `X`) takes the rest of the bundle (`-ofile`), or else the next argument (`-so FILE`).
    static func curlArgumentsUnbundled(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2 else { return [argument] }
            var separate: [String] = []
            var letters = Substring(argument.dropFirst())
            while let letter = letters.popFirst() {
                separate.append("-" + String(letter))
                if "owHX".contains(letter) {
                    if !letters.isEmpty { separate.append(String(letters)) }
                    break
                }
            }
            return separate
        }
    }

    static let httpReasons = [200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"]

    /// curl's `-w` format: `%{http_code}` (also `%{response_code}`) and the escapes `\n`, `\t`; other variables are
    /// left as written.
    static func curlWriteOut(_ format: String, status: Int) -> String {
        format.replacingOccurrences(of: "%{http_code}", with: String(status)).replacingOccurrences(of: "%{response_code}", with: String(status))
            .replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
    }

    /// What the metadata service answers a request: its status and body (an error's HTML page, as IMDS sends
    /// one), or nil when it refuses the connection (its endpoint disabled).
    private mutating func metadataAnswer(instance id: String, path: String, method: String, headers: [String: String]) -> (Int, String)? {
        func errorPage(_ status: Int) -> (Int, String) {
            (status, Self.notFoundPage.replacingOccurrences(of: "404 - Not Found", with: "\(status) - \(Self.httpReasons[status] ?? "")"))
        }
        if path == "/latest/api/token" {
            guard method == "PUT" else { return errorPage(405) }
            switch sandbox.issueMetadataToken(id, ttl: headers["x-aws-ec2-metadata-token-ttl-seconds"].flatMap { Int($0) }) {
            case .success(let token): return (200, token)
            case .failure(.endpointDisabled): return nil
            case .failure: return errorPage(400)
            }
        }
        switch sandbox.instanceMetadata(id, path: path.isEmpty ? "/" : path, token: headers["x-aws-ec2-metadata-token"]) {
        case .success(let body): return (200, body.hasSuffix("\n") ? body : body + "\n")
        case .failure(.unauthorized): return errorPage(401)
        case .failure(.endpointDisabled): return nil
        case .failure(.roleNotAssumable(let role)):
            return (200, """
            {
              "Code" : "AssumeRoleUnauthorizedAccess",
              "Message" : "EC2 cannot assume the role \(role). Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_roles_ec2-cannot-assume-role",
              "LastUpdated" : "\(SandboxClock.iso8601Zulu(sandbox.state.clock.now))"
            }

            """)
        case .failure: return errorPage(404)
        }
    }
}
