import Foundation
import Lessons
import Rendering
import Transcripts

/// Simulated learners streaming to a real `rolecall-classroom serve` (release build, SQLite) on loopback: every
/// learner joins, then the class works through the course in rounds where everyone answers at once (the burst a
/// class makes when the instructor says "now answer question 3"), one event per request as the tutor sends them.
/// A dashboard listens to the live feed meanwhile. Prints, per run and as min / median / max over the runs: events
/// taken in per second, the time from sending an event to the dashboard seeing it (p50, p99), events the feed
/// missed, and the server's memory per connected learner. Targets: 5,000 events/s and p99 under 250 ms with 500
/// learners.
@main
struct ClassroomBench {
    static func main() {
        do {
            try run()
        } catch {
            print("classroom-bench: \(error)")
            exit(1)
        }
    }

    static func run() throws {
        let arguments = CommandLine.arguments
        let learners = arguments.count > 1 ? Int(arguments[1]) ?? 500 : 500
        let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
        let courseDirectory = arguments.count > 3 ? arguments[3] : "Lessons"
        // A PostgreSQL database to use instead of an SQLite file (emptied before each run, with psql).
        let postgres = arguments.count > 4 && !arguments[4].isEmpty ? arguments[4] : nil
        guard let course = CourseLoader.load(directory: courseDirectory).course else {
            print("classroom-bench: cannot load the course at \(courseDirectory)")
            exit(1)
        }
        let script = Self.script(course)
        print("classroom: \(learners) learners, \(script.count) events each, \(runs) runs (rolecall-classroom serve, \(postgres == nil ? "SQLite" : "PostgreSQL"), loopback)")
        var results: [Run] = []
        for index in 1...runs {
            let result = try Run.measure(learners: learners, script: script, course: URL(fileURLWithPath: courseDirectory).standardizedFileURL.path,
                                         postgres: postgres)
            print(String(format: "  run %d: %.0f events/s, feed latency p50 %.1f ms, p99 %.1f ms, %d missed by the feed, %.1f KiB per learner",
                         index, result.eventsPerSecond, result.p50 * 1000, result.p99 * 1000, result.missed, result.bytesPerLearner / 1024))
            results.append(result)
        }
        func spread(_ values: [Double], _ format: String) -> String {
            let sorted = values.sorted()
            return String(format: format, sorted.first!, sorted[sorted.count / 2], sorted.last!)
        }
        print("  events/s:            " + spread(results.map(\.eventsPerSecond), "%.0f / %.0f / %.0f  (min / median / max; target ≥ 5000)"))
        print("  feed latency p99:    " + spread(results.map { $0.p99 * 1000 }, "%.1f / %.1f / %.1f ms  (target < 250)"))
        print("  feed latency p50:    " + spread(results.map { $0.p50 * 1000 }, "%.1f / %.1f / %.1f ms"))
        print("  memory per learner:  " + spread(results.map { $0.bytesPerLearner / 1024 }, "%.1f / %.1f / %.1f KiB"))
    }

    /// One learner's session through the course: a wrong answer then the right one to every question, a step
    /// entered before each, and a failing command on every task.
    static func script(_ course: Course) -> [LearningEvent] {
        var events: [LearningEvent] = [.sessionStart(learner: "bench")]
        for lesson in course.lessons {
            events.append(LearningEvent(.lessonEntered, lesson: lesson.id, step: lesson.steps.first?.id))
            for step in lesson.steps {
                events.append(LearningEvent(.stepEntered, lesson: lesson.id, step: step.id))
                switch step.interaction {
                case .question(let question):
                    events.append(LearningEvent(.answer, lesson: lesson.id, step: step.id, item: question.id, input: "zz"))
                    events.append(LearningEvent(.answer, lesson: lesson.id, step: step.id, item: question.id, input: question.answerDescription))
                case .task(let task):
                    events.append(LearningEvent(.command, lesson: lesson.id, step: step.id, item: task.id, input: "aws iam get-role --role-name Nope", exitCode: 254))
                case .none:
                    break
                }
            }
        }
        return events
    }
}

