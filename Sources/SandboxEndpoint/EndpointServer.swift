import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The endpoint over HTTP: every request, whatever its path, goes to the sandbox as it arrived. Bodies over 10 MiB
/// are refused; the server stops gracefully on SIGTERM or SIGINT.
public enum EndpointServer {
    public static let bodyLimit = 10 * 1024 * 1024

    public static func run(endpoint: SandboxEndpoint, host: String, port: Int, onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "rolecall-endpoint")
        logger.logLevel = .warning
        let router = Router(context: BasicRequestContext.self)
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: bodyLimit)
            } catch {
                return Response(status: .contentTooLarge, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "The request is larger than \(bodyLimit) bytes.\n")))
            }
            // HTTP/1.1's Host header arrives as the request's authority; it is signed as `host`.
            var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            if !headers.contains(where: { $0.name.lowercased() == "host" }), let authority = request.head.authority {
                headers.append((name: "host", value: authority))
            }
            let wire = SigV4.Request(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                     headers: headers, body: Array(body.readableBytesView))
            let reply = await endpoint.handle(wire)
            var fields: HTTPFields = [.contentType: reply.contentType]
            for (name, value) in reply.headers {
                if let field = HTTPField.Name(name) { fields[field] = value }
            }
            return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        router.on("/", method: .post, use: handler)
        router.on("/", method: .get, use: handler)
        router.on("**", method: .post, use: handler)
        router.on("**", method: .get, use: handler)
        // IMDSv2's token and Lambda's updates are PUTs; Lambda deletes with DELETE.
        router.on("**", method: .put, use: handler)
        router.on("**", method: .delete, use: handler)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "rolecall-endpoint"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
