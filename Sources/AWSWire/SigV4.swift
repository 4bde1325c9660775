import Crypto
import Foundation

/// Signature Version 4, checked the way AWS checks it: the canonical request rebuilt from exactly what arrived and
/// the headers the client says it signed, the signing key derived from the secret of the access key named in the
/// credential scope, and the signatures compared in constant time. Pure: the caller supplies the secrets and the
/// clock. (Only the `Authorization` header form; presigned URLs and streaming chunk signatures come with S3.)
public enum SigV4 {
    /// A request as it arrived: the path exactly as sent (still percent-encoded), the raw query string, every
    /// header, the body.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// Every value of a header, by case-insensitive name, in the order they came.
        public func values(_ name: String) -> [String] {
            headers.compactMap { WireText.sameName($0.name, name) ? $0.value : nil }
        }
    }

    /// What the `Authorization` header says.
    public struct Credential: Equatable, Sendable {
        public var accessKey: String
        /// yyyyMMdd, the credential scope's date.
        public var date: String
        public var region: String
        public var service: String
        public var signedHeaders: [String]
        public var signature: String

        public init(accessKey: String, date: String, region: String, service: String, signedHeaders: [String], signature: String) {
            self.accessKey = accessKey
            self.date = date
            self.region = region
            self.service = service
            self.signedHeaders = signedHeaders
            self.signature = signature
        }
    }

    /// Why a request is not taken, named as AWS names it (the protocol layer puts it in its own error shape).
    public enum Failure: Error, Equatable, Sendable {
        /// No `Authorization` header (nor anything else that signs).
        case missingAuthentication
        /// The header is not a SigV4 header AWS would parse.
        case incompleteSignature(String)
        /// No such access key.
        case invalidClientTokenId
        /// The signature is not the one the secret gives.
        case signatureDoesNotMatch
        /// The credential scope's date is not the request's date (AWS answers SignatureDoesNotMatch, saying why).
        case scopeDateMismatch(scope: String, requestTime: String)
        /// The request's time is more than 15 minutes from the server's.
        case requestTimeTooSkewed(requestTime: String, serverTime: String)
        /// The body is not the one whose hash `x-amz-content-sha256` declares (and the signature covers).
        case contentSHA256Mismatch
        /// A presigned URL past its `X-Amz-Expires` (S3 answers AccessDenied, saying so).
        case requestExpired
        /// A presigned URL's query parameters are not what SigV4 needs.
        case badQueryAuthorization(String)
        /// Signature Version 2 (`AWSAccessKeyId=…&Signature=…`, or `Authorization: AWS KEY:SIG`), which S3 no
        /// longer takes for buckets made since 2020.
        case signatureVersion2

        public var code: String {
            switch self {
            case .missingAuthentication: "MissingAuthenticationToken"
            case .incompleteSignature: "IncompleteSignature"
            case .invalidClientTokenId: "InvalidClientTokenId"
            case .signatureDoesNotMatch, .scopeDateMismatch: "SignatureDoesNotMatch"
            case .requestTimeTooSkewed: "RequestTimeTooSkewed"
            case .contentSHA256Mismatch: "XAmzContentSHA256Mismatch"
            case .requestExpired: "AccessDenied"
            case .badQueryAuthorization: "AuthorizationQueryParametersError"
            case .signatureVersion2: "InvalidRequest"
            }
        }

        /// AWS's own wording for each.
        public var message: String {
            switch self {
            case .missingAuthentication: "Request is missing Authentication Token"
            case .incompleteSignature(let detail): detail
            case .invalidClientTokenId: "The security token included in the request is invalid."
            case .signatureDoesNotMatch:
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            case .scopeDateMismatch(let scope, let requestTime):
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(scope)' != '\(requestTime.prefix(8))', from '\(requestTime)'."
            case .requestTimeTooSkewed(let requestTime, let serverTime):
                "The difference between the request time and the current time is too large. Request time \(requestTime), server time \(serverTime)."
            case .contentSHA256Mismatch: "The provided 'x-amz-content-sha256' header does not match what was computed."
            case .requestExpired: "Request has expired"
            case .badQueryAuthorization(let detail): detail
            case .signatureVersion2: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."
            }
        }
    }

    public static let algorithm = "AWS4-HMAC-SHA256"
    /// How far a request's time may be from the server's, as AWS allows.
    public static let allowedSkew: TimeInterval = 15 * 60

    /// Reads `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`.
    public static func credential(of request: Request) throws(Failure) -> Credential {
        guard let header = request.values("authorization").first else {
            if let presigned = try presigned(request) { return presigned.credential }
            if request.query.contains("AWSAccessKeyId="), request.query.contains("Signature=") { throw .signatureVersion2 }
            throw .missingAuthentication
        }
        if header.hasPrefix("AWS ") { throw .signatureVersion2 }
        guard header.hasPrefix(algorithm + " ") else {
            throw .incompleteSignature("Authorization header requires '\(algorithm)' as its algorithm.")
        }
        // Split on the UTF-8 bytes: the header is ASCII when it is well formed, and this runs for every request.
        var fields: [String: String] = [:]
        let bytes = Array(header.utf8.dropFirst(algorithm.utf8.count + 1))
        for part in bytes.split(separator: UInt8(ascii: ",")) {
            var field = part[...]
            while field.first == UInt8(ascii: " ") { field = field.dropFirst() }
            while field.last == UInt8(ascii: " ") { field = field.dropLast() }
            guard let equals = field.firstIndex(of: UInt8(ascii: "=")) else { continue }
            fields[String(decoding: field[..<equals], as: UTF8.self)] = String(decoding: field[(equals + 1)...], as: UTF8.self)
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"] else {
            throw .incompleteSignature("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=\(header)")
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", scope[1].count == 8 else {
            throw .incompleteSignature("Credential should be scoped to a valid region, service and date, as KEY/yyyyMMdd/region/service/aws4_request.")
        }
        return Credential(accessKey: scope[0], date: scope[1], region: scope[2], service: scope[3],
                          signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }

    /// Checks the request's signature. `secret` gives an access key's secret (nil: no such key); `now` is the
    /// server's clock. Returns what the header said, for the caller to know who signed and for which service.
    @discardableResult
    public static func verify(_ request: Request, now: Date, secret: (String) -> String?) throws(Failure) -> Credential {
        if request.values("authorization").isEmpty, let presigned = try presigned(request) {
            return try verifyPresigned(request, presigned, now: now, secret: secret)
        }
        let credential = try credential(of: request)
        guard let amzDate = request.values("x-amz-date").first ?? request.values("date").first,
              let requestTime = Timestamp.date(from: amzDate) else {
            throw .incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        if abs(requestTime.timeIntervalSince(now)) > allowedSkew {
            throw .requestTimeTooSkewed(requestTime: amzDate, serverTime: Timestamp.string(from: now))
        }
        if amzDate.count == 16, !amzDate.hasPrefix(credential.date) {
            throw .scopeDateMismatch(scope: credential.date, requestTime: amzDate)
        }
        guard let key = secret(credential.accessKey) else { throw .invalidClientTokenId }
        let expected = signature(of: request, credential: credential, timestamp: amzDate, secret: key)
        guard constantTimeEqual(expected, credential.signature.lowercased()) else { throw .signatureDoesNotMatch }
        // The signature covers the declared hash; a declared hash must then be the body's. (UNSIGNED-PAYLOAD
        // declares none; streaming payloads are checked chunk by chunk where they are read.)
        if let declared = request.values("x-amz-content-sha256").first, declared.count == 64,
           declared.lowercased() != hex(SHA256.hash(data: request.body)) {
            throw .contentSHA256Mismatch
        }
        return credential
    }

    /// A presigned URL's signature, carried in its query string (`X-Amz-Algorithm`, `X-Amz-Credential`,
    /// `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`); nil when the query has none.
    public struct Presigned: Sendable {
        public var credential: Credential
        public var timestamp: String
        public var expires: Int
        public var sessionToken: String?
    }

    public static func presigned(_ request: Request) throws(Failure) -> Presigned? {
        var fields: [String: String] = [:]
        for (name, value) in WireText.fields(request.query) { fields[name] = value }
        guard let algorithmName = fields["X-Amz-Algorithm"] else { return nil }
        guard algorithmName == algorithm else {
            throw .badQueryAuthorization("X-Amz-Algorithm only supports \"\(algorithm)\"")
        }
        guard let credentialText = fields["X-Amz-Credential"], let timestamp = fields["X-Amz-Date"], let expiresText = fields["X-Amz-Expires"],
              let signed = fields["X-Amz-SignedHeaders"], let signature = fields["X-Amz-Signature"] else {
            throw .badQueryAuthorization("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
        }
        guard let expires = Int(expiresText), expires >= 0 else { throw .badQueryAuthorization("X-Amz-Expires should be a number") }
        guard expires <= 604_800 else { throw .badQueryAuthorization("X-Amz-Expires must be less than a week (in seconds) that is 604800") }
        let scope = credentialText.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", scope[1].count == 8 else {
            throw .badQueryAuthorization("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
        }
        return Presigned(credential: Credential(accessKey: scope[0], date: scope[1], region: scope[2], service: scope[3],
                                                signedHeaders: signed.split(separator: ";").map(String.init), signature: signature),
                         timestamp: timestamp, expires: expires, sessionToken: fields["X-Amz-Security-Token"])
    }

    /// A presigned request: valid from its date for `X-Amz-Expires` seconds; signed over its query without the
    /// signature, and an unsigned payload.
    static func verifyPresigned(_ request: Request, _ presigned: Presigned, now: Date, secret: (String) -> String?) throws(Failure) -> Credential {
        guard let start = Timestamp.date(from: presigned.timestamp) else {
            throw .badQueryAuthorization("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        if now.timeIntervalSince(start) > TimeInterval(presigned.expires) { throw .requestExpired }
        if start.timeIntervalSince(now) > allowedSkew {
            throw .requestTimeTooSkewed(requestTime: presigned.timestamp, serverTime: Timestamp.string(from: now))
        }
        guard let key = secret(presigned.credential.accessKey) else { throw .invalidClientTokenId }
        var unsigned = request
        unsigned.query = request.query.split(separator: "&").filter { !$0.hasPrefix("X-Amz-Signature=") }.joined(separator: "&")
        unsigned.headers = request.headers.filter { !WireText.sameName($0.name, "x-amz-content-sha256") } + [("x-amz-content-sha256", "UNSIGNED-PAYLOAD")]
        let expected = signature(of: unsigned, credential: presigned.credential, timestamp: presigned.timestamp, secret: key)
        guard constantTimeEqual(expected, presigned.credential.signature.lowercased()) else { throw .signatureDoesNotMatch }
        return presigned.credential
    }

    /// The signature the secret gives this request, as the client computed it.
    public static func signature(of request: Request, credential: Credential, timestamp: String, secret: String) -> String {
        let canonical = canonicalRequest(request, signedHeaders: credential.signedHeaders, service: credential.service)
        let scope = [credential.date, credential.region, credential.service, "aws4_request"].joined(separator: "/")
        let stringToSign = [algorithm, timestamp, scope, hex(SHA256.hash(data: Array(canonical.utf8)))].joined(separator: "\n")
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(secret: secret, credential: credential)))
    }

    /// The key a secret derives for one day, region and service.
    static func signingKey(secret: String, credential: Credential) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [credential.date, credential.region, credential.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Method, path, query, the signed headers and the payload's hash, one per line.
    public static func canonicalRequest(_ request: Request, signedHeaders: [String], service: String) -> String {
        let headers = signedHeaders.map { name in
            name + ":" + request.values(name).map(canonicalHeaderValue).joined(separator: ",")
        }
        let payload = request.values("x-amz-content-sha256").first ?? hex(SHA256.hash(data: request.body))
        return [request.method.uppercased(), canonicalPath(request.path, service: service), canonicalQuery(request.query),
                headers.joined(separator: "\n") + "\n", signedHeaders.joined(separator: ";"), payload].joined(separator: "\n")
    }

    /// A header's value with its ends trimmed and inner runs of spaces made one, as SigV4 signs it.
    static func canonicalHeaderValue(_ value: String) -> String {
        let bytes = value.utf8
        var previous: UInt8 = 0
        let plain = bytes.allSatisfy { byte in
            defer { previous = byte }
            return byte != 9 && byte != 10 && byte != 13 && !(byte == 32 && previous == 32)
        } && bytes.first != UInt8(ascii: " ") && bytes.last != UInt8(ascii: " ")
        return plain ? value : value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// S3's path is signed as sent; every other service's is normalised (`.` and `..` resolved, repeated slashes
    /// removed) and percent-encoded once more, as the SDKs sign it.
    public static func canonicalPath(_ path: String, service: String) -> String {
        let raw = path.isEmpty ? "/" : path
        if service == "s3" { return raw }
        return percentEncoded(normalized(raw), keepingSlashes: true)
    }

    /// The query's pairs, each name and value encoded per RFC 3986, sorted by name and then value.
    public static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = WireText.fields(query).map { name, value in
            (percentEncoded(name, keepingSlashes: false), percentEncoded(value, keepingSlashes: false))
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }

    /// RFC 3986's removal of dot segments as the SDKs apply it (botocore's `remove_dot_segments`): empty segments
    /// go too, a trailing slash stays.
    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        var result = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/"), result != "/" { result += "/" }
        return result
    }

    static let unreservedBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
    static let upperHexDigits = Array("0123456789ABCDEF".utf8)
    /// By byte value: whether RFC 3986 leaves it unencoded.
    static let unreserved: [Bool] = (0..<256).map { unreservedBytes.contains(UInt8($0)) }

    /// Every byte but the unreserved ones (and `/` when asked) as `%XX`, upper-case.
    static func percentEncoded(_ text: String, keepingSlashes: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved[Int(byte)] || (keepingSlashes && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        WireText.hex(digest)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Reads and writes `yyyyMMdd'T'HHmmss'Z'` (UTC), the form of `X-Amz-Date`.
    enum Timestamp {
        static func date(from text: String) -> Date? {
            let bytes = Array(text.utf8)
            guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
            func number(_ range: Range<Int>) -> Int32? {
                var value: Int32 = 0
                for byte in bytes[range] {
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + Int32(byte - 48)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
                  let minute = number(11..<13), let second = number(13..<15), (1...12).contains(month), (1...31).contains(day),
                  hour < 24, minute < 60, second < 61 else { return nil }
            var parts = tm()
            parts.tm_year = year - 1900
            parts.tm_mon = month - 1
            parts.tm_mday = day
            parts.tm_hour = hour
            parts.tm_min = minute
            parts.tm_sec = second
            return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
        }

        static func string(from date: Date) -> String {
            var seconds = time_t(date.timeIntervalSince1970)
            var parts = tm()
            gmtime_r(&seconds, &parts)
            return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
        }
    }
}


