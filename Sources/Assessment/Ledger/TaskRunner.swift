import Lessons
import SandboxShell
import Transcripts

/// Runs a learner's line in a lesson's sandbox and decides whether the open task is now done: the one runner the
/// tutor and the exam share (grading replays through `checksPass`, the same rule).
public struct TaskRunner: Sendable {
    /// What a task's checks see: the commands run since the learner came to its step.
    public private(set) var outcomes: [ShellOutcome] = []

    public init() {}

    /// The task's step was entered anew: earlier commands no longer count for it.
    public mutating func restart() { outcomes = [] }

    /// Runs `line` in `shell`; for an open task, records the outcome and says whether its checks now pass.
    public mutating func run(_ line: String, in shell: inout SandboxShell, task: HandsOnTask?) -> (outcome: ShellOutcome, done: Bool) {
        let outcome = shell.run(line)
        guard let task else { return (outcome, false) }
        outcomes.append(outcome)
        return (outcome, Self.checksPass(task, shell: shell, outcomes: outcomes))
    }

    public func context(_ shell: SandboxShell) -> TaskContext { TaskContext(shell: shell, outcomes: outcomes) }

    public static func checksPass(_ task: HandsOnTask, shell: SandboxShell, outcomes: [ShellOutcome]) -> Bool {
        CheckEvaluator.unmet(task, in: TaskContext(shell: shell, outcomes: outcomes)).isEmpty
    }
}
