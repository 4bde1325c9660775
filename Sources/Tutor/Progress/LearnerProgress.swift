import Assessment
import Foundation
import SandboxShell
import SavedFiles

/// Everything saved for one learner: where they are, every answer and attempt, points, hints, and their sandbox.
/// Keyed by lesson, question and task ids (not positions), so edits to a lesson keep every answer that still applies.
public struct LearnerProgress: Codable, Sendable, Equatable, VersionedFormat {
    /// The ledger's records, saved as progress format 1 wrote them.
    public typealias QuestionRecord = Assessment.QuestionRecord
    public typealias TaskRecord = Assessment.TaskRecord

    public struct LessonRecord: Codable, Sendable, Equatable {
        /// The id of the step the learner is on.
        public var currentStep: String?
        public var visitedSteps: [String] = []
        public var completed = false
    }

    public static let formatName = "progress"
    /// 1: the first release. Its sandboxes are sandbox states, each with its own version and migrations.
    public static let currentFormatVersion = 1

    public var formatVersion = LearnerProgress.currentFormatVersion
    public var learner: String
    public var currentLesson: String?
    public var lessons: [String: LessonRecord] = [:]
    public var questions: [String: QuestionRecord] = [:]
    public var tasks: [String: TaskRecord] = [:]
    /// One sandbox per lesson: each starts from the lesson's seed the first time and is kept afterwards.
    public var sandboxes: [String: ShellState] = [:]

    public init(learner: String) {
        self.learner = learner
    }

    public mutating func migrate(from version: Int) {}

    /// The nested sandbox states are read with the progress; bring each to its current format too. Returns the
    /// lessons whose sandbox was older, whose unknown fields are fields since removed.
    @discardableResult
    mutating func migrateSandboxes() -> Set<String> {
        var older: Set<String> = []
        for id in sandboxes.keys {
            guard var state = sandboxes[id] else { continue }
            let written = state.formatVersion == 0 ? 1 : state.formatVersion
            if written < ShellState.currentFormatVersion {
                older.insert(id)
                state.migrate(from: written)
                state.formatVersion = ShellState.currentFormatVersion
            }
            sandboxes[id] = state
        }
        return older
    }
}
