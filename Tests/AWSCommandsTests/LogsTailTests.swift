import AWSModel
import ShellWords
@testable import AWSCommands
import Testing

/// `aws logs tail`: the FilterLogEvents calls awscli's tail command makes, and its two line formats.
struct LogsTailTests {
    /// 2026-01-15T09:00:00Z, the sandbox clock's start.
    static let now = 1_768_467_600

    static func tail(_ line: String, backend: inout FakeBackend) -> CLIResult {
        var environment = CLIEnvironment(variables: learnerKeys, now: now)
        return AWSCLI.run(try! ShellWords.split("logs tail " + line), environment: &environment, files: FakeFiles(), backend: &backend)
    }

    static func event(_ stream: String, _ milliseconds: Int, _ message: String) -> AWSValue {
        .object([.init("logStreamName", .string(stream)), .init("timestamp", .integer(milliseconds)), .init("message", .string(message)),
                 .init("ingestionTime", .integer(milliseconds)), .init("eventId", "1")])
    }

    @Test func printsEachEventAsTheDetailedFormatDoesFromTenMinutesBack() {
        var backend = FakeBackend()
        backend.reply("FilterLogEvents", .success(.object([.init("events", .list([
            Self.event("2026/01/15/[$LATEST]ab", Self.now * 1000, "START RequestId: 1 Version: $LATEST\n"),
            Self.event("2026/01/15/[$LATEST]ab", Self.now * 1000 + 250, "hello  "),
        ]))])))
        let result = Self.tail("/aws/lambda/report", backend: &backend)
        #expect(result.exitCode == 0)
        #expect(result.stdout == """
            2026-01-15T09:00:00.000000+00:00 2026/01/15/[$LATEST]ab START RequestId: 1 Version: $LATEST
            2026-01-15T09:00:00.250000+00:00 2026/01/15/[$LATEST]ab hello

            """)
        #expect(backend.requests.map(\.operation) == ["FilterLogEvents"])
        #expect(backend.requests[0].parameters == .object([.init("logGroupName", "/aws/lambda/report"), .init("interleaved", true),
                                                            .init("startTime", .integer((Self.now - 600) * 1000))]))
    }

    @Test func shortFormatSinceFilterAndStreamsReachTheCall() {
        var backend = FakeBackend()
        backend.reply("FilterLogEvents", .success(.object([.init("events", .list([Self.event("s", Self.now * 1000 + 999, "ERROR disk")]))])))
        let result = Self.tail("/app --format short --since 2h --filter-pattern ERROR --log-stream-names s t", backend: &backend)
        #expect(result.stdout == "2026-01-15T09:00:00 ERROR disk\n")
        #expect(backend.requests[0].parameters["startTime"] == .integer((Self.now - 7200) * 1000))
        #expect(backend.requests[0].parameters["filterPattern"] == "ERROR")
        #expect(backend.requests[0].parameters["logStreamNames"] == .list(["s", "t"]))
        _ = Self.tail("/app --since 2026-01-15T08:30:00Z", backend: &backend)
        #expect(backend.requests[1].parameters["startTime"] == .integer((Self.now - 1800) * 1000))
        _ = Self.tail("/app --since 2026-01-15", backend: &backend)
        #expect(backend.requests[2].parameters["startTime"] == .integer((Self.now - 9 * 3600) * 1000))
        _ = Self.tail("/app --since 2026-01-15T10:00:00.5+02:00", backend: &backend)
        #expect(backend.requests[3].parameters["startTime"] == .integer((Self.now - 3600) * 1000 + 500))
    }

    /// `--format json` pretty-prints a message that is JSON as Python's json.dumps does (indent 4, non-ASCII escaped),
    /// after a time without a fraction when there is none.
    @Test func jsonFormatPrettyPrintsJSONMessages() {
        var backend = FakeBackend()
        backend.reply("FilterLogEvents", .success(.object([.init("events", .list([
            Self.event("s", Self.now * 1000, #"{"level": "INFO", "msg": "café", "n": [1, 2.5]}"#),
            Self.event("s", Self.now * 1000 + 5, "plain text"),
        ]))])))
        let expected = "2026-01-15T09:00:00+00:00 s \n{\n    \"level\": \"INFO\",\n    \"msg\": \"caf\\u00e9\",\n    \"n\": [\n        1,\n        2.5\n    ]\n}\n"
            + "2026-01-15T09:00:00.005000+00:00 s plain text\n"
        #expect(Self.tail("/app --format json", backend: &backend).stdout == expected)
    }

    @Test func followsEveryPage() {
        var backend = FakeBackend()
        backend.reply("FilterLogEvents",
                      .success(.object([.init("events", .list([Self.event("s", 0, "one")])), .init("nextToken", "p2")])),
                      .success(.object([.init("events", .list([Self.event("s", 0, "two")]))])))
        #expect(Self.tail("/app --format short", backend: &backend).stdout == "1970-01-01T00:00:00 one\n1970-01-01T00:00:00 two\n")
        #expect(backend.requests[1].parameters["nextToken"] == "p2")
    }

    @Test func followSaysWhyItReturns() {
        var backend = FakeBackend()
        let result = Self.tail("/app --follow", backend: &backend)
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("--follow stops here"))
    }

    @Test func wrongInputFailsAsTheCLIFails() {
        var backend = FakeBackend()
        #expect(Self.tail("", backend: &backend).stderr.hasSuffix("aws: error: the following arguments are required: group_name\n"))
        let badFormat = Self.tail("/app --format long", backend: &backend)
        #expect(badFormat.stderr.contains("argument --format: Invalid choice, valid choices are:"))
        #expect(badFormat.exitCode == 252)
        #expect(Self.tail("/app --color-me", backend: &backend).stderr == "\nUnknown options: --color-me\n")
        let badSince = Self.tail("/app --since yesterday", backend: &backend)
        #expect(badSince.stderr == "\nInvalid timestamp \"yesterday\": Unknown string format: yesterday\n")
        #expect(badSince.exitCode == 255)
        #expect(Self.tail("/app --format none", backend: &backend).stderr.contains("does not simulate"))
        #expect(Self.tail("/app --log-stream-names", backend: &backend).stderr.hasSuffix("aws: error: argument --log-stream-names: expected at least one argument\n"))
        #expect(Self.tail("/app --since 99999999999999999w", backend: &backend).stderr == "\ndate value out of range\n")
        let before1970 = Self.tail("/app --since 1960-01-01", backend: &backend)
        #expect(before1970.stderr.hasPrefix("\nParameter validation failed:\nInvalid value for parameter startTime"), "\(before1970.stderr)")
        #expect(before1970.exitCode == 252)
        #expect(backend.requests.isEmpty, "nothing is called for a command line the CLI refuses")
        backend.reply("FilterLogEvents", .failure(ServiceError(code: "ResourceNotFoundException", message: "The specified log group does not exist.")))
        #expect(Self.tail("/nope", backend: &backend).stderr
                == "\nAn error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.\n")
    }

    @Test func tailIsOneOfTheLogsCommands() {
        #expect(AWSCLI.operations(of: "logs").last == "tail")
        #expect(AWSCLI.operations(of: "logs").contains("filter-log-events"))
        #expect(AWSCLI.options(of: "logs", operation: "tail").prefix(2) == ["--since", "--follow"])
        #expect(aws("logs tail help").stdout.contains("Full reference:\n       https://docs.aws.amazon.com/cli/latest/reference/logs/tail.html"))
    }
}
