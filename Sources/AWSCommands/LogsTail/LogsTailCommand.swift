import AWSModel
/// `aws logs tail GROUP`: aws CLI v2's own command (awscli's `customizations/logs/tail.py`), carried out as the
/// FilterLogEvents calls it makes, from `--since` (ten minutes back unless told) on, and printed as its formatters
/// print. The sandbox's clock stands still while a command runs, so nothing new can arrive: `--follow` prints what
/// is there, returns, and says so.
struct LogsTailCommand {
    static let name = "tail"

    static let options: [OptionMatcher.Option] = [
        .init(name: "since", key: "since", arity: .single),
        .init(name: "follow", key: "follow", arity: .flag(value: true)),
        .init(name: "format", key: "format", arity: .single),
        .init(name: "filter-pattern", key: "filter-pattern", arity: .single),
        .init(name: "log-stream-names", key: "log-stream-names", arity: .oneOrMore),
        .init(name: "log-stream-name-prefix", key: "log-stream-name-prefix", arity: .single),
    ]

    /// The CLI's choices for `--format`, in its order. `none` (each event as a line of JSON) is not simulated.
    private static let formats = ["detailed", "short", "json", "none"]

    /// A bound on the pages followed: the sandbox's tokens always end, and a command must not loop if one did not.
    private static let pageLimit = 1000

    private let service = ServiceCatalog.service(named: "logs")!

    /// `words`: what follows `aws logs`, `tail` removed.
    func run<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> CLIFailure {
        if words.last == "help" {
            return .printed(stdout: HelpPage.customCommand("logs", Self.name, paths: "group_name", options: Self.options), stderr: "", exitCode: 0)
        }
        let outcome = try OptionMatcher(options: Self.options, positionalCount: 1).match(words)
        guard let group = outcome.positionals.first else { throw .usage("the following arguments are required: group_name") }
        if !outcome.extras.isEmpty { throw .paramValidation("Unknown options: " + outcome.extras.joined(separator: ", ")) }
        func word(_ key: String) -> String? {
            if case .word(let value)? = outcome.values[key] { return value }
            return nil
        }
        let format = word("format") ?? "detailed"
        guard Self.formats.contains(format) else {
            throw .usage("argument --format: " + ChoiceList.invalidChoice(format, choices: Self.formats))
        }
        if format == "none" {
            throw .general("The sandbox does not simulate `aws logs tail --format none`: use --format detailed, short or json.")
        }
        var parameters: [(String, AWSValue)] = [("logGroupName", .string(group)), ("interleaved", true)]
        parameters.append(("startTime", .integer(try Self.epochMilliseconds(since: word("since") ?? "10m", now: session.environment.now))))
        if let pattern = word("filter-pattern") { parameters.append(("filterPattern", .string(pattern))) }
        if case .words(let names)? = outcome.values["log-stream-names"] { parameters.append(("logStreamNames", .list(names.map { .string($0) }))) }
        if let prefix = word("log-stream-name-prefix") { parameters.append(("logStreamNamePrefix", .string(prefix))) }

        var request = AWSValue.object(pairs: parameters)
        // botocore checks the request against the model before it is sent, as for any command (a time before 1970).
        let problems = ParameterValidator(service: service).problems(in: request, shapeName: "FilterLogEventsRequest")
        if !problems.isEmpty { throw .validation(problems) }
        var printed = ""
        for _ in 0..<Self.pageLimit {
            let page = try session.call(service, "FilterLogEvents", request)
            for event in page["events"]?.listValue ?? [] {
                printed += Self.line(event, format: format)
            }
            guard let token = page["nextToken"]?.stringValue, !token.isEmpty else { break }
            request = request.setting("nextToken", to: .string(token))
        }
        let note = outcome.values["follow"] == .flag(true)
            ? "(The sandbox's logs tail --follow stops here: its clock stands still while a command runs, so no new events can arrive. Run it again after the next invocation.)\n"
            : ""
        return .printed(stdout: printed, stderr: note, exitCode: 0)
    }

    /// One event as the CLI's formatters write it, trailing white space stripped and one newline: `detailed` with
    /// the time to the microsecond and the stream, `short` to the second, `json` pretty-printing a message that is
    /// JSON on the lines after the time and stream.
    static func line(_ event: AWSValue, format: String) -> String {
        let milliseconds = event["timestamp"]?.intValue ?? 0
        let message = event["message"]?.stringValue ?? ""
        let stream = event["logStreamName"]?.stringValue ?? ""
        let text: String
        switch format {
        case "short":
            // strftime("%Y-%m-%dT%H:%M:%S"): the seconds, no zone.
            text = String(Timestamps.iso8601(floorDivide(milliseconds, 1000)).prefix(19)) + " " + message
        case "json":
            text = isoformat(milliseconds, microseconds: false) + " " + stream + " " + prettyJSON(message)
        default:
            text = isoformat(milliseconds, microseconds: true) + " " + stream + " " + message
        }
        return String(text.reversed().drop { $0.isWhitespace }.reversed()) + "\n"
    }

    /// Python's `json.dumps(json.loads(message), indent=4)` after a newline, or the message as it is when it is not
    /// JSON. `json.dumps` escapes every character outside ASCII.
    private static func prettyJSON(_ message: String) -> String {
        guard let value = try? PythonJSONParser.parse(message) else { return message }
        var escaped = ""
        for scalar in JSONRenderer.render(value).dropLast().unicodeScalars {
            if scalar.isASCII {
                escaped.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { escaped += "\\u" + PythonText.hex(UInt32(unit), width: 4) }
            }
        }
        return "\n" + escaped
    }

    /// Python's `datetime.isoformat()` of a UTC time: with `timespec='microseconds'` always six digits of fraction,
    /// without it, six digits only when there is a fraction.
    static func isoformat(_ milliseconds: Int, microseconds: Bool) -> String {
        let seconds = floorDivide(milliseconds, 1000)
        let whole = Timestamps.iso8601(seconds)
        let fraction = milliseconds - seconds * 1000
        guard fraction != 0 || microseconds else { return whole }
        let digits = String(fraction)
        return whole.prefix(19) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "000" + whole.dropFirst(19)
    }

    /// `--since`: a number and one unit (`5m`, `2h`, `1w`) back from now, or a time botocore can parse (seconds since
    /// 1970, or ISO 8601 with or without a zone, which then means UTC); in milliseconds since 1970.
    static func epochMilliseconds(since text: String, now: Int) throws(CLIFailure) -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let seconds = units[unit], !text.dropLast().isEmpty, text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Python's datetime reaches back to year 1 and no further.
            guard let amount = Int(text.dropLast()), case let (back, overflow) = amount.multipliedReportingOverflow(by: seconds), !overflow,
                  now - back >= Self.yearOne else { throw .general("date value out of range") }
            return (now - back) * 1000
        }
        if let seconds = Double(text), seconds.isFinite {
            guard abs(seconds) < 1e11 else { throw .general("year is out of range") }
            return Int(seconds * 1000)
        }
        if let epoch = ISO8601Reading.epochMilliseconds(text) { return epoch }
        throw .general("Invalid timestamp \"\(text)\": Unknown string format: \(text)")
    }

    /// 0001-01-01T00:00:00Z, the earliest time Python's datetime holds.
    private static let yearOne = -62_135_596_800

    /// Division rounding toward minus infinity, as Python's `//`.
    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
