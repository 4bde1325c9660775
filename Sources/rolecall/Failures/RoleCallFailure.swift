import SavedFiles

/// RoleCall's own runtime failures, as opposed to usage errors (a mistyped flag), which ArgumentParser reports
/// with the usage text and status 64. Each kind has its sysexits status, listed in the README, and every one is
/// printed by `RoleCall.main` alone, as `rolecall: message`.
struct RoleCallFailure: Error, Equatable {
    enum Kind: Equatable {
        /// A value given on the command line names nothing that exists (a lesson id): EX_USAGE, 64.
        case badArgument
        /// Input that exists but is wrong (a course with errors, an unreadable answer key): EX_DATAERR, 65.
        case dataError
        /// A file or folder named on the command line does not exist or cannot be read: EX_NOINPUT, 66.
        case noInput
        /// Another process holds what this one needs (the learner's lock): EX_TEMPFAIL, 75.
        case busy
        /// A file could not be written: EX_CANTCREAT, 73.
        case cannotWrite
        /// A service RoleCall needs did not do it (the class server unreachable or refusing): EX_UNAVAILABLE, 69.
        case unavailable
    }

    let kind: Kind
    let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var exitStatus: Int32 {
        switch kind {
        case .badArgument: return 64
        case .dataError: return 65
        case .noInput: return 66
        case .cannotWrite: return 73
        case .unavailable: return 69
        case .busy: return 75
        }
    }

    static func cannotSave(_ failure: SaveFailure) -> RoleCallFailure {
        RoleCallFailure(.cannotWrite, failure.message)
    }

    /// Leaving a session whose last save failed: what was done since the last good save is not kept.
    static func unsavedAtExit(_ failure: SaveFailure) -> RoleCallFailure {
        RoleCallFailure(.cannotWrite, "what you did since the last good save is not in \(failure.path) (\(failure.reason)). Once that is put right, run rolecall again.")
    }
}
