import AWSWire
import EndpointCore
import Foundation
import LineEditing
import SessionLoop
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP side of `endpoint on` (in the tutor and in `rolecall sandbox`): `rolecall-endpoint --relay-fd 3`
/// started beside this program, with one end of a socket pair as its descriptor 3. The shell reads requests from
/// the other end while it waits for the learner's next line (`InputWatch`), answers them, and stops the process at
/// `endpoint off` or on leaving. The server ends by itself if this program dies (its end of the socket hangs up).
final class EndpointProcess {
    private(set) var descriptor: Int32?
    private var process: pid_t?

    /// Starts the server on `port` and waits until it listens (or says why it cannot).
    func start(port: Int) -> Relay.Start {
        stop()
        guard let program = Sibling.path("rolecall-endpoint") else {
            return .failed(Sibling.missing("rolecall-endpoint"))
        }
        // A write to a server that has just died must be an error to handle, not a signal that ends the tutor.
        signal(SIGPIPE, SIG_IGN)
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            return .failed("no socket for the endpoint: \(String(cString: strerror(errno)))")
        }
        let (mine, theirs) = (pair[0], pair[1])
        _ = fcntl(mine, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, theirs, 3)
        // The tutor's own files (progress, transcript, its lock) are opened close-on-exec, so they stay behind.
        // The server's own output would land in the middle of the learner's screen; what matters comes back as frames.
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let arguments = [program, "--relay-fd", "3", "--host", "127.0.0.1", "--port", String(port)]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // A process group of its own: a Ctrl-C typed while a command runs (the terminal then sends SIGINT to the
        // whole foreground group) stops that command, not the endpoint, which stops only at `endpoint off`.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, &attributes, argv, environ)
        close(theirs)
        guard spawned == 0 else {
            close(mine)
            return .failed("could not start \(program): \(String(cString: strerror(spawned)))")
        }
        process = child
        descriptor = mine
        var ready = pollfd(fd: mine, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 15_000) > 0, let frame = Relay.receive(from: mine), let start = Relay.start(head: frame.head) else {
            stop()
            return .failed("the endpoint did not start")
        }
        if case .failed = start { stop() }
        return start
    }

    func stop() {
        if let descriptor { close(descriptor) }
        descriptor = nil
        if let process {
            kill(process, SIGTERM)
            var status: Int32 = 0
            waitpid(process, &status, 0)
        }
        process = nil
    }

    deinit { stop() }
}

/// A shell that can serve its sandbox through the endpoint: the tutor, and `rolecall sandbox`.
protocol EndpointSession {
    mutating func takeEndpointAction() -> EndpointAction?
    mutating func endpointStarted(port: Int) -> String
    mutating func endpointStopped(_ problem: String?) -> String
    mutating func serveEndpoint(_ request: SigV4.Request, now: Date) -> (reply: EndpointCore.Reply, text: String, changed: Bool)
}

extension EndpointProcess {
    /// After each reply: does what the learner asked (`endpoint on`/`off`) and says so.
    func follow<Session: EndpointSession>(_ session: inout Session) {
        let said: String
        switch session.takeEndpointAction() {
        case .start(let port)?:
            switch start(port: port) {
            case .listening(let bound): said = session.endpointStarted(port: bound)
            case .failed(let problem): said = session.endpointStopped(problem)
            }
        case .stop?:
            stop()
            said = session.endpointStopped(nil)
        case .show?, nil:
            said = ""
        }
        if !said.isEmpty { FileHandle.standardOutput.write(Data(said.utf8)) }
    }

    /// The reader's watch on the relay: each request read, served by the session, answered, and its note returned
    /// for above the prompt; `served` hears whether the session changed (to save it). When the server is gone, the
    /// session says so.
    func attach<Session: EndpointSession>(to reader: LineReader, session: @escaping () -> Session, update: @escaping (Session) -> Void,
                                          served: @escaping (Bool) -> Void) {
        reader.watch = InputWatch(descriptor: { [unowned self] in descriptor }) { [unowned self] in
            var current = session()
            guard let descriptor, let frame = Relay.receive(from: descriptor), let request = Relay.request(head: frame.head, body: frame.body) else {
                stop()
                let said = current.endpointStopped("its process ended")
                update(current)
                return said
            }
            let answer = current.serveEndpoint(request, now: Date())
            _ = Relay.send(Relay.reply(answer.reply), to: descriptor)
            // The session is handed back before `served` saves and logs it, and not touched after: what `served`
            // takes from it (the events it logs) stays taken.
            update(current)
            served(answer.changed)
            return answer.text
        }
    }
}
