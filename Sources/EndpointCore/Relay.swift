import AWSModel
import AWSWire
import Foundation
import Sandbox

/// The endpoint inside the tutor is two processes: `rolecall-endpoint --relay-fd N` is the HTTP server, and the
/// tutor, which holds the lesson's sandbox, answers. Between them, over one socket, each HTTP request goes one way
/// and its reply the other, as frames: a JSON head and the body's bytes, each after its length (4 bytes, big
/// endian). The server's first frame says it is listening (and on which port) or why it could not.
public enum Relay {
    /// The server's first frame: `{"port": N}` or `{"problem": "…"}`.
    public enum Start: Equatable, Sendable {
        case listening(port: Int)
        case failed(String)
    }

    static let largestFrame = 64 * 1024 * 1024

    // MARK: Frames

    public static func frame(head: AWSValue, body: [UInt8]) -> [UInt8] {
        let headBytes = Array(head.compactJSON.utf8)
        return length(headBytes.count) + headBytes + length(body.count) + body
    }

    static func length(_ count: Int) -> [UInt8] {
        let value = UInt32(count)
        return [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    public static func request(_ request: SigV4.Request) -> [UInt8] {
        frame(head: .object([
            .init("method", .string(request.method)), .init("path", .string(request.path)), .init("query", .string(request.query)),
            .init("headers", .list(request.headers.map { .list([.string($0.name), .string($0.value)]) })),
        ]), body: request.body)
    }

    public static func request(head: AWSValue, body: [UInt8]) -> SigV4.Request? {
        guard let method = head["method"]?.stringValue, let path = head["path"]?.stringValue, let query = head["query"]?.stringValue,
              case .list(let pairs)? = head["headers"] else { return nil }
        let headers = pairs.compactMap { pair -> (name: String, value: String)? in
            guard case .list(let parts) = pair, parts.count == 2, let name = parts[0].stringValue, let value = parts[1].stringValue else { return nil }
            return (name, value)
        }
        return SigV4.Request(method: method, path: path, query: query, headers: headers, body: body)
    }

    public static func reply(_ reply: EndpointCore.Reply) -> [UInt8] {
        frame(head: .object([
            .init("status", .integer(reply.status)), .init("contentType", .string(reply.contentType)),
            .init("headers", .list(reply.headers.map { .list([.string($0.name), .string($0.value)]) })),
        ]), body: Array(reply.body.utf8))
    }

    public static func reply(head: AWSValue, body: [UInt8]) -> EndpointCore.Reply? {
        guard case .integer(let status)? = head["status"], let contentType = head["contentType"]?.stringValue,
              case .list(let pairs)? = head["headers"] else { return nil }
        let headers = pairs.compactMap { pair -> (name: String, value: String)? in
            guard case .list(let parts) = pair, parts.count == 2, let name = parts[0].stringValue, let value = parts[1].stringValue else { return nil }
            return (name, value)
        }
        return EndpointCore.Reply(status: status, contentType: contentType, body: String(decoding: body, as: UTF8.self), headers: headers)
    }

    public static func start(_ start: Start) -> [UInt8] {
        switch start {
        case .listening(let port): frame(head: .object([.init("port", .integer(port))]), body: [])
        case .failed(let problem): frame(head: .object([.init("problem", .string(problem))]), body: [])
        }
    }

    public static func start(head: AWSValue) -> Start? {
        if case .integer(let port)? = head["port"] { return .listening(port: port) }
        return head["problem"]?.stringValue.map(Start.failed)
    }

    // MARK: The socket

    /// Writes all of a frame; false when the other side is gone.
    public static func send(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Reads one whole frame; nil when the other side is gone or sent something that is not a frame.
    public static func receive(from descriptor: Int32) -> (head: AWSValue, body: [UInt8])? {
        guard let headLength = readLength(descriptor), let headBytes = readExactly(headLength, descriptor),
              let head = JSONDocuments.parsed(headBytes), let bodyLength = readLength(descriptor),
              let body = readExactly(bodyLength, descriptor) else { return nil }
        return (head, body)
    }

    static func readLength(_ descriptor: Int32) -> Int? {
        guard let bytes = readExactly(4, descriptor) else { return nil }
        let value = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        return value <= largestFrame ? value : nil
    }

    static func readExactly(_ count: Int, _ descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes[offset...].withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }
}
