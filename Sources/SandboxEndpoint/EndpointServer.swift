import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Listening
import Logging
import NIOCore
import NIOHTTPTypes

/// The endpoint over HTTP: every request, whatever its path, goes to the sandbox as it arrived. Bodies over 10 MiB
/// are refused; the server stops gracefully on SIGTERM or SIGINT.
public enum EndpointServer {
    public static let bodyLimit = 10 * 1024 * 1024

    /// Why the server could not listen, in the learner's words rather than the socket layer's.
    public static func problem(listeningOn host: String, port: Int, _ error: any Error) -> String {
        ListenProblem.describe(host: host, port: port, error, what: "another endpoint")
    }

    public static func run(endpoint: SandboxEndpoint, host: String, port: Int, onRunning: @escaping @Sendable (Int) -> Void) async throws {
        try await run(host: host, port: port, onRunning: onRunning) { await endpoint.handle($0) }
    }

    /// Serves whatever answers the requests: a sandbox file's endpoint, or the tutor at the end of a relay.
    public static func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) -> Void,
                           answer: @escaping @Sendable (SigV4.Request) async -> SandboxEndpoint.Reply) async throws {
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
            let reply = await answer(wire)
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
        // IMDSv2's token, Lambda's updates and S3's uploads are PUTs; Lambda and S3 delete with DELETE; S3 asks
        // whether a bucket or an object is there with HEAD.
        for method in [HTTPRequest.Method.put, .delete, .head] {
            router.on("/", method: method, use: handler)
            router.on("**", method: method, use: handler)
        }
        let app = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler()])),
            configuration: .init(address: .hostname(host, port: port), serverName: "rolecall-endpoint"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// Answers `Expect: 100-continue` at once: the SDKs send an upload's body only after it (or after waiting a second
/// for it), so without it every PutObject would take a second longer.
final class ContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data), head.headerFields[.expect]?.lowercased() == "100-continue" {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }
}
