import ClassLink
import ClassroomTesting
import Classroom
import ClassroomServer
import ClassroomStore
import Foundation
import Testing
import Transcripts

/// A class server on a free loopback port with a real SQLite file, for the length of a test: the real
/// `rolecall-classroom serve` in a process of its own (in this process it would share the test runner's few
/// threads with every other test, and wait for them), and a hub on the same file for making classes.
final class TestServer: @unchecked Sendable {
    let hub: ClassHub
    let databasePath: String
    let port: Int
    private let process = Process()

    static var binary: URL {
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("rolecall-classroom")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/rolecall-classroom")
    }

    init(database: String = TestServer.newDatabase(), heartbeat: Int = 15) async throws {
        databasePath = database
        hub = ClassHub(store: try await ClassroomStores.open(database))
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-serve-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--db", database, "--port", "0", "--heartbeat", String(heartbeat), "--course", Self.course]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"(?<=on http://)127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
               let bound = Int(text[range].split(separator: ":")[1]) {
                port = bound
                return
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        process.terminate()
        throw ClassroomFailure.unavailable("the server did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }

    func stop() async {
        process.terminate()
        process.waitUntilExit()
    }

    /// However a test ends, its server does not outlive it.
    deinit {
        if process.isRunning { process.terminate() }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/course").path

    static func newDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-server-\(UUID().uuidString)/class.sqlite").path
    }

    /// A new database on the backend: an SQLite file, or a PostgreSQL database of its own.
    static func newDatabase(_ backend: Backend) async throws -> String {
        backend == .sqlite ? newDatabase() : try await PostgresTest.freshDatabase()
    }

    /// A class on the fixture course, with its instructor token.
    func makeClass(_ name: String = "Tuesday", joinValidFor seconds: Int64 = 3600) async throws -> ClassHub.NewClass {
        try await hub.createClass(name: name, coursePath: Self.course, joinValidFor: seconds)
    }

    /// An HTTP request on another thread (libcurl blocks), leaving the test runner's threads to other tests.
    func request(_ method: String, _ path: String, token: String? = nil, headers: [String] = [], body: Data? = nil) async -> HTTPReply {
        let url = base + path
        let allHeaders = headers + (token.map { ["Authorization: Bearer " + $0] } ?? [])
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                switch HTTPRequest.send(method, url, headers: allHeaders, body: body, timeoutMilliseconds: 10_000) {
                case .success(let reply): continuation.resume(returning: reply)
                case .failure(let failure): continuation.resume(returning: HTTPReply(status: 0, body: Data(failure.description.utf8)))
                }
            }
        }
    }

    func json(_ reply: HTTPReply) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] ?? [:]
    }

    /// Joins over HTTP; returns the learner's token.
    func join(_ code: String, as learner: String) async throws -> String {
        let reply = await request("POST", "/api/join", headers: ["Content-Type: application/json"],
                                  body: try JSONSerialization.data(withJSONObject: ["code": code, "learner": learner]))
        guard reply.status == 201, let token = json(reply)["token"] as? String else {
            throw ClassroomFailure.badRequest("join failed: \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
        }
        return token
    }
}

/// The class server's two stores; PostgreSQL where one answers.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
    static var available: [Backend] { PostgresTest.available ? allCases : [.sqlite] }
}

/// A learner's transcript lines, as the tutor writes them.
enum LearnerTranscript {
    static func records(_ events: [LearningEvent]) -> [TranscriptRecord] {
        var records: [TranscriptRecord] = []
        for event in events { records.append(TranscriptSigner(secret: nil).record(event, time: "2026-11-30T10:00:00Z", after: records.last)) }
        return records
    }

    static func lines(_ records: some Collection<TranscriptRecord>) -> Data {
        Data(records.map { Intake.encode($0) + "\n" }.joined().utf8)
    }

    static let basics: [LearningEvent] = [
        .sessionStart(learner: "ana"),
        LearningEvent(.stepEntered, lesson: "basics", step: "pick-one"),
        LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "a"),
        LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "b"),
    ]
}

/// Reads a server-sent event stream over a plain socket, as a browser's EventSource does.
final class EventStreamReader: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer = ""

    init(port: Int, path: String, token: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ClassroomFailure.unavailable("cannot connect") }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer \(token)\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
    }

    deinit { close(descriptor) }

    /// Everything received until `predicate` holds for it, or nil after `seconds`.
    func read(until predicate: (String) -> Bool, seconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            if predicate(buffer) { return buffer }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count > 0 { buffer += String(decoding: chunk[0..<count], as: UTF8.self) } else if count == 0 { break }
        }
        return predicate(buffer) ? buffer : nil
    }
}
