/// How an instructor wants answers counted, set in `course.yaml` under `grading`.
public struct GradingPolicy: Hashable, Sendable {
    public enum LaterAttempts: String, Hashable, Sendable, CaseIterable {
        /// A question answered right after wrong tries still earns its points.
        case full
        /// It earns half its points, rounded down.
        case half
        /// Only a first-try answer earns points.
        case none
    }

    public var skippedPoints: Int
    public var hintPenalty: Int
    public var laterAttempts: LaterAttempts
    /// After this many wrong answers a question is closed as wrong and its answer shown; nil: no limit.
    public var maxAttempts: Int?

    /// Points for a question answered right on attempt `attempt` (1 = first try) after `hints` hints: the one
    /// rule the tutor's running score and `rolecall grade` both apply.
    public func points(for question: Question, rightOnAttempt attempt: Int, hints: Int) -> Int {
        var earned = question.points
        if attempt > 1 {
            switch laterAttempts {
            case .full: break
            case .half: earned = question.points / 2
            case .none: earned = 0
            }
        }
        return max(0, earned - hintPenalty * hints)
    }

    /// Points for a task done after `hints` hints.
    public func points(for task: HandsOnTask, hints: Int) -> Int {
        max(0, task.points - hintPenalty * hints)
    }

    /// Points for a question or task the learner skipped.
    public func pointsForSkipping(_ maximum: Int) -> Int {
        min(maximum, skippedPoints)
    }

    public init(skippedPoints: Int = 0, hintPenalty: Int = 0, laterAttempts: LaterAttempts = .full, maxAttempts: Int? = nil) {
        self.skippedPoints = skippedPoints
        self.hintPenalty = hintPenalty
        self.laterAttempts = laterAttempts
        self.maxAttempts = maxAttempts
    }
}
