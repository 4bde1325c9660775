import PositionedJSON

/// Reads records with the project's own JSON scanner: grading a class decodes hundreds of thousands of records,
/// and Foundation's decoder was the larger part of that cost. A record that does not have the expected shape
/// reads as nil, exactly as a decoding failure would.
extension TranscriptRecord {
    /// One transcript line read as a record, or nil when it is not one (the fast reader the verifier uses).
    public init?(line: [UInt8]) {
        guard case .success(let parsed) = JSONScanner.parse(bytes: line) else { return nil }
        self.init(json: parsed.root)
    }

    init?(json node: JSONNode) {
        guard let members = node.members else { return nil }
        var seq: Int?, time: String?, prev: String?, hash: String?, mac: String?, event: LearningEvent?
        for member in members {
            switch member.key {
            case "seq": seq = member.value.integer
            case "time": time = member.value.stringValue
            case "prev": prev = member.value.stringValue
            case "hash": hash = member.value.stringValue
            case "mac": mac = member.value.stringValue
            case "event": event = LearningEvent(json: member.value)
            default: return nil
            }
        }
        guard let seq, let time, let prev, let hash, let event else { return nil }
        self.init(seq: seq, time: time, event: event, prev: prev, hash: hash, mac: mac)
    }
}

extension LearningEvent {
    init?(json node: JSONNode) {
        guard let members = node.members, let kindText = node.member("kind")?.value.stringValue,
              let kind = LearningEvent.Kind(rawValue: kindText) else { return nil }
        self.init(kind)
        for member in members {
            let value = member.value
            switch member.key {
            case "kind": continue
            case "lesson": lesson = value.stringValue
            case "step": step = value.stringValue
            case "item": item = value.stringValue
            case "input": input = value.stringValue
            case "verdict": verdict = value.stringValue
            case "exitCode": exitCode = value.integer.map(Int32.init)
            case "scope": scope = value.stringValue
            case "choiceOrder": choiceOrder = value.elements?.compactMap(\.stringValue)
            case "exam": exam = value.stringValue
            case "learner": learner = value.stringValue
            case "course": course = value.stringValue
            case "lessons": lessons = value.elements?.compactMap(\.stringValue)
            case "seed": seed = value.integer
            case "timeLimit": timeLimit = value.integer
            case "format": format = value.integer
            case "withTasks": if case .bool(let flag) = value.value { withTasks = flag }
            // A field a newer RoleCall writes: the record's hash and signature cover the whole line, so it is
            // safe to read on without it.
            default: continue
            }
        }
    }
}

extension JSONNode {
    var integer: Int? {
        if case .number(let text) = value { return Int(text) }
        return nil
    }
}
