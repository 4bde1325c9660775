/// Time in the sandbox: epoch seconds that advance only when the sandbox says so, one second per command and by
/// `clock advance`, so a recorded session replays to exactly the same state and the same output.
public struct SandboxClock: Codable, Hashable, Sendable {
    public private(set) var now: Int

    /// 2026-01-15T09:00:00Z: any fixed moment does; this one reads naturally in timestamps.
    public static let start = 1_768_467_600

    public init(now: Int = SandboxClock.start) {
        self.now = now
    }

    /// The furthest the clock may be moved in one go: far enough for any lesson, small enough that times stay
    /// printable and sums of times cannot overflow.
    public static let longestAdvance = 366 * 86_400

    public mutating func advance(by seconds: Int) {
        now += min(max(0, seconds), Self.longestAdvance)
    }

    /// ISO 8601 the way the aws CLI prints timestamps: `2026-01-15T09:00:00+00:00`.
    public static func iso8601(_ epoch: Int) -> String {
        iso8601Date(epoch) + "+00:00"
    }

    /// ISO 8601 in UTC with a `Z`, as AWS writes times in condition keys and the metadata service.
    public static func iso8601Zulu(_ epoch: Int) -> String {
        iso8601Date(epoch) + "Z"
    }

    /// Calendar arithmetic by hand (Howard Hinnant's days-to-civil): formatting dates is on the path of every
    /// response, and Foundation's calendar is far slower than the few integer operations this needs.
    private static func iso8601Date(_ epoch: Int) -> String {
        let days = epoch >= 0 ? epoch / 86_400 : (epoch - 86_399) / 86_400
        let seconds = epoch - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
            + "T" + two(seconds / 3600) + ":" + two(seconds % 3600 / 60) + ":" + two(seconds % 60)
    }

    /// A duration as a learner writes it: `90s`, `20m`, `2h`, `1d`, `1h30m`, or plain seconds.
    /// Durations longer than `longestAdvance` are refused rather than overflowing.
    public static func parseDuration(_ text: String) -> Int? {
        if let seconds = Int(text) { return (0...longestAdvance).contains(seconds) ? seconds : nil }
        var total = 0
        var number = ""
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard number.count <= 9, let value = Int(number) else { return nil }
            let unit: Int
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            default: return nil
            }
            total += value * unit
            guard total <= longestAdvance else { return nil }
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
