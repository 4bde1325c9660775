/// One lesson file: its front matter and its steps.
public struct Lesson: Hashable, Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var minutes: Int
    public var objectives: [String]
    public var prerequisites: [String]
    /// Where each prerequisite is named, for precise lint messages.
    public var prerequisiteLocations: [SourceLocation] = []
    public var sandbox: SandboxSeed
    public var steps: [Step] {
        didSet { (questions, tasks) = Self.items(of: steps) }
    }
    /// The steps' questions and tasks, in order: kept with the steps, as grading a class reads them for every
    /// learner and finding them again each time showed in its profile.
    public private(set) var questions: [Question] = []
    public private(set) var tasks: [HandsOnTask] = []
    /// Where the front matter's `id` is written.
    public var location: SourceLocation

    public init(
        id: String, title: String, summary: String, minutes: Int, objectives: [String],
        prerequisites: [String] = [], sandbox: SandboxSeed = SandboxSeed(), steps: [Step], location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.minutes = minutes
        self.objectives = objectives
        self.prerequisites = prerequisites
        self.sandbox = sandbox
        self.steps = steps
        self.location = location
        (questions, tasks) = Self.items(of: steps)
    }

    private static func items(of steps: [Step]) -> ([Question], [HandsOnTask]) {
        (steps.compactMap(\.question), steps.compactMap(\.task))
    }

    public func count(of kind: Step.Kind) -> Int { steps.filter { $0.kind == kind }.count }
}
