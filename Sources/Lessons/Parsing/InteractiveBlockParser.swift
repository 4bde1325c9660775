import Yams
import ShellWords

/// Turns the YAML body of a question or task block into a `Question` or `HandsOnTask`, reporting every problem at
/// its own line.
struct InteractiveBlockParser {
    static let sandboxCommands: Set<String> = ["export", "unset", "instance", "clock", "whoami", "github-token", "eval"]

    var reader: YAMLReader
    let blockLocation: SourceLocation

    init(file: String, fenceLine: Int) {
        reader = YAMLReader(file: file, lineOffset: fenceLine)
        blockLocation = SourceLocation(file: file, line: fenceLine)
    }

    var diagnostics: [Diagnostic] { reader.diagnostics }

    mutating func parse(kind: String, body: String) -> Step.Interaction? {
        let what = "\(kind) block"
        guard let root = reader.compose(body, what: what) else {
            if body.trimmingSpaces().isEmpty { reader.report(at: blockLocation, "\(what) is empty") }
            return nil
        }
        guard let mapping = reader.mapping(root, what: what) else { return nil }
        if kind == BlockKinds.task {
            return parseTask(mapping).map { .task($0) }
        }
        guard let questionKind = Question.Kind(rawValue: kind) else { return nil }
        return parseQuestion(questionKind, mapping).map { .question($0) }
    }

    private mutating func id(in mapping: YAMLFields, what: String) -> (String, SourceLocation)? {
        guard let id = reader.string("id", in: mapping, required: true, at: blockLocation, what: what) else { return nil }
        let location = reader.value("id", in: mapping).map(reader.location(of:)) ?? blockLocation
        if let problem = Identifiers.problem(with: id) {
            reader.report(at: location, problem)
            return nil
        }
        return (id, location)
    }

    private mutating func points(in mapping: YAMLFields, what: String) -> Int {
        guard let points = reader.integer("points", in: mapping, required: false, at: blockLocation, what: what) else { return 1 }
        if points < 0, let node = reader.value("points", in: mapping) {
            reader.report(at: reader.location(of: node), "points in \(what) must not be negative")
        }
        return max(points, 0)
    }

    // MARK: Questions

    private mutating func parseQuestion(_ kind: Question.Kind, _ mapping: YAMLFields) -> Question? {
        let what = "\(kind.rawValue) question"
        let allowed = ["id", "prompt", "explanation", "hints", "points"] + kind.rules.answerKeys
        reader.rejectUnknownKeys(in: mapping, allowed: allowed, what: what)

        let identifier = id(in: mapping, what: what)
        let prompt = reader.string("prompt", in: mapping, required: true, at: blockLocation, what: what)
        let explanation = reader.string("explanation", in: mapping, required: true, at: blockLocation, what: what)
        let hints = reader.strings("hints", in: mapping, required: false, allowSingle: true, at: blockLocation, what: what) ?? []
        let points = points(in: mapping, what: what)

        var choices: [Question.Choice] = []
        var answer: Question.Answer?
        switch kind {
        case .singleChoice, .multipleChoice:
            choices = parseChoices(mapping, what: what)
            answer = parseChoiceAnswer(kind, mapping, choices: choices, what: what)
        case .trueFalse:
            answer = parseTruthAnswer(mapping, what: what)
        case .shortAnswer:
            answer = parseTextAnswer(mapping, what: what)
        }

        guard let (id, location) = identifier, let prompt, let explanation, let answer else { return nil }
        return Question(
            id: id, kind: kind, prompt: prompt, choices: choices, answer: answer, explanation: explanation,
            hints: hints, points: points, location: location
        )
    }

