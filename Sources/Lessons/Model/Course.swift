/// A whole course: its title and its lessons in course order.
public struct Course: Hashable, Sendable {
    public var title: String
    public var description: String
    public var lessons: [Lesson]
    /// The folder the course was loaded from.
    public var directory: String
    public var grading: GradingPolicy

    public init(title: String, description: String = "", lessons: [Lesson], directory: String, grading: GradingPolicy = GradingPolicy()) {
        self.title = title
        self.description = description
        self.lessons = lessons
        self.directory = directory
        self.grading = grading
    }

    /// The question with this id, wherever it is in the course.
    public func question(withID id: String) -> (lesson: Lesson, question: Question)? {
        for lesson in lessons {
            if let question = lesson.questions.first(where: { $0.id == id }) { return (lesson, question) }
        }
        return nil
    }

    public func lesson(withID id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    /// The place of a lesson a learner named by its id or by its number in the outline (`3`, as `rolecall
    /// lessons` numbers them): the one reading of a lesson argument for `open`, `show` and `exam`.
    public func lessonIndex(named argument: String) -> Int? {
        // Compared before subtracting: `open -9223372036854775808` must not overflow.
        if let number = Int(argument) { return number >= 1 && number <= lessons.count ? number - 1 : nil }
        return lessons.firstIndex { $0.id == argument }
    }

    public var questionCount: Int { lessons.reduce(0) { $0 + $1.questions.count } }
    public var taskCount: Int { lessons.reduce(0) { $0 + $1.tasks.count } }
}
