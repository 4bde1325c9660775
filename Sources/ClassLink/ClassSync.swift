import Foundation
import Transcripts

/// Sends a learner's transcript to their class as it is written. The local transcript is the queue: the server
/// says which record it expects next, and everything from there is sent, so a dropped network or a stopped server
/// only delays records (sent on the next event or the next start), and a resend after a lost reply is recognised
/// by the server, never counted twice. Runs on its own thread; the session never waits for the network, except
/// briefly at the end to send its last records.
public final class ClassSync: @unchecked Sendable {
    public private(set) var membership: ClassMembership
    private let transcriptPath: String
    private let learnerFolder: String
    private let queue = DispatchQueue(label: "rolecall.class-sync")
    private let lock = NSLock()
    /// The server's next expected record and the byte offset of that record's line in the transcript, once known.
    private var nextSeq: Int?
    private var offset: Int?
    private var wasOffline = false
    private var lastFailure: Date?
    private var notices: [String] = []
    private var scheduled = false

    /// `learnerFolder` holds the membership (saved again when an instructor message has been shown).
    public init(membership: ClassMembership, learnerFolder: String, transcriptPath: String) {
        self.membership = membership
        self.learnerFolder = learnerFolder
        self.transcriptPath = transcriptPath
    }

    /// The transcript's size after its last complete append: nothing beyond it is sent, so lines a failed write
    /// left for a moment (and cut off again) never reach the class. Nil until the first nudge: all of it.
    private var committedSize: Int?

    /// Something was appended to the transcript, and the append succeeded: send it soon.
    public func nudge() {
        var status = stat()
        let size = stat(transcriptPath, &status) == 0 ? Int(status.st_size) : nil
        lock.lock()
        defer { lock.unlock() }
        if let size { committedSize = size }
        guard !scheduled else { return }
        scheduled = true
        queue.async { [self] in
            lock.lock()
            scheduled = false
            lock.unlock()
            sendPending(force: false)
        }
    }

    /// Sends what is pending and waits for it, at most `seconds`: the end of a session.
    public func finish(waitingAtMost seconds: Double = 3) {
        let done = DispatchSemaphore(value: 0)
        queue.async { [self] in
            sendPending(force: true)
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
    }

    /// Messages for the learner (the class went offline or came back, a message from the instructor), taken once.
    public func takeNotices() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let taken = notices
        notices = []
        return taken
    }

    private func notify(_ text: String) {
        lock.lock()
        notices.append(text)
        lock.unlock()
    }

    private var authorization: String { "Authorization: Bearer " + membership.token }

    static func errorMessage(_ reply: HTTPReply) -> String {
        struct ErrorReply: Decodable { var error: String }
        return (try? JSONDecoder().decode(ErrorReply.self, from: reply.body).error) ?? "HTTP status \(reply.status)"
    }

    /// On the sync thread only.
    private func sendPending(force: Bool) {
        // After a failure, try again at most every five seconds while the session goes on.
        if !force, let lastFailure, Date().timeIntervalSince(lastFailure) < 5 { return }
        var sent = 0
        var retries = 0
        while retries < 3 {
            switch attempt() {
            case .sent(let count):
                sent += count
                // A long queue goes in batches.
                if count >= Self.batch { continue }
                lastFailure = nil
                if wasOffline {
                    wasOffline = false
                    notify("The class server is back; \(sent) queued event\(sent == 1 ? " was" : "s were") sent.")
                }
                fetchBroadcasts()
                return
            case .retry:
                retries += 1
            case .failed(let failure):
                lastFailure = Date()
                if case .unreachable = failure {
                    if !wasOffline {
                        wasOffline = true
                        notify("The class server at \(membership.server) cannot be reached; your work is saved here and will be sent when it is back.")
                    }
                } else {
                    notify("Not sent to the class: \(failure)")
                }
                return
            }
        }
    }

    static let batch = 500

    private enum Attempt { case sent(Int), retry, failed(LinkFailure) }

