import AWSModel
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
