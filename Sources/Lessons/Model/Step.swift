/// One `##` section of a lesson: reading text, optionally closed by a question or a task.
public struct Step: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable { case reading, question, task }

    public enum Interaction: Hashable, Sendable {
        case question(Question)
        case task(HandsOnTask)
    }

    /// A slug of the title, stable across edits of the text, so saved progress can find the step again.
    public var id: String
    public var title: String
    public var content: [MarkdownBlock]
    public var interaction: Interaction?
    public var location: SourceLocation

    public init(id: String, title: String, content: [MarkdownBlock], interaction: Interaction? = nil, location: SourceLocation) {
        self.id = id
        self.title = title
        self.content = content
        self.interaction = interaction
        self.location = location
    }

    public var kind: Kind {
        switch interaction {
        case .none: return .reading
        case .question: return .question
        case .task: return .task
        }
    }

    public var question: Question? {
        if case .question(let question) = interaction { return question }
        return nil
    }

    public var task: HandsOnTask? {
        if case .task(let task) = interaction { return task }
        return nil
    }
}
