/// The file an instructor gives `rolecall-classroom roster`: a CSV with a header naming `learner` and any of
/// `email`, `sis_id`, `section` (the identities an LMS matches grades on), e.g. exported from the LMS's roster.
public enum RosterFile {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noLearnerColumn
        case unterminatedQuote(line: Int)

        public var description: String {
            switch self {
            case .noLearnerColumn: "the first line must name the columns, one of them 'learner' (others: email, sis_id, section)"
            case .unterminatedQuote(let line): "line \(line): a quoted field is not closed"
            }
        }
    }

    public static func parse(_ text: String, classID: Int64) throws(Problem) -> [LearnerRecord] {
        let rows = try records(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let learnerColumn = header.firstIndex(of: "learner") else { throw .noLearnerColumn }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        let email = column("email", "email address"), sis = column("sis_id", "sis id", "id number"), section = column("section")
        return rows.dropFirst().compactMap { row in
            func value(_ index: Int?) -> String? {
                guard let index, row.indices.contains(index) else { return nil }
                let text = row[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard let name = value(learnerColumn) else { return nil }
            return LearnerRecord(classID: classID, name: name, tokenDigest: "", joinedAt: 0,
                                 email: value(email), sisID: value(sis), section: value(section))
        }
    }

    /// RFC 4180 records: fields separated by commas, quoted fields may hold commas, doubled quotes and newlines.
    static func records(_ text: String) throws(Problem) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var quoteLine = 1
        var characters = text.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = characters.next() } else { quoted = false }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                quoted = true
                quoteLine = line
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
                line += 1
            default: field.append(character)
            }
        }
        if quoted { throw .unterminatedQuote(line: quoteLine) }
        row.append(field)
        if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
        return rows
    }
}
