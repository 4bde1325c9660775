import PositionedJSON

/// Reads records with the project's own JSON scanner: grading a class decodes hundreds of thousands of records,
/// and Foundation's decoder was the larger part of that cost. A record that does not have the expected shape
/// reads as nil, exactly as a decoding failure would.
extension TranscriptRecord {
    /// One transcript line read as a record, or nil when it is not one. Read piece by piece, without a tree of
    /// nodes: a member the record does not have makes the line not a record; a member given twice counts as
    /// its last.
    public init?(line: [UInt8]) {
        guard let record = JSONScanner.pull(bytes: line, { scanner in try TranscriptRecord(reading: &scanner) }) else { return nil }
        self = record
    }

    init?(reading scanner: inout JSONScanner) throws {
        var seq: Int?, time: String?, prev: String?, hash: String?, mac: String?, event: LearningEvent?
        var known = true
        let isObject = try scanner.forEachMember { scanner, key in
            switch key {
            case "seq": seq = try scanner.integerValue()
            case "time": time = try scanner.stringValue()
            case "prev": prev = try scanner.stringValue()
            case "hash": hash = try scanner.stringValue()
            case "mac": mac = try scanner.stringValue()
            case "event": event = try LearningEvent(reading: &scanner)
            default:
                known = false
                try scanner.skipValue()
            }
        }
        guard isObject, known, let seq, let time, let prev, let hash, let event else { return nil }
        self.init(seq: seq, time: time, event: event, prev: prev, hash: hash, mac: mac)
    }
}

extension LearningEvent {
    /// An event, or nil when it is not an object or its first `kind` is not one RoleCall knows.
    init?(reading scanner: inout JSONScanner) throws {
        var event = LearningEvent(.command)
        var kind: Kind?, kindSeen = false
        let isObject = try scanner.forEachMember { scanner, key in
            switch key {
            case "kind":
                guard !kindSeen else { return try scanner.skipValue() }
                kindSeen = true
                kind = try scanner.stringValue().flatMap(Kind.init(rawValue:))
            case "lesson": event.lesson = try scanner.stringValue()
            case "step": event.step = try scanner.stringValue()
            case "item": event.item = try scanner.stringValue()
            case "input": event.input = try scanner.stringValue()
            case "verdict": event.verdict = try scanner.stringValue()
            case "exitCode": event.exitCode = try scanner.integerValue().flatMap(Int32.init(exactly:))
            case "scope": event.scope = try scanner.stringValue()
            case "choiceOrder": event.choiceOrder = try Self.strings(&scanner)
            case "exam": event.exam = try scanner.stringValue()
            case "learner": event.learner = try scanner.stringValue()
            case "course": event.course = try scanner.stringValue()
            case "lessons": event.lessons = try Self.strings(&scanner)
            case "seed": event.seed = try scanner.integerValue()
            case "timeLimit": event.timeLimit = try scanner.integerValue()
            case "format": event.format = try scanner.integerValue()
            case "withTasks": if let flag = try scanner.boolValue() { event.withTasks = flag }
            // A field a newer RoleCall writes: the record's hash and signature cover the whole line, so it is
            // safe to read on without it.
            default: try scanner.skipValue()
            }
        }
        guard isObject, let kind else { return nil }
        event.kind = kind
        self = event
    }

    /// The strings of an array (other elements left out), or nil when the value is not an array.
    private static func strings(_ scanner: inout JSONScanner) throws -> [String]? {
        var strings: [String] = []
        let isArray = try scanner.forEachElement { scanner in
            if let string = try scanner.stringValue() { strings.append(string) }
        }
        return isArray ? strings : nil
    }
}
