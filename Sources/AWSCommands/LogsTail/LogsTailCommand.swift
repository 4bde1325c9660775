import AWSModel
/// `aws logs tail GROUP`: aws CLI v2's own command (awscli's `customizations/logs/tail.py`), carried out as the
/// FilterLogEvents calls it makes, from `--since` (ten minutes back unless told) on, and printed as its formatters
/// print. The sandbox's clock stands still while a command runs, so nothing new can arrive: `--follow` prints what
/// is there, returns, and says so.
struct LogsTailCommand {
    static let name = "tail"

    private static let options: [OptionMatcher.Option] = [
        .init(name: "since", key: "since", arity: .single),
        .init(name: "follow", key: "follow", arity: .flag(value: true)),
        .init(name: "format", key: "format", arity: .single),
        .init(name: "filter-pattern", key: "filter-pattern", arity: .single),
        .init(name: "log-stream-names", key: "log-stream-names", arity: .multiple),
        .init(name: "log-stream-name-prefix", key: "log-stream-name-prefix", arity: .single),
    ]

    /// The CLI's choices for `--format`; `json` (pretty-printing messages that are JSON) is not simulated.
    private static let formats = ["detailed", "short", "json"]

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
        if format == "json" {
            throw .general("The sandbox does not simulate `aws logs tail --format json`: use --format detailed or short.")
        }
        var parameters: [(String, AWSValue)] = [("logGroupName", .string(group)), ("interleaved", true)]
        parameters.append(("startTime", .integer(try Self.epochMilliseconds(since: word("since") ?? "10m", now: session.environment.now))))
        if let pattern = word("filter-pattern") { parameters.append(("filterPattern", .string(pattern))) }
        if case .words(let names)? = outcome.values["log-stream-names"] { parameters.append(("logStreamNames", .list(names.map { .string($0) }))) }
        if let prefix = word("log-stream-name-prefix") { parameters.append(("logStreamNamePrefix", .string(prefix))) }

        var request = AWSValue.object(pairs: parameters)
        var printed = ""
        for _ in 0..<1000 {
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

    /// One event as the CLI's formatters write it: trailing white space stripped, one newline.
    static func line(_ event: AWSValue, format: String) -> String {
        let milliseconds = event["timestamp"]?.intValue ?? 0
        let message = String((event["message"]?.stringValue ?? "").reversed().drop { $0.isWhitespace }.reversed())
        if format == "short" {
            // strftime("%Y-%m-%dT%H:%M:%S"): the seconds, no zone.
            return String(Timestamps.iso8601(Self.floorDivide(milliseconds, 1000)).prefix(19)) + " " + message + "\n"
        }
        let stream = event["logStreamName"]?.stringValue ?? ""
        return isoformat(milliseconds) + " " + stream + " " + message + "\n"
    }

    /// Python's `datetime.isoformat()` of a UTC time: microseconds only when there are any.
    static func isoformat(_ milliseconds: Int) -> String {
        let whole = Timestamps.iso8601(floorDivide(milliseconds, 1000))
        let fraction = milliseconds - floorDivide(milliseconds, 1000) * 1000
        guard fraction != 0 else { return whole }
        let digits = String(fraction)
        return whole.prefix(19) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "000" + whole.dropFirst(19)
    }

    /// `--since`: a number and one unit (`5m`, `2h`, `1w`) back from now, or a time botocore can parse (seconds since
    /// 1970, or ISO 8601 with or without a zone, which then means UTC); in milliseconds since 1970.
    static func epochMilliseconds(since text: String, now: Int) throws(CLIFailure) -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let seconds = units[unit], let amount = Int(text.dropLast()), text.dropLast().allSatisfy(\.isASCII), amount >= 0 {
            return (now - amount * seconds) * 1000
        }
        if let seconds = Double(text), seconds.isFinite, abs(seconds) < 1e11 { return Int(seconds * 1000) }
        if let epoch = ISO8601Reading.epochMilliseconds(text) { return epoch }
        throw .general("Invalid timestamp \"\(text)\": Unknown string format: \(text)")
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

/// The ISO 8601 forms learners type for a time: `2026-01-15`, `2026-01-15T09:30`, `2026-01-15 09:30:05`,
/// `2026-01-15T09:30:05.250Z`, `…+02:00`. A time without a zone is UTC, as botocore takes it.
enum ISO8601Reading {
    static func epochMilliseconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func take(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take(UInt8(ascii: "-")), let month = number(2), take(UInt8(ascii: "-")), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, milliseconds = 0, offset = 0
        if take(UInt8(ascii: "T")) || take(UInt8(ascii: " ")) {
            guard let h = number(2), take(UInt8(ascii: ":")), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if take(UInt8(ascii: ":")) {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if take(UInt8(ascii: ".")) {
                    var digits = 0
                    var fraction = 0
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        if digits < 3 { fraction = fraction * 10 + Int(bytes[index] - 48) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 3 { for _ in digits..<3 { fraction *= 10 } }
                    milliseconds = fraction
                }
            }
            if take(UInt8(ascii: "Z")) {
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let h = number(2) else { return nil }
                _ = take(UInt8(ascii: ":"))
                guard let m = number(2) else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
        }
        guard index == bytes.count else { return nil }
        return (Timestamps.epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second) - offset) * 1000 + milliseconds
    }
}
