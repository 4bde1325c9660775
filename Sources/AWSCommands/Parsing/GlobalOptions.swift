/// The options every `aws` command accepts, wherever they appear on the line.
struct GlobalOptions {
    /// aws CLI v2's formats.
    enum OutputFormat: String, CaseIterable {
        case json, text, table, yaml
        case yamlStream = "yaml-stream"
        case off
    }

    /// aws CLI v2's `--cli-binary-format`: how a blob parameter typed on the command line is read.
    enum BinaryFormat: String, CaseIterable {
        /// v2's default: the text is base64 and is decoded (`fileb://` files are read as they are).
        case base64
        /// v1's way: the text is the bytes themselves.
        case rawInBase64Out = "raw-in-base64-out"
    }

    var output: OutputFormat?
    var binaryFormat: BinaryFormat?
    var query: (expression: String, node: JMESPathNode)?
    var profile: String?
    var region: String?
    var paginate = true
    /// `--no-sign-request`: requests go without credentials (anonymous to S3; other services refuse them).
    var signsRequests = true
    /// `--version` anywhere on the line prints the version and nothing else runs, as argparse's version action does.
    var showVersion = false

    /// The main parser's options. `--no-sign-request` sends requests unsigned. Those the sandbox has no use for (--debug, --endpoint-url, --no-verify-ssl,
    /// --color, timeouts, v2's --no-cli-pager and --[no-]cli-auto-prompt) are accepted and ignored so pasted commands still work.
    static let matcherOptions: [OptionMatcher.Option] = [
        .init(name: "debug", key: "debug", arity: .flag(value: true)),
        .init(name: "endpoint-url", key: "endpoint-url", arity: .single),
        .init(name: "no-verify-ssl", key: "no-verify-ssl", arity: .flag(value: true)),
        .init(name: "no-paginate", key: "no-paginate", arity: .flag(value: true)),
        .init(name: "output", key: "output", arity: .single),
        .init(name: "query", key: "query", arity: .single),
        .init(name: "profile", key: "profile", arity: .single),
        .init(name: "region", key: "region", arity: .single),
        .init(name: "version", key: "version", arity: .flag(value: true)),
        .init(name: "color", key: "color", arity: .single),
        .init(name: "cli-binary-format", key: "cli-binary-format", arity: .single),
        .init(name: "no-sign-request", key: "no-sign-request", arity: .flag(value: true)),
        .init(name: "ca-bundle", key: "ca-bundle", arity: .single),
        .init(name: "cli-read-timeout", key: "cli-read-timeout", arity: .single),
        .init(name: "cli-connect-timeout", key: "cli-connect-timeout", arity: .single),
        .init(name: "no-cli-pager", key: "no-cli-pager", arity: .flag(value: true)),
        .init(name: "cli-auto-prompt", key: "cli-auto-prompt", arity: .flag(value: true)),
        .init(name: "no-cli-auto-prompt", key: "no-cli-auto-prompt", arity: .flag(value: true)),
    ]

    static let matcher = OptionMatcher(options: matcherOptions, positionalCount: 0)

    /// Splits the global options off; returns them and the remaining words in order.
    static func parse(_ words: [String]) throws(CLIFailure) -> (GlobalOptions, [String]) {
        let outcome = try matcher.match(words)
        var options = GlobalOptions()
        if case .word(let format)? = outcome.values["output"] {
            guard let parsed = OutputFormat(rawValue: format) else {
                throw .usage("argument --output: " + ChoiceList.invalidChoice(format, choices: OutputFormat.allCases.map(\.rawValue)))
            }
            options.output = parsed
        }
        if case .word(let format)? = outcome.values["cli-binary-format"] {
            guard let parsed = BinaryFormat(rawValue: format) else {
                throw .usage("argument --cli-binary-format: " + ChoiceList.invalidChoice(format, choices: BinaryFormat.allCases.map(\.rawValue)))
            }
            options.binaryFormat = parsed
        }
        // Checked, then ignored: awscli's globalargs refuses a URL without a scheme, as Python's urlparse reads one.
        if case .word(let url)? = outcome.values["endpoint-url"], !Self.hasURLScheme(url) {
            throw .paramValidation("Bad value for --endpoint-url \"\(url)\": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/")
        }
        if case .word(let color)? = outcome.values["color"], !["on", "off", "auto"].contains(color) {
            throw .usage("argument --color: " + ChoiceList.invalidChoice(color, choices: ["on", "off", "auto"]))
        }
        if case .word(let expression)? = outcome.values["query"] {
            do {
                options.query = (expression, try JMESPathParser.parse(expression))
            } catch {
                throw .badQuery(expression: expression, reason: error.description)
            }
        }
        if case .word(let profile)? = outcome.values["profile"] { options.profile = profile }
        if case .word(let region)? = outcome.values["region"] { options.region = region }
        if outcome.values["no-paginate"] != nil { options.paginate = false }
        if outcome.values["no-sign-request"] != nil { options.signsRequests = false }
        if outcome.values["version"] != nil { options.showVersion = true }
        return (options, outcome.extras)
    }

    /// Whether Python's `urlparse` finds a scheme: letters, digits, `+`, `-` or `.` before the first `:`, starting
    /// with a letter (so `localhost:4566` has one, `example.com` has none).
    static func hasURLScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
