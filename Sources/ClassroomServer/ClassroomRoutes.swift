import Classroom
import Foundation
import Hummingbird

/// The class server's HTTP surface. Learners' `rolecall` uses `/api/join` and `/api/me/…` (its records, the
/// instructor's messages, the class exam's paper and marks) with its own bearer token; the instructor's browser uses `/classes/NAME` (the dashboard), its live feed and its actions, with the
/// instructor token (as a bearer token, or once in `?token=` which becomes an HTTP-only cookie).
public enum ClassroomRoutes {
    /// Limits on what one request may send: a learner's batch of records, and everything else.
    static let recordsLimit = 2 * 1024 * 1024
    static let smallLimit = 16 * 1024
    /// A comment line on the live feed this often, so proxies and browsers keep the connection.
    public static let heartbeatSeconds: UInt64 = 15

    public static func router(hub: ClassHub, heartbeat: UInt64 = heartbeatSeconds) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: NoSuchRoute())
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/") { _, _ in
            html("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>RoleCall classroom</title></head>
            <body><main><h1>RoleCall classroom</h1><p>Open your class's dashboard with the link
            <code>rolecall-classroom create</code> printed.</p></main></body></html>
            """)
        }

        // Learners.
        router.post("/api/join") { request, _ in
            await respond {
                let body = try await jsonBody(request, limit: smallLimit, as: JoinRequest.self)
                let joined = try await hub.join(code: body.code, learner: body.learner)
                return try json(JoinResponse(className: joined.record.name, learner: joined.learner.name, token: joined.token, nextSeq: 1),
                                status: .created)
            }
        }
        router.get("/api/me") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                return try json(Position(learner: learner.name, nextSeq: try await hub.nextSeq(of: learner)))
            }
        }
        router.post("/api/me/events") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                let data = try await body(request, limit: recordsLimit)
                let outcome = try await hub.ingest(data, from: learner)
                return try json(IngestResponse(accepted: outcome.accepted.count, duplicates: outcome.duplicates, nextSeq: outcome.nextSeq))
            }
        }
        router.get("/api/me/broadcasts") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
                return try json(try await hub.broadcasts(for: learner, after: after))
            }
        }

        router.get("/api/me/class") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
                return try json(try await hub.news(for: learner, after: after))
            }
        }
        router.post("/api/me/exam") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                return try json(try await hub.sitExam(learner))
            }
        }
        router.get("/api/me/exam/result") { request, _ in
            await respond {
                let learner = try await hub.learner(token: bearer(request))
                return try json(try await hub.examResult(learner))
            }
        }

        // The instructor.
        router.get("/classes/:name") { request, context in
            await respond {
                let name = try className(context)
                if let token = request.uri.queryParameters.get("token") {
                    // The token leaves the address bar (and the browser's history) at once, for a cookie.
                    let record = try await hub.instructorClass(named: name, token: token)
                    var response = Response(status: .seeOther, headers: [.location: "/classes/" + percentEncoded(record.name)])
                    response.setCookie(Cookie(name: cookieName, value: token, path: "/classes/" + percentEncoded(record.name), httpOnly: true, sameSite: .lax))
                    return response
                }
                let record = try await hub.instructorClass(named: name, token: instructorToken(request))
                return html(Dashboard.page(try await hub.snapshot(of: record)))
            }
        }
        router.get("/classes/:name/snapshot") { request, context in
            await respond {
                let record = try await hub.instructorClass(named: try className(context), token: instructorToken(request))
                return try json(try await hub.snapshot(of: record))
            }
        }
        router.get("/classes/:name/live") { request, context in
            await respond {
                let record = try await hub.instructorClass(named: try className(context), token: instructorToken(request))
                let updates = await hub.updates(of: record)
                let first = try await hub.snapshot(of: record)
                return LiveFeed.response(first: first, updates: updates, heartbeat: heartbeat)
            }
        }
        router.get("/classes/:name/learners/:learner") { request, context in
            await respond {
                let record = try await hub.instructorClass(named: try className(context), token: instructorToken(request))
                let raw = try context.parameters.require("learner")
                let detail = try await hub.detail(of: raw.removingPercentEncoding ?? raw, in: record)
                if request.headers[.accept]?.contains("application/json") == true { return try json(detail) }
                return html(Dashboard.learnerPage(detail, className: record.name))
            }
        }
        router.post("/classes/:name/broadcasts") { request, context in
            await respond {
                let record = try await hub.instructorClass(named: try className(context), token: instructorToken(request))
                let body = try await jsonBody(request, limit: smallLimit, as: BroadcastRequest.self)
                return try json(try await hub.broadcast(body.text, to: record), status: .created)
            }
        }
        router.post("/classes/:name/lessons") { request, context in
            await respond {
                let record = try await hub.instructorClass(named: try className(context), token: instructorToken(request))
                let body = try await jsonBody(request, limit: smallLimit, as: OpenThroughRequest.self)
                try await hub.setOpenThrough(body.openThrough, in: record)
                return try json(body)
            }
        }
        return router
    }

    static let cookieName = "rolecall_instructor"

    /// The class named in the path, percent-decoded ("Tuesday%20lab" is "Tuesday lab").
    static func className(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }

    struct JoinRequest: Decodable { var code: String; var learner: String }
    struct JoinResponse: Codable { var className: String; var learner: String; var token: String; var nextSeq: Int }
    struct Position: Codable { var learner: String; var nextSeq: Int }
    struct IngestResponse: Codable { var accepted: Int; var duplicates: Int; var nextSeq: Int }
    struct BroadcastRequest: Decodable { var text: String }
    /// `{"openThrough": "lesson-id"}`, or `{"openThrough": null}` for every lesson.
    struct OpenThroughRequest: Codable { var openThrough: String? }
    struct ErrorResponse: Codable { var error: String; var nextSeq: Int? }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    static func instructorToken(_ request: Request) -> String? {
        bearer(request) ?? request.cookies[cookieName]?.value
    }

    static func body(_ request: Request, limit: Int) async throws -> Data {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch {
            throw ClassroomFailure.badRequest("the request is larger than \(limit) bytes")
        }
    }

    static func jsonBody<T: Decodable>(_ request: Request, limit: Int, as type: T.Type) async throws -> T {
        let data = try await body(request, limit: limit)
        guard let value = try? JSONDecoder().decode(T.self, from: data) else {
            throw ClassroomFailure.badRequest("the request body is not the JSON this call takes")
        }
        return value
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                        .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A class or learner name as one segment of a path.
    public static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }

    /// Runs a handler and turns a failure into its status and a JSON `{"error": …}` body: the one place
    /// classroom failures meet HTTP.
    static func respond(_ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch {
            let failure = ClassroomFailure.from(error)
            let status: HTTPResponse.Status = switch failure {
            case .unauthorized: .unauthorized
            case .notFound: .notFound
            case .joinCodeExpired, .examOver: .gone
            case .nameTaken, .classNameTaken: .conflict
            case .badRequest: .badRequest
            case .refused: .conflict
            case .unavailable: .serviceUnavailable
            case .tooManyRequests: .tooManyRequests
            }
            var nextSeq: Int?
            if case .refused(_, let next) = failure { nextSeq = next }
            return (try? json(ErrorResponse(error: failure.description, nextSeq: nextSeq), status: status))
                ?? Response(status: .internalServerError)
        }
    }
}

/// An address the server does not serve is a JSON error like every other (Hummingbird answers it with an empty
/// body), so a client reads every refusal one way.
struct NoSuchRoute: RouterMiddleware {
    func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            return try ClassroomRoutes.json(ClassroomRoutes.ErrorResponse(error: "no such address: \(request.method) \(request.uri.path)"), status: .notFound)
        }
    }
}

/// The dashboard's live feed as server-sent events: a snapshot first, then every update as it happens, and a
/// comment line as a heartbeat.
enum LiveFeed {
    static func response(first: ClassHub.Snapshot, updates: AsyncStream<DashboardUpdate>, heartbeat: UInt64) -> Response {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(2000))
        continuation.yield(event("snapshot", first))
        let forward = Task {
            for await update in updates {
                switch update {
                case .learner(let row): continuation.yield(event("learner", row))
                case .answers(let distribution): continuation.yield(event("answers", distribution))
                case .denials(let group): continuation.yield(event("denials", group))
                case .broadcast(let message): continuation.yield(event("broadcast", message))
                }
            }
            continuation.finish()
        }
        let beat = Task {
            while !Task.isCancelled {
                try await Task.sleep(nanoseconds: heartbeat * 1_000_000_000)
                continuation.yield(": heartbeat\n\n")
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: .init { writer in
                defer { forward.cancel(); beat.cancel() }
                for await line in lines { try await writer.write(ByteBuffer(string: line)) }
                try await writer.finish(nil)
            })
    }

    static func event<T: Encodable>(_ name: String, _ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return "event: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }
}
