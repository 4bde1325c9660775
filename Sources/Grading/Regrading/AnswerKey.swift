import Foundation
import Lessons
import Yams

/// An instructor's answer key, kept apart from the course learners have: `question-id: answer` per line, where
/// the answer is a letter, a list of letters, true/false, or `{answers: [...], pattern: ...}`.
public struct AnswerKey: Sendable {
    public var answers: [String: Question.Answer]

    public init(answers: [String: Question.Answer] = [:]) {
        self.answers = answers
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read the answer key \(path)"
            case .invalid(let message): return message
            }
        }
    }

    /// Reads a key and checks it against the course: every id must be a question, and each answer of its kind.
    public static func load(path: String, course: Course) throws(LoadError) -> AnswerKey {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path)
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw .invalid("\(path): invalid YAML: \(error)") }
        guard let mapping = node?.mapping else { throw .invalid("\(path): the key must map question ids to answers") }
        var key = AnswerKey()
        for (idNode, value) in mapping {
            let id = idNode.string ?? ""
            let line = (idNode.mark?.line).map { ":\($0)" } ?? ""
            guard let (_, question) = course.question(withID: id) else {
                throw .invalid("\(path)\(line): '\(id)' is not a question of the course")
            }
            let letters = Set(question.choices.map(\.letter))
            switch question.kind {
            case .singleChoice:
                guard let letter = value.string, letters.contains(letter) else { throw .invalid("\(path)\(line): answer of '\(id)' must be one of \(letters.sorted())") }
                key.answers[id] = .choice(letter)
            case .multipleChoice:
                let given = Set((value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []))
                guard !given.isEmpty, given.isSubset(of: letters) else { throw .invalid("\(path)\(line): answer of '\(id)' must be letters among \(letters.sorted())") }
                key.answers[id] = .choices(given)
            case .trueFalse:
                guard let text = value.string?.lowercased(), text == "true" || text == "false" else { throw .invalid("\(path)\(line): answer of '\(id)' must be true or false") }
                key.answers[id] = .truth(text == "true")
            case .shortAnswer:
                if let list = value.sequence {
                    key.answers[id] = .text(accepted: list.compactMap(\.string), pattern: nil)
                } else if let map = value.mapping {
                    let accepted = map["answers"]?.sequence?.compactMap(\.string) ?? []
                    key.answers[id] = .text(accepted: accepted, pattern: map["pattern"]?.string)
                } else if let single = value.string {
                    key.answers[id] = .text(accepted: [single], pattern: nil)
                } else {
                    throw .invalid("\(path)\(line): answer of '\(id)' must be text, a list, or {answers, pattern}")
                }
            }
        }
        return key
    }

    /// The question as graded: its answer replaced by the key's, when the key has one.
    public func applied(to question: Question) -> Question {
        guard let answer = answers[question.id] else { return question }
        var graded = question
        graded.answer = answer
        return graded
    }
}
