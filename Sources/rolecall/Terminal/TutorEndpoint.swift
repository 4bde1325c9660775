import EndpointCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP side of the tutor's `endpoint on`: `rolecall-endpoint --relay-fd 3` started beside this program, with
/// one end of a socket pair as its descriptor 3. The tutor reads requests from the other end while it waits for
/// the learner's next line (`InputWatch`), answers them, and stops the process at `endpoint off` or on leaving.
/// The server ends by itself if the tutor dies (its end of the socket hangs up).
final class TutorEndpoint {
    private(set) var descriptor: Int32?
    private var process: pid_t?

    /// Starts the server on `port` and waits until it listens (or says why it cannot).
    func start(port: Int) -> Relay.Start {
        stop()
        guard let program = Sibling.path("rolecall-endpoint") else {
            return .failed("rolecall-endpoint is not installed beside rolecall (build it with: swift build --product rolecall-endpoint)")
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
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, nil, argv, environ)
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
