import AWSModel

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
    public static func iso8601(_ epoch: Int) -> String { Timestamps.iso8601(epoch) }

    /// ISO 8601 in UTC with a `Z`, as AWS writes times in condition keys and the metadata service.
    public static func iso8601Zulu(_ epoch: Int) -> String { Timestamps.iso8601Zulu(epoch) }

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