    private mutating func parseChoices(_ mapping: YAMLFields, what: String) -> [Question.Choice] {
        guard let node = reader.value("choices", in: mapping) else {
            reader.missing("choices", in: mapping, at: blockLocation, what: what)
            return []
        }
        guard let choiceMapping = node.mapping.map(YAMLFields.init) else {
            reader.report(at: reader.location(of: node), "choices in \(what) must map letters to text, e.g. 'a: An IAM user'")
            return []
        }
        var choices: [Question.Choice] = []
        for (key, value) in choiceMapping.pairs {
            let letter = key.string ?? ""
            guard letter.count == 1, let character = letter.first, character.isASCII, character.isLowercase else {
                reader.report(at: reader.location(of: key), "choice '\(letter)' must be a single lower-case letter (a, b, c, …)")
                continue
            }
            guard let text = value.scalar?.string.trimmingSpaces(), !text.isEmpty else {
                reader.report(at: reader.location(of: value), "choice '\(letter)' needs its text")
                continue
            }
            if choices.contains(where: { $0.letter == letter }) {
                reader.report(at: reader.location(of: key), "choice '\(letter)' appears twice")
                continue
            }
            choices.append(Question.Choice(letter: letter, text: text))
        }
        if choices.count < 2 {
            reader.report(at: reader.location(of: node), "\(what) needs at least two choices")
        }
        return choices
    }

    private mutating func parseChoiceAnswer(_ kind: Question.Kind, _ mapping: YAMLFields, choices: [Question.Choice], what: String) -> Question.Answer? {
        guard let node = reader.value("answer", in: mapping) else {
            reader.report(at: blockLocation, "\(what) has no correct answer: add 'answer:' with the letter\(kind == .multipleChoice ? "s" : "") of the correct choice\(kind == .multipleChoice ? "s" : "")")
            return nil
        }
        let letters: [(String, SourceLocation)]
        if let scalar = node.scalar {
            if kind == .singleChoice {
                letters = [(scalar.string.trimmingSpaces(), reader.location(of: node))]
            } else {
                letters = scalar.string.split(whereSeparator: { $0 == "," || $0 == " " }).map { (String($0), reader.location(of: node)) }
            }
        } else if kind == .multipleChoice, let sequence = node.sequence {
            letters = sequence.map { (($0.string ?? "").trimmingSpaces(), reader.location(of: $0)) }
        } else {
            reader.report(at: reader.location(of: node), kind == .singleChoice
                ? "answer of a single-choice question must be one letter"
                : "answer of a multiple-choice question must be a list of letters, e.g. [a, c]")
            return nil
        }
        let valid = Set(choices.map(\.letter))
        var accepted = Set<String>()
        for (letter, location) in letters {
            if valid.contains(letter) {
                accepted.insert(letter)
            } else if !valid.isEmpty {
                reader.report(at: location, "answer '\(letter)' is not among the choices (\(choices.map(\.letter).joined(separator: ", ")))")
            }
        }
        if letters.isEmpty {
            reader.report(at: reader.location(of: node), "\(what) has no correct answer: 'answer' is empty")
            return nil
        }
        guard accepted.count == letters.count || valid.isEmpty else { return nil }
        if kind == .singleChoice { return letters.first.map { .choice($0.0) } }
        return .choices(Set(letters.map(\.0)))
    }

    private mutating func parseTruthAnswer(_ mapping: YAMLFields, what: String) -> Question.Answer? {
        guard let node = reader.value("answer", in: mapping) else {
            reader.report(at: blockLocation, "\(what) has no correct answer: add 'answer: true' or 'answer: false'")
            return nil
        }
        switch node.string?.lowercased() {
        case "true": return .truth(true)
        case "false": return .truth(false)
        default:
            reader.report(at: reader.location(of: node), "answer of a true-false question must be true or false, not '\(node.string ?? "a list")'")
            return nil
        }
    }

    private mutating func parseTextAnswer(_ mapping: YAMLFields, what: String) -> Question.Answer? {
        let accepted = reader.strings("answers", in: mapping, required: false, allowSingle: true, at: blockLocation, what: what) ?? []
        var pattern = reader.string("pattern", in: mapping, required: false, at: blockLocation, what: what)
        if let source = pattern, let node = reader.value("pattern", in: mapping) {
            do {
                _ = try Regex(source)
            } catch {
                reader.report(at: reader.location(of: node), "pattern '\(source)' is not a valid regular expression: \(error)")
                pattern = nil
            }
        }
        if accepted.filter({ !$0.isEmpty }).isEmpty {
            reader.report(at: reader.value("answers", in: mapping).map(reader.location(of:)) ?? blockLocation,
                          "\(what) has no correct answer: add 'answers:' with at least one accepted answer")
            return nil
        }
        return .text(accepted: accepted, pattern: pattern)
    }

