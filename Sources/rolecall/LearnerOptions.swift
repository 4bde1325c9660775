import ArgumentParser
import Foundation
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
}
