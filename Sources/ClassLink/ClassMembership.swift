import Foundation
import SavedFiles

/// The class a learner joined, saved beside their progress (`class.json`, readable by the learner only): the
/// server's address and the learner's own token. There is no shared key on the learner's machine.
public struct ClassMembership: Codable, Equatable, Sendable {
    public var server: String
    public var className: String
    public var learner: String
    public var token: String
    /// The last instructor message shown, so each is shown once.
    public var lastBroadcast: Int64?
    /// The last lesson the instructor opened (the ones after it are locked), as last heard; nil: every lesson.
    public var openThrough: String?

    public init(server: String, className: String, learner: String, token: String) {
        self.server = server
        self.className = className
        self.learner = learner
        self.token = token
    }

    public static func path(in learnerFolder: String) -> String { learnerFolder + "/class.json" }

    public static func load(from learnerFolder: String) -> ClassMembership? {
        guard let data = FileManager.default.contents(atPath: path(in: learnerFolder)) else { return nil }
        return try? JSONDecoder().decode(ClassMembership.self, from: data)
    }

    public func save(in learnerFolder: String) throws(SaveFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // AtomicFile makes the folder and the file readable by the learner only.
        try AtomicFile.write((try? encoder.encode(self)) ?? Data(), to: Self.path(in: learnerFolder))
    }

    /// `http://host:port` without a trailing slash, or nil when it is not an http(s) address.
    public static func normalizedServer(_ address: String) -> String? {
        var text = address.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil, url.query == nil else { return nil }
        return text
    }

    /// Joins the class with this code; returns the membership to save.
    public static func join(server address: String, code: String, learner: String) -> Result<ClassMembership, LinkFailure> {
        guard let server = normalizedServer(address) else { return .failure(.badAddress(address)) }
        struct JoinRequest: Encodable { var code: String; var learner: String }
        struct JoinReply: Decodable { var className: String; var learner: String; var token: String }
        let body = (try? JSONEncoder().encode(JoinRequest(code: code, learner: learner))) ?? Data()
        // A whole class joins at once; the server admits so many a second, so a busy reply is tried again.
        var result: Result<HTTPReply, LinkFailure> = .failure(.unreachable("not tried"))
        for attempt in 0...20 {
            if attempt > 0 { usleep(useconds_t(min(attempt, 5)) * 300_000) }
            result = HTTPRequest.send("POST", server + "/api/join", headers: ["Content-Type: application/json"], body: body)
            guard case .success(let reply) = result, reply.status == 429 else { break }
        }
        return result
            .flatMap { reply in
                guard reply.status == 201, let joined = try? JSONDecoder().decode(JoinReply.self, from: reply.body) else {
                    return .failure(.refused(status: reply.status, message: ClassSync.errorMessage(reply)))
                }
                return .success(ClassMembership(server: server, className: joined.className, learner: joined.learner, token: joined.token))
            }
    }
}
