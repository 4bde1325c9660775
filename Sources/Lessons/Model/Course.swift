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

    public var questionCount: Int { lessons.reduce(0) { $0 + $1.questions.count } }
    public var taskCount: Int { lessons.reduce(0) { $0 + $1.tasks.count } }
}
