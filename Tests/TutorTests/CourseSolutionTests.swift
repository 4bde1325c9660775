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

    /// A task's decoys (commands that look like a solution but miss the goal: a broad managed policy where the
    /// goal is narrow, a command run locally instead of on the instance) must leave its checks unmet, run from
    /// where the solution would start. Each of these once passed.
    @Test(arguments: lessonIDs)
    func decoysDoNotPass(lessonID: String) throws {
        let lesson = try #require(Self.course.lesson(withID: lessonID))
        var shell = SandboxShell(state: SeedApplier.startingState(for: lesson))
        for task in lesson.tasks {
            for decoy in task.decoys {
                var trial = shell
                let outcomes = decoy.map { trial.run($0) }
                // A decoy that fails to run proves nothing: it must be a plausible attempt that works as a command.
                // Where the goal is to see a refusal, a refusal of the wrong call is the near miss.
                let goalIsARefusal = task.checks.contains { if case .lastCommandFailed = $0.condition { true } else { false } }
                #expect(goalIsARefusal || outcomes.allSatisfy { $0.exitCode == 0 }, "a decoy of \(task.id) does not run: \(outcomes.map(\.stderr))")
                let context = TaskContext(sandbox: trial.world, callerAccessKey: trial.currentAccessKeyID, outcomes: outcomes)
                #expect(!CheckEvaluator.unmet(task, in: context).isEmpty, "a decoy of \(task.id) passed its checks: \(decoy)")
            }
            for command in task.solution { _ = shell.run(command) }
        }
    }

    @Test func theShippedCourseHasDecoys() {
        let decoys = Self.course.lessons.flatMap(\.tasks).flatMap(\.decoys)
        #expect(decoys.count >= 50, "the decoys written so far: none may be lost in an edit")
    }
}

/// The course's `console` examples are run in their lesson's sandbox, in lesson order (with the tasks before them
/// solved), and must print what the lesson shows, so an example can never drift from what a learner sees. `…`
/// in a shown line stands for any text; lines the example leaves out may appear in between. A block marked
/// ```` ```console illustrative ```` (a real instance, placeholders to fill in) is shown but not run.
@Suite struct ConsoleExampleTests {
    struct Example {
        var command: String
        var expected: [String]
    }

    static func examples(in text: String) -> [Example] {
        var examples: [Example] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("$ ") {
                examples.append(Example(command: String(line.dropFirst(2)), expected: []))
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty, !examples.isEmpty {
                examples[examples.count - 1].expected.append(line)
            }
        }
        return examples
    }

    /// `…` matches any text; the pieces between must appear in order, anchored at both ends.
    static func line(_ actual: String, matches shown: String) -> Bool {
        let pieces = shown.components(separatedBy: "…")
        guard pieces.count > 1 else { return actual == shown }
        guard actual.hasPrefix(pieces[0]), actual.hasSuffix(pieces[pieces.count - 1]) else { return false }
        var rest = Substring(actual.dropFirst(pieces[0].count))
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= pieces[pieces.count - 1].count
    }

    @Test(arguments: CourseSolutionTests.lessonIDs)
    func consoleExamplesPrintWhatTheSandboxPrints(lessonID: String) throws {
        let lesson = try #require(CourseSolutionTests.course.lesson(withID: lessonID))
        var shell = SandboxShell(state: SeedApplier.startingState(for: lesson))
        for step in lesson.steps {
            for block in step.content {
                guard case .code(let info, let text) = block, info == "console" else { continue }
                for example in Self.examples(in: text) {
                    let outcome = shell.run(example.command)
                    let actual = (outcome.stdout + outcome.stderr).split(separator: "\n").map(String.init)
                    if example.expected.isEmpty {
                        #expect(outcome.exitCode == 0, "\(lessonID), step '\(step.title)': $ \(example.command)\n\(outcome.stderr)")
                        continue
                    }
                    var remaining = actual[...]
                    for shown in example.expected {
                        guard let index = remaining.firstIndex(where: { Self.line($0, matches: shown) }) else {
                            Issue.record("\(lessonID), step '\(step.title)': $ \(example.command)\nshown:   \(shown)\nprinted:\n\(actual.joined(separator: "\n"))")
                            break
                        }
                        remaining = remaining[(index + 1)...]
                    }
                }
            }
            if let task = step.task {
                for command in task.solution { _ = shell.run(command) }
            }
        }
    }
}