struct Run {
    var eventsPerSecond: Double
    var p50: Double
    var p99: Double
    var missed: Int
    var bytesPerLearner: Double

    static var serverBinary: String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("rolecall-classroom").path
    }

    static func measure(learners: Int, script: [LearningEvent], course: String, postgres: String?) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rolecall-classroom-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var database = folder + "/class.sqlite"
        if let postgres {
            let reset = Process()
            reset.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            reset.arguments = [postgres, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
            reset.standardError = FileHandle.nullDevice
            try reset.run()
            reset.waitUntilExit()
            database = postgres
        }

        let create = Process()
        create.executableURL = URL(fileURLWithPath: serverBinary)
        create.arguments = ["create", "Bench", "--course", course, "--db", database]
        let created = Pipe()
        create.standardOutput = created
        try create.run()
        create.waitUntilExit()
        let announcement = String(decoding: created.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        func find(_ label: String, _ pattern: String) -> String {
            guard let line = announcement.split(separator: "\n").first(where: { $0.hasPrefix(label) }),
                  let range = line.range(of: pattern, options: .regularExpression) else { return "" }
            return String(line[range])
        }
        let code = find("Join code:", "[A-Z0-9]{4}-[A-Z0-9]{4}"), instructor = find("Instructor token", "rci_[A-Za-z0-9_-]+")

        let server = Process()
        server.executableURL = URL(fileURLWithPath: serverBinary)
        server.arguments = ["serve", "--db", database, "--port", "0"]
        let log = folder + "/serve.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var found = 0
        for _ in 0..<500 where found == 0 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"(?<=on http://)127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { found = Int(text[range].split(separator: ":")[1]) ?? 0 }
            Thread.sleep(forTimeInterval: 0.01)
        }
        guard found > 0 else { throw Connection.Failure.closed }
        let port = found

        let baseline = rss(server.processIdentifier)
        // Everyone joins.
        let joining = try Connection(port: port)
        var joined: [String] = []
        for index in 0..<learners {
            var reply = Data()
            for _ in 0..<100 {
                reply = try joining.request("POST", "/api/join", body: Data(#"{"code":"\#(code)","learner":"learner-\#(index)"}"#.utf8))
                // Joining is limited to so many a second for the whole class: wait, as `rolecall join` does.
                guard String(decoding: reply, as: UTF8.self).contains("too many requests") else { break }
                Thread.sleep(forTimeInterval: 0.2)
            }
            guard let object = try? JSONSerialization.jsonObject(with: reply) as? [String: Any], let token = object["token"] as? String else {
                throw Connection.Failure.refused(String(decoding: reply, as: UTF8.self))
            }
            joined.append(token)
        }
        let tokens = joined

        // The records each learner will send: the same session, each chained on its own.
        let lines: [[Data]] = (0..<learners).map { _ in
            var last: TranscriptRecord?
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return script.map { event in
                let record = TranscriptSigner(secret: nil).record(event, time: "2026-11-30T10:00:00Z", after: last)
                last = record
                return (try! encoder.encode(record)) + Data("\n".utf8)
            }
        }

        // The dashboard: when each learner's n-th event reached it.
        let feed = FeedListener(port: port, token: instructor, className: "Bench")
        Thread.sleep(forTimeInterval: 0.3)

        let senders = 16
        let sent = SendTimes(learners: learners, events: script.count)
        let start = Date()
        let group = DispatchGroup()
        for sender in 0..<senders {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let connection = try? Connection(port: port) else { return }
                let mine = Array(stride(from: sender, to: learners, by: senders))
                // Rounds: every learner sends its next event, then the next round.
                for event in 0..<script.count {
                    for learner in mine {
                        sent.mark(learner, event)
                        _ = try? connection.request("POST", "/api/me/events", token: tokens[learner], body: lines[learner][event])
                    }
                }
            }
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        Thread.sleep(forTimeInterval: 1)
        let after = rss(server.processIdentifier)
        let seen = feed.stop()

        var latencies: [Double] = []
        var missed = 0
        for learner in 0..<learners {
            for event in 0..<script.count {
                guard let arrived = seen["learner-\(learner)#\(event + 1)"] else { missed += 1; continue }
                latencies.append(arrived - sent.time(learner, event))
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return Run(eventsPerSecond: Double(learners * script.count) / elapsed, p50: percentile(0.5), p99: percentile(0.99), missed: missed,
                   bytesPerLearner: Double(max(0, after - baseline)) / Double(learners))
    }

    /// Resident memory of a process, bytes.
    static func rss(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kib * 1024
    }
}

final class SendTimes: @unchecked Sendable {
    private var times: [Double]
    private let events: Int
    init(learners: Int, events: Int) {
        self.events = events
        times = Array(repeating: 0, count: learners * events)
    }
    /// Each slot is written by one sender thread only, before the request that the feed then reports.
    func mark(_ learner: Int, _ event: Int) { times[learner * events + event] = Date().timeIntervalSince1970 }
    func time(_ learner: Int, _ event: Int) -> Double { times[learner * events + event] }
}

/// An HTTP/1.1 connection kept open across requests, as a browser or a client library would.
final class Connection {
    enum Failure: Error { case closed, refused(String) }
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.closed }
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(descriptor) }

    func request(_ method: String, _ path: String, token: String? = nil, body: Data) throws -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        let message = Data((head + "\r\n").utf8) + body
        try message.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, 0)
                guard written > 0 else { throw Failure.closed }
                offset += written
            }
        }
        // The reply: headers, then Content-Length bytes.
        var headerEnd: Int?
        while headerEnd == nil {
            if let index = Self.find([13, 10, 13, 10], in: buffer) { headerEnd = index + 4 } else { try fill() }
        }
        let headers = String(decoding: buffer[0..<headerEnd!], as: UTF8.self).lowercased()
        let length = headers.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count < headerEnd! + length { try fill() }
        let reply = Data(buffer[headerEnd!..<(headerEnd! + length)])
        buffer.removeFirst(headerEnd! + length)
        return reply
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { throw Failure.closed }
        buffer += chunk[0..<count]
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}

