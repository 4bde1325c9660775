/// A quiz question with its correct answer, explanation and hints.
public struct Question: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        case singleChoice = "single-choice"
        case multipleChoice = "multiple-choice"
        case trueFalse = "true-false"
        case shortAnswer = "short-answer"
    }

    public struct Choice: Hashable, Sendable {
        public var letter: String
        public var text: String

        public init(letter: String, text: String) {
            self.letter = letter
            self.text = text
        }
    }

    public enum Answer: Hashable, Sendable {
        case choice(String)
        case choices(Set<String>)
        case truth(Bool)
        /// Accepted answers, compared after normalising, and an optional whole-answer pattern.
        case text(accepted: [String], pattern: String?)
    }

    public var id: String
    public var kind: Kind
    public var prompt: String
    public var choices: [Choice]
    public var answer: Answer
    public var explanation: String
    public var hints: [String]
    public var points: Int
    public var location: SourceLocation

    public init(
        id: String, kind: Kind, prompt: String, choices: [Choice] = [], answer: Answer, explanation: String,
        hints: [String] = [], points: Int = 1, location: SourceLocation
    ) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.choices = choices
        self.answer = answer
        self.explanation = explanation
        self.hints = hints
        self.points = points
        self.location = location
    }
}
