import Foundation

/// Time in the sandbox: epoch seconds that advance only when the sandbox says so, one second per command and by
/// `clock advance`, so a recorded session replays to exactly the same state and the same output.
public struct SandboxClock: Codable, Hashable, Sendable {
    public private(set) var now: Int

    /// 2026-01-15T09:00:00Z: any fixed moment does; this one reads naturally in timestamps.
    public static let start = 1_768_467_600

    public init(now: Int = SandboxClock.start) {
        self.now = now
    }

    public mutating func advance(by seconds: Int) {
        now += max(0, seconds)
    }

    /// ISO 8601 the way the aws CLI prints timestamps: `2026-01-15T09:00:00+00:00`.
    public static func iso8601(_ epoch: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(epoch))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
                      parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// A duration as a learner writes it: `90s`, `20m`, `2h`, `1d`, `1h30m`, or plain seconds.
    public static func parseDuration(_ text: String) -> Int? {
        if let seconds = Int(text) { return seconds >= 0 ? seconds : nil }
        var total = 0
        var number = ""
        for character in text.lowercased() {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
