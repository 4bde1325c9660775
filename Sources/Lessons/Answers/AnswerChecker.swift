import Suggestions
/// Decides whether what a learner typed answers a question, forgiving the ways people type answers:
/// letters in any order and with any separator, yes/no for true/false, case, spaces, quotes and backticks.
public enum AnswerChecker {
    public enum Verdict: Equatable, Sendable {
        case correct
        case incorrect
        /// The input is not an answer of the right shape; the learner is told how to answer instead of losing an attempt.
        case unreadable(String)
        /// Wrong as written but one small step from an accepted answer (a missing `s3:` prefix, one letter off).
        /// Practice nudges without costing an attempt; an exam records it as the wrong answer it is.
        case nearMiss(String)
    }

    public static func check(_ input: String, against question: Question) -> Verdict {
        switch question.answer {
        case .choice(let letter):
            let letters = choiceLetters(in: input)
            guard letters.count == 1, let given = letters.first else {
                return .unreadable("Answer with one letter: \(question.choices.map(\.letter).joined(separator: ", ")).")
            }
            guard question.choices.contains(where: { $0.letter == given }) else {
                return .unreadable("'\(given)' is not one of the choices (\(question.choices.map(\.letter).joined(separator: ", "))).")
            }
            return given == letter ? .correct : .incorrect
        case .choices(let correct):
            let letters = choiceLetters(in: input)
            guard !letters.isEmpty else { return .unreadable("Answer with the letters of every choice that applies, e.g. 'a c'.") }
            let unknown = letters.filter { letter in !question.choices.contains { $0.letter == letter } }
            if let first = unknown.first {
                return .unreadable("'\(first)' is not one of the choices (\(question.choices.map(\.letter).joined(separator: ", "))).")
            }
            return Set(letters) == correct ? .correct : .incorrect
        case .truth(let value):
            switch normalize(input) {
            case "true", "t", "yes", "y": return value ? .correct : .incorrect
            case "false", "f", "no", "n": return value ? .incorrect : .correct
            default: return .unreadable("Answer true or false.")
            }
        case .text(let accepted, let pattern):
            let given = normalize(input)
            guard !given.isEmpty else { return .unreadable("Type your answer.") }
            // An ARN is case-sensitive (role/Auditor is not role/auditor, and ARN:AWS is no ARN): an accepted ARN is
            // matched letter for letter, and one right but for its letter case is a nudge, not a point.
            let (arns, words) = (accepted.filter(Self.isARN), accepted.filter { !Self.isARN($0) })
            if !arns.isEmpty {
                let exact = normalize(input, lowercasing: false)
                if arns.contains(where: { normalize($0, lowercasing: false) == exact }) { return .correct }
                if arns.contains(where: { normalize($0) == given }) {
                    return .nearMiss("Nearly: an ARN is case-sensitive, role names in it too; check the letter case. (Not counted as an attempt.)")
                }
            }
            let accepted = words
            // An aws CLI option has one spelling (`--role-arn`: argparse knows no other case or joining): a question
            // whose answer is one takes it as written, with or without its dashes, and nudges a spelling that is only
            // close (`roleArn`, `-role-arn`) rather than counting it.
            if let option = accepted.first(where: Self.isOption) {
                let exact = normalize(input, lowercasing: false)
                if accepted.contains(where: { normalize($0, lowercasing: false) == exact }) { return .correct }
                if accepted.contains(where: { loose(normalize($0)) == loose(given) }) {
                    return .nearMiss("Nearly: write the option as the aws CLI spells it, \(normalize(option, lowercasing: false)). (Not counted as an attempt.)")
                }
                if let pattern, let regex = try? Regex(pattern).ignoresCase(), (try? regex.wholeMatch(in: given)) != nil { return .correct }
                return nearMiss(given, accepted: accepted) ?? .incorrect
            }
            if accepted.contains(where: { normalize($0) == given }) { return .correct }
            // The forms a person writes for the same words: "the instance profile", "An instance-profile.",
            // "InstanceProfile".
            let loosely = loose(given)
            if !loosely.isEmpty, accepted.contains(where: { loose(normalize($0)) == loosely }) { return .correct }
            if let pattern, let regex = try? Regex(pattern).ignoresCase(), (try? regex.wholeMatch(in: given)) != nil {
                return .correct
            }
            return nearMiss(given, accepted: accepted) ?? .incorrect
        }
    }

