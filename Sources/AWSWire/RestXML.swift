import AWSModel
import Foundation

/// The rest-xml protocol (S3, path-style as the CLI and SDKs address a custom endpoint): each operation is a
/// method and a URI template (`/{Bucket}/{Key+}`, `/{Bucket}?policy`), its members in the path, the query string,
/// headers and the body (one payload member, or nothing); its answer likewise, with the rest of the members as an
/// XML document; an error is `<Error><Code>` with the HTTP status, and a HEAD request's error is its status alone.
/// Everything is read from the generated wire model.
public enum RestXML {
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// Parts of a request line the protocol reads: the raw path and the query's fields.
    public struct Target {
        public var method: String
        public var path: String
        public var query: [(name: String, value: String)]

        public init(method: String, path: String, query: [(name: String, value: String)]) {
            self.method = method
            self.path = path
            self.query = query
        }
    }

    /// The operation a request asks for and the members its path holds; nil when none of the served operations
    /// takes it. Of the operations whose method and path fit, the one whose own query (`?policy`,
    /// `?list-type=2`) the request carries wins, and every other query field must be one of its members.
    public static func match(_ target: Target, model: WireModel = .s3) -> (operation: WireModel.Operation, labels: [String: String])? {
        let queryNames = Set(target.query.map(\.name))
        var best: (operation: WireModel.Operation, labels: [String: String], literals: Int)?
        for operation in model.operations where operation.method == target.method {
            let (template, literals) = split(operation.requestUri)
            guard let labels = labels(of: target.path, template: template) else { continue }
            let required = literals.filter { $0.name != "x-id" }
            guard required.allSatisfy({ literal in target.query.contains { $0.name == literal.name && (literal.value.isEmpty || $0.value == literal.value) } }) else { continue }
            let accepted = Set(literals.map(\.name) + ["x-id"]).union(queryMembers(operation, model: model))
            guard queryNames.isSubset(of: accepted) else { continue }
            if best == nil || required.count > best!.literals { best = (operation, labels, required.count) }
        }
        return best.map { ($0.operation, $0.labels) }
    }

    /// `/{Bucket}?list-type=2` → (`["{Bucket}"]`, [list-type: 2]).
    static func split(_ requestUri: String) -> (template: [String], literals: [(name: String, value: String)]) {
        let parts = requestUri.split(separator: "?", maxSplits: 1)
        let template = (parts.first ?? "").split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var literals: [(name: String, value: String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let halves = pair.split(separator: "=", maxSplits: 1)
                literals.append((name: String(halves[0]), value: halves.count > 1 ? String(halves[1]) : ""))
            }
        }
        return (template, literals)
    }

    /// The members a path holds by its template (`{Key+}` takes the rest of the path, slashes included), decoded.
    static func labels(of path: String, template: [String]) -> [String: String]? {
        var rest = Substring(path.hasPrefix("/") ? String(path.dropFirst()) : path)
        var labels: [String: String] = [:]
        for pattern in template {
            let greedy = pattern.hasSuffix("+}")
            let segment: Substring
            if greedy {
                segment = rest
                rest = ""
            } else if let slash = rest.firstIndex(of: "/") {
                segment = rest[..<slash]
                rest = rest[rest.index(after: slash)...]
            } else {
                segment = rest
                rest = ""
            }
            guard !segment.isEmpty, let decoded = WireText.percentDecoded(segment) else { return nil }
            if pattern.hasPrefix("{") {
                labels[String(pattern.dropFirst().dropLast(greedy ? 2 : 1))] = decoded
            } else if decoded != pattern {
                return nil
            }
        }
        // Nothing may be left over (a bucket's path may end with one slash: `/bucket/`).
        return rest.isEmpty ? labels : nil
    }

    static func queryMembers(_ operation: WireModel.Operation, model: WireModel) -> Set<String> {
        guard let input = operation.input.flatMap(model.shape) else { return [] }
        return Set((input.members ?? []).filter { $0.location == "querystring" }.compactMap(\.locationName))
    }

