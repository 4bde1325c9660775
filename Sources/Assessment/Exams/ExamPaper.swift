import Lessons

/// An exam as a learner may see it: each question's prompt and choices (in this learner's shuffled order) without
/// its answer, explanation or hints; each task's goal without its checks or solution; and the starting sandbox of
/// each lesson with a task. A practice exam makes its paper from the course on the learner's machine; a class exam
/// gets it from the class server, which alone holds the answers and marks them.
public struct ExamPaper: Codable, Sendable, Equatable {
    public struct Choice: Codable, Sendable, Equatable {
        /// The letter as shown (a, b, c… in the shuffled order).
        public var letter: String
        public var text: String
    }

    public struct Item: Codable, Sendable, Equatable {
        public var lesson: String
        public var id: String
        /// nil for a task.
        public var questionKind: Question.Kind?
        /// The question's prompt, or the task's goal (markdown).
        public var text: String
        public var choices: [Choice]
        /// The course's letters in the order shown as a, b, c, … (empty when not a choice question): what an
        /// answer event carries so the marker maps the shown letters back.
        public var order: [String]
        public var points: Int

        public var isTask: Bool { questionKind == nil }

        /// The question as shown, for rendering and for telling an answer of the wrong shape ("answer with one
        /// letter") from a wrong answer. Its `answer` is an empty one of the question's kind, never the real one:
        /// whoever marks the exam reads the course's question, not this.
        public var shownQuestion: Question? {
            guard let kind = questionKind else { return nil }
            let empty: Question.Answer = switch kind {
            case .singleChoice: .choice("")
            case .multipleChoice: .choices([])
            case .trueFalse: .truth(true)
            case .shortAnswer: .text(accepted: [], pattern: nil)
            }
            return Question(id: id, kind: kind, prompt: text, choices: choices.map { Question.Choice(letter: $0.letter, text: $0.text) },
                            answer: empty, explanation: "", points: points, location: SourceLocation(file: lesson, line: 0, column: 0))
        }

        /// The task as shown: its goal and points, no checks, hints or solution.
        public var shownTask: HandsOnTask? {
            guard isTask else { return nil }
            return HandsOnTask(id: id, goal: text, checks: [], solution: [], points: points,
                               location: SourceLocation(file: lesson, line: 0, column: 0))
        }
    }

    /// The exam's id, which every event of the exam carries.
    public var exam: String
    public var lessons: [String]
    public var seed: Int
    public var withTasks: Bool
    /// Seconds allowed from the start, if limited.
    public var timeLimit: Int?
    /// Seconds left when the paper was handed out, by the clock that keeps the time (the class server's).
    public var secondsLeft: Int?
    public var items: [Item]
    /// The starting sandbox of each lesson with a task in the exam.
    public var sandboxes: [String: SandboxSeed]
    /// Items already handed in during this sitting (a learner back after their terminal closed): questions are
    /// not asked again; a task's commands are run again in its sandbox, so it is as the learner left it.
    public var answered: [String]
    /// The commands typed for each task so far in this sitting, by task id.
    public var earlierCommands: [String: [String]]

    public init(exam: String, lessons: [String], seed: Int, withTasks: Bool, timeLimit: Int?, secondsLeft: Int?,
                items: [Item], sandboxes: [String: SandboxSeed], answered: [String] = [], earlierCommands: [String: [String]] = [:]) {
        self.exam = exam
        self.lessons = lessons
        self.seed = seed
        self.withTasks = withTasks
        self.timeLimit = timeLimit
        self.secondsLeft = secondsLeft
        self.items = items
        self.sandboxes = sandboxes
        self.answered = answered
        self.earlierCommands = earlierCommands
    }

    /// The paper for `learner`: the lessons' questions (and tasks, if asked) in course order, each choice question's
    /// choices shuffled by the seed and the learner's name, so neighbours see different orders and a paper handed
    /// out again is the same paper.
    public init(course: Course, lessons: [String], learner: String, seed: Int, withTasks: Bool, exam: String,
                timeLimit: Int?, secondsLeft: Int? = nil) {
        var random = SeededRandom(seed: UInt64(bitPattern: Int64(seed)) ^ SeededRandom.hash(learner))
        // A lesson named twice is examined once.
        var seen = Set<String>()
        let lessons = lessons.filter { seen.insert($0).inserted }
        let chosen = lessons.compactMap { course.lesson(withID: $0) }
        var items: [Item] = []
        var sandboxes: [String: SandboxSeed] = [:]
        for lesson in chosen {
            for step in lesson.steps {
                switch step.interaction {
                case .question(let question):
                    let order = question.choices.isEmpty ? [] : random.shuffled(question.choices.map(\.letter))
                    let shown = order.enumerated().map { position, letter in
                        Choice(letter: Self.letter(at: position), text: question.choices.first { $0.letter == letter }?.text ?? "")
                    }
                    items.append(Item(lesson: lesson.id, id: question.id, questionKind: question.kind, text: question.prompt,
                                      choices: shown, order: order, points: question.points))
                case .task(let task) where withTasks:
                    items.append(Item(lesson: lesson.id, id: task.id, questionKind: nil, text: task.goal, choices: [], order: [], points: task.points))
                    sandboxes[lesson.id] = lesson.sandbox
                default:
                    break
                }
            }
        }
        self.init(exam: exam, lessons: lessons, seed: seed, withTasks: withTasks, timeLimit: timeLimit, secondsLeft: secondsLeft,
                  items: items, sandboxes: sandboxes)
    }

    /// Whole minutes for a time in seconds, rounded up: what the learner, the dashboard and the instructor read.
    public static func minutes(_ seconds: Int) -> Int { (seconds + 59) / 60 }

    /// a, b, c, … for positions 0, 1, 2, …
    public static func letter(at position: Int) -> String {
        String(UnicodeScalar(UInt8(97 + position)))
    }

    /// A course question as this item shows it: choices in the shown order and lettered afresh, and the answer in
    /// the shown letters (for a score sheet that says which letter was right).
    public func shown(_ question: Question, as item: Item) -> Question {
        var shown = question
        guard !item.order.isEmpty else { return shown }
        shown.choices = item.choices.map { Question.Choice(letter: $0.letter, text: $0.text) }
        let shownLetters = Dictionary(uniqueKeysWithValues: item.order.enumerated().map { ($1, Self.letter(at: $0)) })
        switch question.answer {
        case .choice(let letter): shown.answer = .choice(shownLetters[letter] ?? letter)
        case .choices(let letters): shown.answer = .choices(Set(letters.map { shownLetters[$0] ?? $0 }))
        default: break
        }
        return shown
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
