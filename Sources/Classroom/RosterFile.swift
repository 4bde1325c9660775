/// The file an instructor gives `rolecall-classroom roster`: a CSV with a header naming `learner` and any of
/// `email`, `sis_id`, `section` (the identities an LMS matches grades on), e.g. exported from the LMS's roster.
public enum RosterFile {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noLearnerColumn
        case unterminatedQuote(line: Int)
        /// A row with more or fewer fields than the header names: read on, a missing field blanked a learner's id.
        case fieldCount(line: Int, found: Int, expected: Int)
        case noLearner(line: Int)
        /// One learner on two rows: which one is meant cannot be known.
        case repeated(learner: String, firstLine: Int, line: Int)

        public var description: String {
            switch self {
            case .noLearnerColumn: "the first line must name the columns, one of them 'learner' (others: email, sis_id, section)"
            case .unterminatedQuote(let line): "line \(line): a quoted field is not closed"
            case .fieldCount(let line, let found, let expected): "line \(line): \(found) field\(found == 1 ? "" : "s") where the first line names \(expected); nothing was changed"
            case .noLearner(let line): "line \(line): no learner is named; nothing was changed"
            case .repeated(let learner, let firstLine, let line): "line \(line): \(learner) is on line \(firstLine) already; nothing was changed"
            }
        }
    }

    /// What a roster file sets: the identity columns it has (one it lacks leaves what the class holds as it is:
    /// a file of emails alone once erased every SIS id, which the LMS matches grades on) and a row per learner.
    public struct Roster: Sendable {
        public enum Column: Sendable, Hashable { case email, sisID, section }
        public var columns: Set<Column>
        public var rows: [LearnerRecord]
    }

    public static func parse(_ text: String, classID: Int64) throws(Problem) -> Roster {
        // A spreadsheet's "CSV UTF-8" begins with a byte order mark, which is no part of the first column's name.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let rows = try numberedRecords(text)
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let learnerColumn = header.firstIndex(of: "learner") else { throw .noLearnerColumn }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        let email = column("email", "email address"), sis = column("sis_id", "sis id", "id number"), section = column("section")
        var columns = Set<Roster.Column>()
        if email != nil { columns.insert(.email) }
        if sis != nil { columns.insert(.sisID) }
        if section != nil { columns.insert(.section) }
        var learners: [LearnerRecord] = []
        var lineOf: [String: Int] = [:]
        for (line, row) in rows.dropFirst() {
            // A row of empty fields (a spreadsheet's trailing `,,,`) is no row.
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count == header.count else { throw .fieldCount(line: line, found: row.count, expected: header.count) }
            func value(_ index: Int?) -> String? {
                guard let index else { return nil }
                let text = row[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard let name = value(learnerColumn) else { throw .noLearner(line: line) }
            if let first = lineOf[name] { throw .repeated(learner: name, firstLine: first, line: line) }
            lineOf[name] = line
            learners.append(LearnerRecord(classID: classID, name: name, tokenDigest: "", joinedAt: 0,
                                          email: value(email), sisID: value(sis), section: value(section)))
        }
        return Roster(columns: columns, rows: learners)
    }

    /// RFC 4180 records: fields separated by commas, quoted fields may hold commas, doubled quotes and newlines.
    static func records(_ text: String) throws(Problem) -> [[String]] {
        try numberedRecords(text).map(\.fields)
    }

    /// The records with the line each starts on.
    static func numberedRecords(_ text: String) throws(Problem) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var rowLine = 1
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
                    if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
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
                if !(row.count == 1 && row[0].isEmpty) { rows.append((rowLine, row)) }
                row = []
                line += 1
                rowLine = line
            default: field.append(character)
            }
        }
        if quoted { throw .unterminatedQuote(line: quoteLine) }
        row.append(field)
        if !(row.count == 1 && row[0].isEmpty) { rows.append((rowLine, row)) }
        return rows
    }
}
