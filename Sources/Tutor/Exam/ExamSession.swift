import Foundation
import Lessons
import Rendering

/// An exam over some lessons' questions: no hints and no feedback until the end, choices shuffled per learner
/// from a seed, an optional time limit. Answers go to the transcript marked as the exam's, so grading applies
/// exam rules (the first answer counts). Pure: the caller supplies the time.
public struct ExamSession {
    public struct Item: Sendable {
        public var lesson: String
        public var question: Question
        /// The course's letters in the order shown as a, b, c, … (empty when not a choice question).
        public var order: [String]
        public var answer: String?
    }

    public let id: String
    public private(set) var items: [Item]
    public var renderer: TerminalRenderer
    private var index = 0
    private let deadline: Date?
    private let timeLimit: Int?
    private var events: [LearningEvent] = []
    public private(set) var isFinished = false

    public init(course: Course, lessons: [String], learner: String, seed: Int, timeLimit: Int?, start: Date, renderer: TerminalRenderer) {
        var random = SeededRandom(seed: UInt64(bitPattern: Int64(seed)) ^ SeededRandom.hash(learner))
        items = lessons.compactMap { course.lesson(withID: $0) }.flatMap { lesson in
            lesson.questions.map { question in
                let letters = question.choices.map(\.letter)
                return Item(lesson: lesson.id, question: question, order: question.choices.isEmpty ? [] : random.shuffled(letters))
            }
        }
        self.renderer = renderer
        self.timeLimit = timeLimit
        deadline = timeLimit.map { start.addingTimeInterval(TimeInterval($0)) }
        id = "exam-\(seed)-\(Int(start.timeIntervalSince1970))"
        var startEvent = LearningEvent(.examStart, exam: id, learner: learner)
        startEvent.lessons = lessons
        startEvent.seed = seed
        startEvent.timeLimit = timeLimit
        events.append(startEvent)
    }

    public mutating func takeEvents() -> [LearningEvent] {
        defer { events = [] }
        return events
    }

    /// The question as shown: its choices in the exam's order, lettered afresh.
    func shown(_ item: Item) -> Question {
        var question = item.question
        if !item.order.isEmpty {
            question.choices = item.order.enumerated().map { position, original in
                Question.Choice(letter: String(UnicodeScalar(UInt8(97 + position))), text: item.question.choices.first { $0.letter == original }!.text)
            }
            let shownLetters = Dictionary(uniqueKeysWithValues: item.order.enumerated().map { ($1, String(UnicodeScalar(UInt8(97 + $0)))) })
            switch question.answer {
            case .choice(let letter): question.answer = .choice(shownLetters[letter] ?? letter)
            case .choices(let letters): question.answer = .choices(Set(letters.map { shownLetters[$0] ?? $0 }))
            default: break
            }
        }
        return question
    }

    public func prompt(now: Date) -> String {
        var parts = ["exam \(min(index + 1, items.count))/\(items.count)"]
        if let deadline {
            let left = max(0, Int(deadline.timeIntervalSince(now)))
            parts.append(String(format: "%d:%02d left", left / 60, left % 60))
        }
        return "[" + parts.joined(separator: " · ") + "] $ "
    }

    public func opening() -> String {
        var text = "Exam: \(items.count) question\(items.count == 1 ? "" : "s")"
        if let timeLimit { text += ", \(timeLimit / 60) minute\(timeLimit / 60 == 1 ? "" : "s")" }
        text += ". No hints and no feedback until the end; your first answer to each question counts.\n"
        text += "Type the answer, or skip to leave a question unanswered; quit ends the exam.\n\n"
        return text + current()
    }

    private func current() -> String {
        guard index < items.count else { return "" }
        return "Question \(index + 1) of \(items.count)\n" + renderer.render(shown(items[index]))
    }

    public mutating func handle(_ rawLine: String, now: Date) -> (output: String, finished: Bool) {
        if let deadline, now >= deadline {
            return (finish(reason: "Time is up."), true)
        }
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        switch line.lowercased() {
        case "":
            return (current(), false)
        case "quit", "exit", "finish":
            return (finish(reason: "You ended the exam."), true)
        case "skip":
            return advance()
        default:
            let item = items[index]
            if case .unreadable(let advice) = AnswerChecker.check(line, against: shown(item)) {
                return (advice + "\n", false)
            }
            items[index].answer = line
            events.append(LearningEvent(.answer, lesson: item.lesson, item: item.question.id, input: line,
                                        choiceOrder: item.order.isEmpty ? nil : item.order, exam: id))
            return advance()
        }
    }

    private mutating func advance() -> (output: String, finished: Bool) {
        index += 1
        if index >= items.count { return (finish(reason: "That was the last question."), true) }
        return ("Answer recorded.\n\n" + current(), false)
    }

    private mutating func finish(reason: String) -> String {
        guard !isFinished else { return "" }
        isFinished = true
        events.append(LearningEvent(.examEnd, exam: id))
        return reason + "\n\n" + scoreSheet()
    }

    /// Each question with the answer given, whether it was right, and the total.
    public func scoreSheet() -> String {
        var lines = ["Score sheet:"]
        var score = 0, maximum = 0
        for (position, item) in items.enumerated() {
            maximum += item.question.points
            let question = shown(item)
            let right = item.answer.map { AnswerChecker.check($0, against: question) == .correct } ?? false
            if right { score += item.question.points }
            let mark = item.answer == nil ? "–" : right ? "✓" : "✗"
            lines.append(String(format: "  %@ %2d. %@  (your answer: %@; correct: %@)", mark, position + 1, item.question.id,
                                item.answer ?? "none", question.answerDescription))
        }
        lines.append("Total: \(score)/\(maximum) points")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// SplitMix64: a small generator, so an exam's order depends only on the seed and the learner.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            result.swapAt(index, other)
        }
        return result
    }
}
