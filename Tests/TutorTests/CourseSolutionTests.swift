import Assessment
import Foundation
import Lessons
import Sandbox
import SandboxShell
import Testing
@testable import Tutor

/// The content checker: every task of the shipped course, started from its lesson's seed, is solved by its own
/// reference solution, and its checks do not pass before it is solved. This keeps lessons and sandbox honest
/// with each other.
@Suite struct CourseSolutionTests {
    static let course: Course = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons").path
        return CourseLoader.load(directory: directory).course!
    }()

    static var lessonIDs: [String] { course.lessons.map(\.id) }

    @Test(arguments: lessonIDs)
    func everyTaskIsSolvedByItsReferenceSolution(lessonID: String) throws {
        let lesson = try #require(Self.course.lesson(withID: lessonID))
        var state = ShellState.initial()
        let failures = SeedApplier.apply(lesson.sandbox, to: &state.sandbox)
        #expect(failures.isEmpty, "seed of \(lessonID): \(failures)")
        var shell = SandboxShell(state: state)
        for task in lesson.tasks {
            let before = TaskContext(sandbox: shell.world, callerAccessKey: shell.currentAccessKeyID, outcomes: [])
            #expect(!CheckEvaluator.unmet(task, in: before).isEmpty, "task \(task.id) is already done before any command")
            var outcomes: [ShellOutcome] = []
            for command in task.solution {
                let outcome = shell.run(command)
                outcomes.append(outcome)
            }
            let context = TaskContext(sandbox: shell.world, callerAccessKey: shell.currentAccessKeyID, outcomes: outcomes)
            let unmet = CheckEvaluator.unmet(task, in: context)
            let transcript = zip(task.solution, outcomes).map { "$ \($0)\n\($1.stdout)\($1.stderr)" }.joined()
            #expect(unmet.isEmpty, "task \(task.id) at \(task.location): still unmet: \(unmet.map(\.source))\n\(transcript)")
        }
    }
}
