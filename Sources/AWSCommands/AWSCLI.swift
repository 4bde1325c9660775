import AWSModel
/// The `aws` command: turns the words after `aws` into service calls on a backend and returns what the real
/// aws CLI would print, with its exit code. It never prints and never touches the file system.
public enum AWSCLI {
    public static func run(
        _ arguments: [String], environment: inout CLIEnvironment, files: some FileProvider, backend: inout some AWSBackend
    ) -> CLIResult {
        runGeneric(arguments, environment: &environment, files: files, backend: &backend)
    }

    private static func runGeneric<Backend: AWSBackend, Files: FileProvider>(
        _ arguments: [String], environment: inout CLIEnvironment, files: Files, backend: inout Backend
    ) -> CLIResult {
        var result = CLIResult()
        let failure: CLIFailure?
        do throws(CLIFailure) {
            let (globals, rest) = try GlobalOptions.parse(arguments)
            var session = CommandSession(globals: globals, environment: environment, files: files, backend: backend)
            // The session owns environment and backend while the command runs; hand them back even on failure
            // so `configure set`, assumed-role counters and the backend's own state are kept.
            defer {
                environment = session.environment
                backend = session.backend
                result.calls = session.calls
                result.writtenFiles = session.writtenFiles
                result.stderr = session.warnings.joined()
            }
            result.stdout = try dispatch(rest, session: &session)
            failure = nil
        } catch {
            failure = error
        }
        if let failure {
            let presented = FailurePresenter.present(failure)
            result.stdout = presented.stdout
            result.stderr += presented.stderr
            result.exitCode = presented.exitCode
        }
        return result
    }

    private static func dispatch<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> String {
        if session.globals.showVersion { return CLIVersion.line }
        let split = try OptionMatcher(options: [], positionalCount: 1).match(words)
        guard let command = split.positionals.first else {
            throw .usage("the following arguments are required: command")
        }
        var rest = words
        rest.remove(at: words.firstIndex(of: command)!)
        switch command {
        case "help":
            return HelpPage.top()
        case "s3" where rest.first == "help", "configure" where rest.first == "help":
            return HelpPage.service(command, commands: operations(of: command))
        case "s3":
            if let printed = try S3Command().run(rest, session: &session) { throw printed }
            return ""
        case "configure":
            throw try ConfigureCommand().run(rest, session: &session)
        case _ where ServiceCatalog.customCommand(of: command, in: rest) == LogsTailCommand.name:
            rest.remove(at: rest.firstIndex(of: LogsTailCommand.name)!)
            throw try LogsTailCommand().run(rest, session: &session)
        default:
            guard let service = ServiceCatalog.service(named: command) else {
                if ServiceSpec.otherCommands.contains(command) {
                    throw .notSimulated(command: command, operation: nil, simulated: ServiceCatalog.commandNames.filter { $0 != "configure" })
                }
                throw .usage("argument command: " + ChoiceList.invalidChoice(command, choices: ServiceCatalog.commandNames))
            }
            return try ServiceCommand(service: service).run(rest, session: &session)
        }
    }

    // MARK: Completion for the REPL

    /// Every word valid after `aws`.
    public static var services: [String] { ServiceCatalog.commandNames }

    /// Subcommands of a service (`list-roles`, …), or of `s3` and `configure`; empty for unknown names.
    public static func operations(of service: String) -> [String] {
        switch service {
        case "s3": return S3Command.subcommands
        case "configure": return ConfigureCommand.subcommands
        default: return ServiceCatalog.service(named: service).map(ServiceCatalog.operationNames) ?? []
        }
    }

    /// Options of an operation with their dashes (`--role-name`, `--no-dry-run`), required ones first, plus
    /// the global options. Undocumented options are left out.
    public static func options(of service: String, operation: String) -> [String] {
        let globals = GlobalOptions.matcherOptions.map { "--" + $0.name }
        if service == "logs" && operation == LogsTailCommand.name {
            return LogsTailCommand.options.map { "--" + $0.name } + globals
        }
        guard let spec = ServiceCatalog.service(named: service), let operationSpec = spec.operation(named: operation) else {
            return globals
        }
        let arguments = ArgumentTable.arguments(for: operationSpec, in: spec).filter { !$0.isHidden && $0.arity != .positional }
        let ordered = arguments.filter(\.isRequired) + arguments.filter { !$0.isRequired }
        let names = ordered.flatMap { $0.arity == .flag ? ["--" + $0.name, "--no-" + $0.name] : ["--" + $0.name] }
        return names + globals
    }
}
