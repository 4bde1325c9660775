import Classroom
import Hummingbird
import Logging

/// Runs the class server until SIGTERM or SIGINT, then stops gracefully: open requests finish, live feeds close.
public enum ClassroomServer {
    public static func run(hub: ClassHub, host: String, port: Int, heartbeat: UInt64 = ClassroomRoutes.heartbeatSeconds,
                           onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "rolecall-classroom")
        logger.logLevel = .warning
        let app = Application(
            router: ClassroomRoutes.router(hub: hub, heartbeat: heartbeat),
            configuration: .init(address: .hostname(host, port: port), serverName: "rolecall-classroom"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        let following = Task { await hub.followOtherProcesses() }
        let ticking = Task {
            while !Task.isCancelled {
                try await Task.sleep(nanoseconds: 5_000_000_000)
                await hub.refreshStuckFlags()
                await hub.refreshExams()
            }
        }
        defer {
            following.cancel()
            ticking.cancel()
        }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