    private func attempt() -> Attempt {
        if nextSeq == nil {
            switch HTTPRequest.send("GET", membership.server + "/api/me", headers: [authorization]) {
            case .failure(let failure): return .failed(failure)
            case .success(let reply):
                struct Position: Decodable { var nextSeq: Int }
                guard reply.status == 200, let position = try? JSONDecoder().decode(Position.self, from: reply.body) else {
                    return .failed(.refused(status: reply.status, message: Self.errorMessage(reply)))
                }
                nextSeq = position.nextSeq
                offset = nil
            }
        }
        guard let expected = nextSeq, let (data, end) = pendingLines(from: expected) else { return .sent(0) }
        if data.isEmpty { return .sent(0) }
        switch HTTPRequest.send("POST", membership.server + "/api/me/events",
                                headers: [authorization, "Content-Type: application/x-ndjson"], body: data, timeoutMilliseconds: 5000) {
        case .failure(let failure):
            return .failed(failure)
        case .success(let reply):
            struct Accepted: Decodable { var accepted: Int; var nextSeq: Int }
            struct Refused: Decodable { var nextSeq: Int? }
            if reply.status == 200, let accepted = try? JSONDecoder().decode(Accepted.self, from: reply.body) {
                nextSeq = accepted.nextSeq
                offset = end
                return .sent(accepted.accepted)
            }
            if reply.status == 409, let refused = try? JSONDecoder().decode(Refused.self, from: reply.body),
               let next = refused.nextSeq, next != expected {
                // The server holds more or less than thought (another copy of this learner, a restored database):
                // start again from what it says.
                nextSeq = next
                offset = nil
                return .retry
            }
            return .failed(.refused(status: reply.status, message: Self.errorMessage(reply)))
        }
    }

    /// The transcript's lines from record `seq` on, at most `Intake`'s batch size, and the byte offset after them.
    private func pendingLines(from seq: Int) -> (Data, Int)? {
        guard let handle = FileHandle(forReadingAtPath: transcriptPath) else { return (Data(), 0) }
        defer { try? handle.close() }
        let start = offset ?? 0
        if offset != nil { try? handle.seek(toOffset: UInt64(start)) }
        lock.lock()
        let limit = committedSize
        lock.unlock()
        guard var data = try? handle.readToEnd(), !data.isEmpty else { return (Data(), start) }
        if let limit { data = data.prefix(max(0, limit - start)) }
        var lines = Data()
        var count = 0
        var position = data.startIndex
        var found = offset != nil
        while position < data.endIndex, count < Self.batch {
            guard let newline = data[position...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = data[position..<newline]
            if !found, let record = TranscriptRecord(line: Array(line)), record.seq >= seq {
                found = true
            }
            if found {
                lines.append(line)
                lines.append(UInt8(ascii: "\n"))
                count += 1
            }
            position = newline + 1
        }
        return (lines, start + (position - data.startIndex))
    }

    private var lastBroadcastCheck: Date?

    /// The last lesson open to the class, as last heard (kept in the membership, so it holds offline too).
    public var openThrough: String? {
        lock.lock()
        defer { lock.unlock() }
        return membership.openThrough
    }

    /// The class's news: the instructor's messages, and which lessons are open.
    private func fetchBroadcasts() {
        if let lastBroadcastCheck, Date().timeIntervalSince(lastBroadcastCheck) < 5 { return }
        lastBroadcastCheck = Date()
        let after = membership.lastBroadcast ?? 0
        guard case .success(let reply) = HTTPRequest.send("GET", membership.server + "/api/me/class?after=\(after)", headers: [authorization]),
              reply.status == 200 else { return }
        struct Message: Decodable { var id: Int64; var text: String }
        struct News: Decodable { var broadcasts: [Message]; var openThrough: String? }
        guard let news = try? JSONDecoder().decode(News.self, from: reply.body) else { return }
        for message in news.broadcasts { notify("Message from your instructor: \(message.text)") }
        lock.lock()
        let opened = news.openThrough != membership.openThrough
        membership.lastBroadcast = news.broadcasts.last?.id ?? membership.lastBroadcast
        membership.openThrough = news.openThrough
        lock.unlock()
        if opened {
            notify(news.openThrough.map { "Your instructor set the lessons open: up to \($0); the ones after it are locked for now (type lessons)." }
                ?? "Your instructor opened every lesson.")
        }
        if opened || !news.broadcasts.isEmpty { try? membership.save(in: learnerFolder) }
    }
}
