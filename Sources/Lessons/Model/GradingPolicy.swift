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

    public init(skippedPoints: Int = 0, hintPenalty: Int = 0, laterAttempts: LaterAttempts = .full) {
        self.skippedPoints = skippedPoints
        self.hintPenalty = hintPenalty
        self.laterAttempts = laterAttempts
    }
}
