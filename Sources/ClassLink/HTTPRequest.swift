import CHTTP
import Foundation

/// One HTTP exchange with the class server, through libcurl loaded on first use (see `chttp.h`).
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

public enum HTTPRequest {
    /// Sends a request; a reply of any status is `.success`, no reply at all (refused, timed out, no libcurl) is
    /// `.failure` with the reason in words.
    public static func send(_ method: String, _ url: String, headers: [String] = [], body: Data? = nil,
                            timeoutMilliseconds: Int = 3000) -> Result<HTTPReply, LinkFailure> {
        var response = rc_http_response()
        let cHeaders = headers.map { strdup($0) }
        defer { cHeaders.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = cHeaders.map { UnsafePointer($0) }
        let code: Int32 = pointers.withUnsafeBufferPointer { headerPointers in
            if let body {
                return body.withUnsafeBytes { bytes in
                    // An empty body still needs a non-null pointer to be sent as a POST.
                    rc_http_request(method, url, headerPointers.baseAddress, headers.count, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    body.count, timeoutMilliseconds, &response)
                }
            }
            return rc_http_request(method, url, headerPointers.baseAddress, headers.count, nil, 0, timeoutMilliseconds, &response)
        }
        defer { rc_http_free(&response) }
        guard code == 0 else {
            let reason = withUnsafeBytes(of: response.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return .failure(.unreachable(reason))
        }
        let data = response.body.map { Data(bytes: $0, count: response.length) } ?? Data()
        return .success(HTTPReply(status: response.status, body: data))
    }
}

/// Why the link to a class did not do what was asked, in words for the learner.
public enum LinkFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case unreachable(String)
    /// The server answered with an error; `message` is its own words.
    case refused(status: Int, message: String)
    case notJoined
    case badAddress(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "the class server cannot be reached (\(reason))"
        case .refused(_, let message): "the class server says: \(message)"
        case .notJoined: "this learner has not joined a class (rolecall join URL CODE)"
        case .badAddress(let address): "'\(address)' is not a class server address; it looks like http://HOST:PORT"
        }
    }
}
