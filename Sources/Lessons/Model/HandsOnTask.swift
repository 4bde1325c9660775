/// A task done in the sandbox: its goal, the checks that decide it is done, and a reference solution.
public struct HandsOnTask: Hashable, Sendable {
    public var id: String
    public var goal: String
    public var checks: [TaskCheck]
    public var solution: [String]
    /// Command sequences that look like a solution but miss the goal: the content test requires the checks to
    /// stay unmet after each, run from where the solution would start.
    public var decoys: [[String]]
    public var hints: [String]
    public var explanation: String
    public var points: Int
    public var location: SourceLocation

    public init(
        id: String, goal: String, checks: [TaskCheck], solution: [String], decoys: [[String]] = [], hints: [String] = [],
        explanation: String = "", points: Int = 1, location: SourceLocation
    ) {
        self.id = id
        self.goal = goal
        self.checks = checks
        self.solution = solution
        self.decoys = decoys
        self.hints = hints
        self.explanation = explanation
        self.points = points
        self.location = location
    }
}
