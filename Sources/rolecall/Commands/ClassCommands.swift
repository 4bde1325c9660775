import ArgumentParser
import ClassLink
import Foundation
import SavedFiles

/// `rolecall join URL CODE`: joins a class once; from then on every session sends its events to the class.
struct JoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join a class: from then on your answers and commands are sent to your instructor as you work.")

    @Argument(help: "The class server's address, e.g. http://10.0.0.5:8080.")
    var server: String
    @Argument(help: "The join code your instructor gave you, e.g. K7QF-M2XP.")
    var code: String
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        let folder = learnerOptions.store.directory
        // Joining again from the same machine is not a new learner: say where they are, and send what waits.
        if let joined = ClassMembership.load(from: folder), joined.server == ClassMembership.normalizedServer(server) {
            let sync = ClassSync(membership: joined, learnerFolder: folder, transcriptPath: folder + "/transcript.jsonl")
            sync.finish(waitingAtMost: 10)
            for notice in sync.takeNotices() { print(notice) }
            print("\(joined.learner) is already in \"\(joined.className)\" at \(joined.server); your work goes there as you go. Start with: rolecall")
            return
        }
        let membership: ClassMembership
        switch ClassMembership.join(server: server, code: code, learner: learnerOptions.learnerName) {
        case .success(let joined): membership = joined
        case .failure(.badAddress(let address)):
            throw RoleCallFailure(.badArgument, LinkFailure.badAddress(address).description)
        case .failure(.refused(let status, let message)) where (400..<500).contains(status):
            // A wrong or expired code, a name taken: the learner's input, not the network.
            throw RoleCallFailure(.badArgument, "could not join: \(LinkFailure.refused(status: status, message: message))")
        case .failure(let failure):
            throw RoleCallFailure(.unavailable, "could not join: \(failure)")
        }
        do throws(SaveFailure) {
            try membership.save(in: folder)
        } catch {
            throw RoleCallFailure(.cannotWrite, error.message)
        }
        // What this learner did before joining goes to the class straight away.
        let sync = ClassSync(membership: membership, learnerFolder: folder, transcriptPath: folder + "/transcript.jsonl")
        sync.finish(waitingAtMost: 10)
        for notice in sync.takeNotices() { print(notice) }
        print("""
        Joined "\(membership.className)" as \(membership.learner).
        From now on your answers and commands are sent to the class as you work (never your keystrokes);
        when the server cannot be reached, your work waits here and is sent later. Start with: rolecall
        """)
    }
}

/// The learner's connection to their class, if they joined one.
enum ClassConnection {
    static func open(_ options: LearnerOptions) -> ClassSync? {
        let folder = options.store.directory
        guard let membership = ClassMembership.load(from: folder) else { return nil }
        return ClassSync(membership: membership, learnerFolder: folder, transcriptPath: folder + "/transcript.jsonl")
    }

    /// Prints what the connection has to say (offline, back, a message from the instructor) before a prompt.
    static func showNotices(of sync: ClassSync?) {
        guard let notices = sync?.takeNotices(), !notices.isEmpty else { return }
        FileHandle.standardOutput.write(Data(notices.map { "[class] " + $0 + "\n" }.joined().utf8))
    }
}

/// `rolecall classroom …`: the instructor's program, `rolecall-classroom`, installed beside `rolecall`.
struct ClassroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classroom",
        abstract: "Run a class (create, serve): the same as rolecall-classroom.")

    @Argument(parsing: .captureForPassthrough, help: "What to pass to rolecall-classroom.")
    var arguments: [String] = []

    func run() throws {
        try Sibling.exec("rolecall-classroom", arguments)
    }
}

/// `rolecall serve`: the learner's own sandbox served over HTTP for their aws CLI and SDKs, by `rolecall-endpoint`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve your sandbox over HTTP to your own aws CLI, boto3 and SDKs, every request authorized by the policy engine.")

    @Option(help: ArgumentHelp("The sandbox state file (default: your own sandbox, as rolecall sandbox uses).", valueName: "file"))
    var state: String?
    @Option(help: "The address to listen on; 127.0.0.1 keeps the sandbox to this machine.")
    var host: String = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed).")
    var port: Int = 4566
    @OptionGroup var learnerOptions: LearnerOptions

    func run() throws {
        // The learner's own sandbox may not have a folder yet; a --state file's folder must already exist.
        if state == nil { try? FileManager.default.createDirectory(atPath: learnerOptions.store.directory, withIntermediateDirectories: true) }
        try Sibling.exec("rolecall-endpoint", ["--state", state ?? learnerOptions.sandboxPath, "--host", host, "--port", String(port)])
    }
}

/// The programs installed beside `rolecall` that carry a server stack it does not link.
enum Sibling {
    /// The program installed beside this one, if it is there.
    static func path(_ name: String) -> String? {
        let sibling = URL(fileURLWithPath: ExecutablePath.current).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : nil
    }

    /// Why a sibling program cannot be run, with the command that builds it where this `rolecall` was built.
    static func missing(_ name: String) -> String {
        let release = ExecutablePath.current.contains("/release/")
        return "\(name) is not built yet; build it once with: swift build\(release ? " -c release" : "") --product \(name)"
    }

    static func exec(_ name: String, _ arguments: [String]) throws -> Never {
        guard let sibling = path(name) else { throw RoleCallFailure(.unavailable, missing(name)) }
        let argv = ([sibling] + arguments).map { strdup($0) } + [nil]
        execv(sibling, argv)
        throw RoleCallFailure(.unavailable, "could not start \(sibling): \(String(cString: strerror(errno)))")
    }
}
