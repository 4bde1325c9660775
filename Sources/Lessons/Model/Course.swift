/// A whole course: its title and its lessons in course order.
public struct Course: Hashable, Sendable {
    public var title: String
    public var description: String
    public var lessons: [Lesson]
    /// The folder the course was loaded from.
    public var directory: String

    public init(title: String, description: String = "", lessons: [Lesson], directory: String) {
        self.title = title
        self.description = description
        self.lessons = lessons
        self.directory = directory
    }

    public func lesson(withID id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    public var questionCount: Int { lessons.reduce(0) { $0 + $1.questions.count } }
    public var taskCount: Int { lessons.reduce(0) { $0 + $1.tasks.count } }
}