    /// The parameters of a matched request: path members, query, headers, and the payload (a blob or text member
    /// is the body; the sandbox holds objects as text, so a body that is not UTF-8 is refused rather than altered).
    public static func parameters(_ operation: WireModel.Operation, labels: [String: String], query: [(name: String, value: String)],
                                  headers: [(name: String, value: String)], body: [UInt8], model: WireModel = .s3) -> Result<AWSValue, ServiceError> {
        guard let input = operation.input.flatMap(model.shape) else { return .success(.object([])) }
        var members: [AWSValue.Member] = []
        for member in input.members ?? [] {
            guard let shape = model.shape(member.shape) else { continue }
            let wireName = member.locationName ?? member.name
            switch member.location {
            case "uri":
                if let value = labels[wireName] { members.append(AWSValue.Member(member.name, .string(value))) }
            case "querystring":
                if let value = query.first(where: { $0.name == wireName })?.value {
                    members.append(AWSValue.Member(member.name, ShapedXML.scalar(value, type: shape.type)))
                }
            case "header":
                if let value = headers.first(where: { WireText.sameName($0.name, wireName) })?.value {
                    members.append(AWSValue.Member(member.name, ShapedXML.scalar(value, type: shape.type)))
                }
            case "headers":
                let prefix = wireName.lowercased()
                let map = headers.filter { $0.name.lowercased().hasPrefix(prefix) }.map { AWSValue.Member(String($0.name.dropFirst(prefix.count)).lowercased(), .string($0.value)) }
                if !map.isEmpty { members.append(AWSValue.Member(member.name, .object(map))) }
            default:
                if member.name == input.payload, shape.type == "structure" {
                    // A small configuration document (`<CreateBucketConfiguration><LocationConstraint>…`): its
                    // scalar members are read by their elements; nested ones are not simulated.
                    if let configuration = scalarMembers(of: shape, in: body, model: model) { members.append(AWSValue.Member(member.name, configuration)) }
                    continue
                }
                guard member.name == input.payload, shape.type == "blob" || shape.type == "string" else { continue }
                guard let text = String(validating: body, as: UTF8.self) else {
                    return .failure(ServiceError(code: "NotImplemented", message: "The sandbox's S3 holds text objects; this body is not UTF-8 text, so it was not stored."))
                }
                if !body.isEmpty || member.name == "Body" { members.append(AWSValue.Member(member.name, .string(text))) }
            }
        }
        return .success(.object(members))
    }

    /// The scalar members of a structure sent as an XML body, each the text of its first element; nil when none is
    /// there (an empty body).
    static func scalarMembers(of shape: WireModel.Shape, in body: [UInt8], model: WireModel) -> AWSValue? {
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        var found: [AWSValue.Member] = []
        for member in shape.members ?? [] {
            guard let memberShape = model.shape(member.shape), !["structure", "list", "map"].contains(memberShape.type) else { continue }
            let name = member.locationName ?? member.name
            guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { continue }
            let value = WireText.xmlUnescaped(String(text[open.upperBound..<close.lowerBound]))
            found.append(AWSValue.Member(member.name, ShapedXML.scalar(value, type: memberShape.type)))
        }
        return found.isEmpty ? nil : .object(found)
    }

