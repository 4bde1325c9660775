/// Date operators accept W3C/ISO 8601 dates (`2026-01-31`, `2026-01-31T12:00:00Z`, with fractions or
/// offsets) and epoch seconds, as `aws:CurrentTime` and `aws:EpochTime` supply them.
enum DateOperators {
    static let all: [ConditionOperator] = [
        date("DateEquals", negated: false, { $0 == $1 }),
        date("DateNotEquals", negated: true, { $0 == $1 }),
        date("DateLessThan", negated: false, { $0 < $1 }),
        date("DateLessThanEquals", negated: false, { $0 <= $1 }),
        date("DateGreaterThan", negated: false, { $0 > $1 }),
        date("DateGreaterThanEquals", negated: false, { $0 >= $1 }),
    ]

    private static func date(_ name: String, negated: Bool, _ relation: @escaping @Sendable (Double, Double) -> Bool) -> ConditionOperator {
        ConditionOperator(
            name: name, family: .date, isNegated: negated, acceptsPolicyVariables: false, acceptsWildcards: false,
            readOperand: { Instant.secondsSinceEpoch($0.templateText).map(ConditionOperand.instant) },
            compare: { requestValue, operand in
                guard case .instant(let expected) = operand, let actual = Instant.secondsSinceEpoch(requestValue) else { return false }
                return relation(actual, expected)
            })
    }
}

/// A small ISO 8601 reader: Foundation's ISO8601DateFormatter rejects several forms IAM accepts.
enum Instant {
    static func secondsSinceEpoch(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }) {
            return Double(text)
        }
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard index < bytes.count else { return seconds }
        guard expect("T"), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(":") {
            guard let second = number(2), second < 60 else { return nil }
            seconds += Double(second)
            if expect(".") {
                var scale = 0.1
                var sawDigit = false
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    seconds += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                    sawDigit = true
                }
                guard sawDigit else { return nil }
            }
        }
        guard index < bytes.count else { return seconds }
        if expect("Z") { return index == bytes.count ? seconds : nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return nil }
        let sign: Double = bytes[index] == UInt8(ascii: "+") ? 1 : -1
        index += 1
        guard let offsetHours = number(2) else { return nil }
        _ = expect(":")
        guard let offsetMinutes = number(2), index == bytes.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm: proleptic Gregorian calendar, no time zone tables.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