/// The dashboard's live feed, read on its own thread: the time each learner's row reached each event count.
final class FeedListener: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Double] = [:]
    private var running = true
    private let descriptor: Int32

    init(port: Int, token: String, className: String) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let request = "GET /classes/\(className)/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        let socketDescriptor = descriptor
        Thread.detachNewThread { [self] in
            // The body comes in HTTP chunks, one per event; only each `learner` event's data line matters here.
            var pending = ""
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let marker = "event: learner\ndata: "
            while true {
                let count = recv(socketDescriptor, &chunk, chunk.count, 0)
                if count <= 0 { break }
                let now = Date().timeIntervalSince1970
                pending += String(decoding: chunk[0..<count], as: UTF8.self)
                while let start = pending.range(of: marker), let end = pending[start.upperBound...].firstIndex(of: "\n") {
                    let json = pending[start.upperBound..<end]
                    if let learner = Self.value(of: "learner", in: json), let events = Self.value(of: "events", in: json) {
                        lock.lock()
                        seen["\(learner)#\(events)"] = seen["\(learner)#\(events)"] ?? now
                        lock.unlock()
                    }
                    pending.removeSubrange(..<end)
                }
                if pending.count > 1 << 20 { pending = String(pending.suffix(4096)) }
            }
        }
    }

    /// A member's value in the row's JSON, read without a JSON parser (keys are sorted and values simple).
    static func value(of key: String, in json: Substring) -> String? {
        guard let start = json.range(of: "\"\(key)\":") else { return nil }
        var rest = json[start.upperBound...]
        if rest.hasPrefix("\"") {
            rest = rest.dropFirst()
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return rest.firstIndex { $0 == "," || $0 == "}" }.map { String(rest[..<$0]) }
    }

    func stop() -> [String: Double] {
        shutdown(descriptor, Int32(SHUT_RDWR))
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}