    // MARK: Tasks

    private mutating func parseTask(_ mapping: YAMLFields) -> HandsOnTask? {
        let what = "task"
        reader.rejectUnknownKeys(in: mapping, allowed: ["id", "goal", "check", "solution", "decoys", "hints", "explanation", "points"], what: what)
        let identifier = id(in: mapping, what: what)
        let goal = reader.string("goal", in: mapping, required: true, at: blockLocation, what: what)
        let hints = reader.strings("hints", in: mapping, required: false, allowSingle: true, at: blockLocation, what: what) ?? []
        let explanation = reader.string("explanation", in: mapping, required: false, at: blockLocation, what: what) ?? ""
        let points = points(in: mapping, what: what)

        var checks: [TaskCheck] = []
        var checksValid = true
        if let lines = reader.locatedStrings("check", in: mapping, required: true, at: blockLocation, what: what) {
            for (line, location) in lines {
                switch CheckGrammar.parse(line) {
                case .check(let condition, let isNegated):
                    checks.append(TaskCheck(condition: condition, isNegated: isNegated, source: line, location: location))
                case .failure(let message):
                    reader.report(at: location, message)
                    checksValid = false
                }
            }
        }

        var solution: [String] = []
        if let commands = reader.locatedStrings("solution", in: mapping, required: true, at: blockLocation, what: what) {
            for (command, location) in commands {
                if let problem = Self.problem(withCommand: command, named: "solution command") {
                    reader.report(at: location, problem)
                } else {
                    solution.append(command)
                }
            }
        }

        let decoys = parseDecoys(in: mapping, what: what)

        guard let (id, location) = identifier, let goal, checksValid, !checks.isEmpty, !solution.isEmpty else { return nil }
        return HandsOnTask(
            id: id, goal: goal, checks: checks, solution: solution, decoys: decoys, hints: hints, explanation: explanation,
            points: points, location: location
        )
    }

    /// `decoys:` is a list whose items are one command, or a list of commands run in turn; each command is held
    /// to the same rules as a solution command.
    private mutating func parseDecoys(in mapping: YAMLFields, what: String) -> [[String]] {
        guard let node = reader.value("decoys", in: mapping) else { return [] }
        guard let items = node.sequence else {
            reader.report(at: reader.location(of: node), "field 'decoys' in \(what) must be a list (lines starting with '- ')")
            return []
        }
        var decoys: [[String]] = []
        for item in items {
            let commands: [Node] = item.sequence.map(Array.init) ?? [item]
            var decoy: [String] = []
            for command in commands {
                guard let text = command.scalar?.string.trimmingSpaces(), !text.isEmpty else {
                    reader.report(at: reader.location(of: command), "each decoy in \(what) must be a command, or a list of commands")
                    continue
                }
                if let problem = Self.problem(withCommand: text, named: "decoy command") {
                    reader.report(at: reader.location(of: command), problem)
                } else {
                    decoy.append(text)
                }
            }
            if !decoy.isEmpty { decoys.append(decoy) }
        }
        return decoys
    }

    /// What is wrong with a command a task lists (`what` names the list: "solution command", "decoy command").
    static func problem(withCommand command: String, named what: String) -> String? {
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch {
            return "\(what) '\(command)' has \(error)"
        }
        guard let first = words.first else { return "\(what) is empty" }
        if first == "aws" {
            return words.count >= 3 ? nil : "\(what) '\(command)' needs a service and an operation, e.g. 'aws sts get-caller-identity'"
        }
        if sandboxCommands.contains(first) { return nil }
        return "\(what) '\(command)' must start with 'aws' or a sandbox command (\(sandboxCommands.sorted().joined(separator: ", ")))"
    }
}
