/// `aws help`, `aws SERVICE help` and `aws SERVICE OPERATION help`: the CLI's manual pages in the shape the CLI
/// prints them (title line, NAME, SYNOPSIS, the list of commands or options), built from the same argument
/// tables the commands parse with, so a page never offers an option the sandbox would refuse. Descriptions are
/// the botocore models' documentation (first paragraphs, see `HelpText`); each page also names its page in the
/// AWS CLI reference, where the examples are.
enum HelpPage {
    /// awscli v1's reference, where the real command's full page lives.
    static let referenceRoot = "https://docs.aws.amazon.com/cli/latest/reference/"

    /// `aws help`.
    static func top() -> String {
        page(title: "aws", sections: [
            ("NAME", ["aws -"]),
            ("DESCRIPTION", [
                "The  AWS  Command  Line  Interface is a unified tool to manage your AWS",
                "services. In this sandbox it manages the simulated services below.",
                "",
                "Full reference: \(referenceRoot)index.html",
            ]),
            ("SYNOPSIS", [
                "   aws [options] <command> <subcommand> [parameters]",
                "",
                "Use aws command help for information on a  specific  command.  The",
                "synopsis for each command shows its parameters and their usage. Optional",
                "parameters are shown in square brackets.",
            ]),
            ("GLOBAL OPTIONS", globalOptionLines()),
            ("AVAILABLE SERVICES", bulleted(ServiceCatalog.commandNames)),
        ])
    }

    /// `aws SERVICE help` for a service model, or for `s3` and `configure` given their subcommands.
    static func service(_ name: String, commands: [String]) -> String {
        page(title: name, sections: [
            ("NAME", ["\(name) -"]),
            ("DESCRIPTION", description(HelpText.service(name), reference: "\(referenceRoot)\(name)/index.html")),
            ("SYNOPSIS", ["   aws [options] \(name) <subcommand> [parameters]"]),
            ("AVAILABLE COMMANDS", bulleted(commands)),
        ])
    }

    /// `aws SERVICE OPERATION help`: the synopsis lists the operation's arguments in the CLI's order (required
    /// ones without brackets, booleans as `--x | --no-x`), then the global options.
    static func operation(_ operation: OperationSpec, in service: ServiceSpec) -> String {
        let arguments = ArgumentTable.arguments(for: operation, in: service).filter { !$0.isHidden }
        var synopsis = ["     \(operation.cliName)"]
        for argument in arguments {
            let usage = switch argument.arity {
            case .positional: "<\(argument.name)>"
            case .flag: "--\(argument.name) | --no-\(argument.name)"
            case .single, .multiple, .optional: "--\(argument.name) <value>"
            }
            synopsis.append("   " + (argument.isRequired && argument.arity != .flag ? usage : "[\(usage)]"))
        }
        synopsis += globalSynopsis()
        var options: [String] = []
        for argument in arguments {
            let type = argument.shapeName.map { service.shape($0).kind.rawValue }
                ?? ([.pageSize, .maxItems].contains(argument.target) ? "integer" : "string")
            if !options.isEmpty { options.append("") }
            options.append("\(argument.displayName) (\(type))" + (argument.isRequired ? " [required]" : ""))
            if case .member(let member) = argument.target, let text = HelpText.member(member, of: operation, in: service) {
                options += HelpText.wrap(text, width: bodyWidth - 3).map { $0.isEmpty ? "" : "   " + $0 }
            }
        }
        return page(title: operation.cliName, sections: [
            ("NAME", ["\(operation.cliName) -"]),
            ("DESCRIPTION", description(HelpText.operation(operation, in: service),
                                        reference: "\(referenceRoot)\(service.cliName)/\(operation.cliName).html")),
            ("SYNOPSIS", synopsis),
            ("OPTIONS", options.isEmpty ? ["None"] : options),
        ])
    }

    /// `aws s3 ls help` and the other high-level S3 commands: their paths and the options the sandbox accepts.
    static func s3Subcommand(_ name: String, paths: String, options: [OptionMatcher.Option]) -> String {
        customCommand("s3", name, paths: paths, options: options)
    }

    /// The page of one of the CLI's own commands (`aws s3 ls`, `aws logs tail`): its synopsis and reference.
    static func customCommand(_ service: String, _ name: String, paths: String, options: [OptionMatcher.Option]) -> String {
        var synopsis = ["     \(name)", "   \(paths)"]
        synopsis += options.map { option in
            if case .flag = option.arity { return "   [--\(option.name)]" }
            return "   [--\(option.name) <value>]"
        }
        synopsis += globalSynopsis()
        return page(title: name, sections: [
            ("NAME", ["\(name) -"]),
            ("DESCRIPTION", ["Full reference:", "\(referenceRoot)\(service)/\(name).html"]),
            ("SYNOPSIS", synopsis),
        ])
    }

    // MARK: Layout

    /// Text width inside the page's seven-column indent, as the CLI's 80-column man pages have it.
    static let bodyWidth = 71

    private static func description(_ text: String?, reference: String) -> [String] {
        (text.map { HelpText.wrap($0, width: bodyWidth) + [""] } ?? []) + ["Full reference:", reference]
    }

    /// The man page frame: `NAME()` at both ends of a 78-column title line, then indented sections.
    private static func page(title: String, sections: [(String, [String])]) -> String {
        let heading = title.uppercased() + "()"
        let gap = String(repeating: " ", count: max(1, 78 - 2 * heading.count))
        var lines = [heading + gap + heading, ""]
        for (name, body) in sections {
            lines.append("")
            lines.append(name)
            lines += body.map { $0.isEmpty ? "" : "       " + $0 }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    private static func bulleted(_ names: [String]) -> [String] {
        names.map { "o \($0)" }
    }

    /// The global options the v1 CLI documents (v2's `--no-cli-pager` is accepted but not listed).
    private static var documentedGlobals: [OptionMatcher.Option] {
        GlobalOptions.matcherOptions.filter { $0.name != "no-cli-pager" }
    }

    private static func globalSynopsis() -> [String] {
        documentedGlobals.map { option in
            if case .flag = option.arity { return "   [--\(option.name)]" }
            return "   [--\(option.name) <value>]"
        }
    }

    private static func globalOptionLines() -> [String] {
        documentedGlobals.map { option in
            if case .flag = option.arity { return "--\(option.name) (boolean)" }
            return "--\(option.name) (string)"
        }
    }
}

/// `aws --version`. The commands behave as aws CLI v2's (exit statuses 252–255, `--output yaml`, `configure
/// export-credentials`), so the line starts `aws-cli/2` as v2's does, which is what install guides tell a learner to
/// look for. It names no v2 release it could not be held to: `source/rolecall-sandbox` says where it comes from and
/// `botocore/…` the models the commands are generated from (`scripts/generate-requirements.txt`; a test keeps the
/// two equal).
enum CLIVersion {
    static let awscli = "1.45.11"
    static let botocore = "1.43.11"
    static let line = "aws-cli/2 Python/3.11.7 Linux/6.1.0 source/rolecall-sandbox botocore/\(botocore)\n"
}
