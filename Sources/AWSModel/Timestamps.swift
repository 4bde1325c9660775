/// Epoch seconds as ISO 8601 text in UTC, the forms AWS and the aws CLI print. Calendar arithmetic by hand (Howard
/// Hinnant's days-to-civil): formatting dates is on the path of every response and every replayed command, and
/// Foundation's formatters are far slower than the few integer operations this needs.
public enum Timestamps {
    /// The way the aws CLI prints timestamps and botocore writes a credential's expiration: `2026-01-15T09:00:00+00:00`.
    public static func iso8601(_ epoch: Int) -> String {
        dateAndTime(epoch) + "+00:00"
    }

    /// With a `Z`, as AWS writes times in condition keys and the metadata service: `2026-01-15T09:00:00Z`.
    public static func iso8601Zulu(_ epoch: Int) -> String {
        dateAndTime(epoch) + "Z"
    }

    /// Seconds since 1970 of a civil date and time in UTC (days-from-civil), for times a learner types.
    public static func epoch(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func dateAndTime(_ epoch: Int) -> String {
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
        guard (0...9999).contains(year) else {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return String(year) + "-" + two(month) + "-" + two(day) + "T" + two(seconds / 3600) + ":" + two(seconds % 3600 / 60) + ":" + two(seconds % 60)
        }
        // Written digit by digit into one buffer: every response and condition context formats a time.
        var text: [UInt8] = []
        text.reserveCapacity(19)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); text.append(UInt8(ascii: "-")); digits(month, 2); text.append(UInt8(ascii: "-")); digits(day, 2)
        text.append(UInt8(ascii: "T")); digits(seconds / 3600, 2); text.append(UInt8(ascii: ":"))
        digits(seconds % 3600 / 60, 2); text.append(UInt8(ascii: ":")); digits(seconds % 60, 2)
        return String(decoding: text, as: UTF8.self)
    }
}
