/// Everything that differs between question kinds, in one table: the lesson format's keys, what the learner is
/// told, what Tab offers and whether answers are letters (and so shuffled in an exam). Adding a kind is a case in
/// `Question.Kind` and a row here; the compiler then points at the two places that read its answer
/// (`InteractiveBlockParser.parseQuestion`, `AnswerKey.load`), and `AnswerChecker` checks it by its answer type.
extension Question.Kind {
    public struct Rules: Sendable {
        /// Keys the block takes besides id, prompt, explanation, hints and points.
        public let answerKeys: [String]
        /// The block lists lettered choices.
        public let hasChoices: Bool
        /// The line under the question, telling the learner how to answer.
        public let instruction: String
        /// The tutor's footer while the question is open.
        public let footer: String
        /// What Tab completes to when the line is empty; nil: the choice letters.
        public let fixedCompletions: [String]?
    }

    public var rules: Rules {
        switch self {
        case .singleChoice:
            Rules(answerKeys: ["choices", "answer"], hasChoices: true, instruction: "Choose one letter.",
                  footer: "type a letter to answer", fixedCompletions: nil)
        case .multipleChoice:
            Rules(answerKeys: ["choices", "answer"], hasChoices: true, instruction: "Choose all that apply (letters, e.g. a c).",
                  footer: "type the letters that apply", fixedCompletions: nil)
        case .trueFalse:
            Rules(answerKeys: ["answer"], hasChoices: false, instruction: "Answer true or false.",
                  footer: "type true or false", fixedCompletions: ["true", "false"])
        case .shortAnswer:
            Rules(answerKeys: ["answers", "pattern"], hasChoices: false, instruction: "Type your answer.",
                  footer: "type your answer", fixedCompletions: [])
        }
    }
}

extension Question {
    /// What Tab offers for an answer: true/false, or the letters of the choices as shown.
    public var answerCompletions: [String] { kind.rules.fixedCompletions ?? choices.map(\.letter) }
}