    /// An answer: header members as headers (times as HTTP dates), the payload member as the body or the other
    /// members as an XML document, and the operation's status. With `encodingType` url (which the CLI asks for
    /// when listing) the listed keys and prefixes are percent-encoded, as S3 sends them.
    public static func response(_ operation: WireModel.Operation, result: AWSValue, encodingType: String?, model: WireModel = .s3)
        -> (status: Int, headers: [(name: String, value: String)], body: String, contentType: String?) {
        let status = operation.responseCode ?? 200
        guard let output = operation.output.flatMap(model.shape), case .object(var values) = result else { return (status, [], "", nil) }
        if encodingType == "url", operation.name.hasPrefix("ListObjects") {
            values = urlEncodedListing(values)
        }
        var headers: [(name: String, value: String)] = []
        var contentType: String?
        for member in output.members ?? [] {
            guard let value = values.first(where: { $0.key == member.name })?.value, value != .null, let shape = model.shape(member.shape) else { continue }
            let wireName = member.locationName ?? member.name
            switch member.location {
            case "header":
                let text = shape.type == "timestamp" ? httpDate(QueryXML.scalar(value)) : QueryXML.scalar(value)
                if wireName.lowercased() == "content-type" { contentType = text } else { headers.append((wireName, text)) }
            case "headers":
                if case .object(let entries) = value { headers += entries.map { (wireName + $0.key, QueryXML.scalar($0.value)) } }
            default:
                break
            }
        }
        if let payload = output.payload {
            let value = values.first(where: { $0.key == payload })?.value
            if case .string(let text)? = value { return (status, headers, text, contentType) }
            // A configuration document (`<PublicAccessBlockConfiguration>…`), named as the model names the member.
            if let value, let member = output.members?.first(where: { $0.name == payload }), let shape = model.shape(member.shape), shape.type == "structure" {
                let root = member.locationName ?? payload
                let body = ShapedXML.members(of: value, shape: shape, model: model)
                return (status, headers, #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<\(root) xmlns=\"\(namespace)\">\(body)</\(root)>\n", "application/xml")
            }
            return (status, headers, "", contentType)
        }
        let body = ShapedXML.members(of: .object(values), shape: output, model: model)
        guard !body.isEmpty else { return (status, headers, "", contentType) }
        let root = rootElement[operation.name] ?? operation.name + "Result"
        return (status, headers, #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<\(root) xmlns=\"\(namespace)\">\(body)</\(root)>\n", "application/xml")
    }

    /// The document element S3 names each answer with (botocore reads the members, whatever the root is called).
    static let rootElement = ["ListBuckets": "ListAllMyBucketsResult", "ListObjectsV2": "ListBucketResult", "ListObjects": "ListBucketResult"]

    static func urlEncodedListing(_ values: [AWSValue.Member]) -> [AWSValue.Member] {
        func encoded(_ value: AWSValue) -> AWSValue {
            guard case .string(let text) = value else { return value }
            return .string(SigV4.percentEncoded(text, keepingSlashes: true))
        }
        var out = values.map { member -> AWSValue.Member in
            switch member.key {
            case "Prefix", "Delimiter", "StartAfter", "Marker", "NextMarker": return AWSValue.Member(member.key, encoded(member.value))
            case "Contents", "CommonPrefixes":
                guard case .list(let items) = member.value else { return member }
                return AWSValue.Member(member.key, .list(items.map { item in
                    guard case .object(let fields) = item else { return item }
                    return .object(fields.map { $0.key == "Key" || $0.key == "Prefix" ? AWSValue.Member($0.key, encoded($0.value)) : $0 })
                }))
            default: return member
            }
        }
        out.append(AWSValue.Member("EncodingType", .string("url")))
        return out
    }

    /// `2027-01-15T08:00:00+00:00` → `Fri, 15 Jan 2027 08:00:00 GMT`, as S3 sends times in headers.
    static func httpDate(_ iso: String) -> String {
        let digits = iso.prefix(19).filter { $0 != "-" && $0 != ":" }
        guard let date = SigV4.Timestamp.date(from: digits + "Z") else { return iso }
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// An error as S3 sends it; a HEAD request's has no body (the SDKs then name it by its status).
    public static func error(code: String, message: String, requestID: String, method: String) -> (status: Int, body: String) {
        if let status = Int(code) { return (status, "") }
        let status = ErrorStatus.of(code)
        if method == "HEAD" { return (status, "") }
        return (status, #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error><Code>\(QueryXML.escaped(code))</Code><Message>\(QueryXML.escaped(message))</Message>"
                    + "<RequestId>\(requestID)</RequestId><HostId>\(requestID)</HostId></Error>\n")
    }
}
