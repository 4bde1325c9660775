import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL the class tests use: `$ROLECALL_TEST_POSTGRES` (a URL whose user may create databases), else
/// the one `.ci/run` starts, `postgres://rolecall:rolecall@127.0.0.1:5432/rolecall_test`. Each test gets a database
/// of its own. Where none can be reached, the PostgreSQL tests are skipped and say so.
public enum PostgresTest {
    public static let url = ProcessInfo.processInfo.environment["ROLECALL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "postgres://rolecall:rolecall@127.0.0.1:5432/rolecall_test"

    public static let skipReason = "no PostgreSQL at \(url) (set ROLECALL_TEST_POSTGRES); the PostgreSQL half of the class tests is skipped"

    /// Whether the server answers on its port (checked once).
    public static let available: Bool = {
        guard let components = URLComponents(string: url), let host = components.host else { return false }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(components.port ?? 5432).bigEndian)
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }()

    /// A new, empty database; returns its URL.
    public static func freshDatabase() async throws -> String {
        guard var components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw URLError(.badURL)
        }
        let name = "rolecall_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        var logger = Logger(label: "rolecall-test-postgres")
        logger.logLevel = .critical
        let configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                         password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            group.cancelAll()
        }
        components.path = "/" + name
        return components.string!
    }
}