    /// A nudge when the answer is an accepted one without its service prefix (`PutObject` for `s3:PutObject`), or
    /// one edit (a letter added, dropped, changed, or two swapped) away from an accepted answer of five letters or more.
    static func nearMiss(_ given: String, accepted: [String]) -> Verdict? {
        let answers = accepted.map { normalize($0) }
        if !given.contains(":"), answers.contains(where: { $0.hasSuffix(":" + given) && !$0.dropLast(given.count + 1).contains(":") }) {
            return .nearMiss("Nearly: an action is written with its service prefix, as in iam:GetRole. (Not counted as an attempt.)")
        }
        let loosely = loose(given)
        if answers.contains(where: { let answer = loose($0); return answer.count >= 5 && Suggestions.editDistance(loosely, answer) == 1 }) {
            return .nearMiss("Nearly: check the spelling. (Not counted as an attempt.)")
        }
        return nil
    }

    /// The letters of a choice answer in the order typed, for mapping shuffled exam letters back.
    public static func choiceLettersInOrder(_ input: String) -> [String] {
        choiceLetters(in: input)
    }

    /// "a, C" and "ac" and "a and c" all read as [a, c].
    static func choiceLetters(in input: String) -> [String] {
        let words = input.utf8.allSatisfy { $0 < 0x80 } ? asciiWords(input) : input.lowercased().split { !$0.isLetter }.map(String.init)
        return lettersOrWords(words.filter { $0 != "and" })
    }

    /// "ac" typed as one word is the letters a and c.
    private static func lettersOrWords(_ words: [String]) -> [String] {
        if words.count == 1, let word = words.first, word.count > 1, word.count <= 6, Set(word).count == word.count {
            return word.map { String($0) }
        }
        return words
    }

    /// The lowercased runs of letters of ASCII text, byte by byte: what splitting by Character does for it, without
    /// the cost of Characters (grading reads every choice answer of every learner here).
    static func asciiWords(_ input: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in input.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if lower >= 0x61 && lower <= 0x7A {
                word.append(lower)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// A normalised answer without a leading article, with hyphens and underscores read as spaces, and without
    /// spaces: the same words however they were joined.
    static func loose(_ normalized: String) -> String {
        var text = Substring(normalized)
        for article in ["the ", "an ", "a "] where text.hasPrefix(article) {
            text = text.dropFirst(article.count)
            break
        }
        return String(text.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" }.map(Character.init))
    }

    /// An answer that is a command-line option: `--role-arn`.
    static func isOption(_ answer: String) -> Bool {
        normalize(answer).hasPrefix("--")
    }

    static func isARN(_ answer: String) -> Bool {
        answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("arn:")
    }

    /// Trimmed, lower-cased (unless told not to), inner spaces collapsed, and quotes, backticks and a final full
    /// stop dropped.
    public static func normalize(_ text: String, lowercasing: Bool = true) -> String {
        asciiNormalized(text, lowercasing: lowercasing) ?? scalarsNormalized(text, lowercasing: lowercasing)
    }

    /// `normalize` for ASCII text, byte by byte (nil for any other text): grading normalises every answer of every
    /// learner. ASCII's whitespace is tab to carriage return, and space.
    static func asciiNormalized(_ text: String, lowercasing: Bool) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                continue
            case 0x09...0x0D, UInt8(ascii: " "):
                pendingSpace = !output.isEmpty
            default:
                if pendingSpace { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(lowercasing && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        while output.last == UInt8(ascii: ".") { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// `normalize` scalar by scalar, for any text.
    static func scalarsNormalized(_ text: String, lowercasing: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in (lowercasing ? text.lowercased() : text).unicodeScalars {
            switch scalar {
            case "`", "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}":
                continue
            case _ where scalar.properties.isWhitespace:
                pendingSpace = !scalars.isEmpty
            default:
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        while scalars.last == "." { scalars.removeLast() }
        return String(scalars)
    }
}
