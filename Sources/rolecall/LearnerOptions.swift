import ArgumentParser
import Foundation
import SavedFiles
import Tutor

/// Who is learning and where their files live: `--learner NAME` (default: the login name) and `--data-dir DIR`
/// (default: `$XDG_DATA_HOME/rolecall` or `~/.local/share/rolecall`).
struct LearnerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Whose progress to use; several learners can share a machine.", valueName: "name"))
    var learner: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where progress is saved.", valueName: "dir"))
    var dataDirectory: String?

    var learnerName: String {
        if let learner, !learner.isEmpty { return learner }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "learner"
    }

    var store: ProgressStore {
        ProgressStore(dataDirectory: dataDirectory ?? ProgressStore.defaultDataDirectory(), learner: learnerName)
    }

    /// The learner's free-play sandbox, shared by `rolecall sandbox` and `rolecall aws`.
    var sandboxPath: String { store.directory + "/sandbox.json" }

    /// One writer per learner: the tutor and the exam hold this while they run, so a second terminal is told so
    /// instead of forking the transcript or overwriting the first one's progress.
    func lock() throws -> LearnerLock {
        do throws(LearnerLock.Failure) {
            return try LearnerLock.acquire(in: store.directory)
        } catch {
            switch error {
            case .held(let owner):
                let process = owner.map { " (process \($0))" } ?? ""
                throw RoleCallFailure(.busy, "RoleCall is already open for learner '\(learnerName)' in another terminal\(process). Leave it there with 'quit', or continue in that terminal; one learner's progress has one writer at a time.")
            case .unwritable(let failure):
                throw RoleCallFailure(.cannotWrite, "cannot use the data folder \(store.directory): \(failure.reason). Choose another with --data-dir.")
            }
        }
    }
}
