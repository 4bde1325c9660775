import AWSModel

/// The path and query string a request is sent to, as botocore serializes it, for the CLI's messages that name a
/// URL (`Could not connect to the endpoint URL: "https://s3.us-east1.amazonaws.com/b1?policy"`). The query and
/// JSON protocols (IAM, STS, EC2, DynamoDB, CloudFormation, Logs) post everything to `/`; S3 and Lambda put
/// members in the path and the query, by their models.
public enum RequestTarget {
    public static func pathAndQuery(service: String, operation: String, parameters: AWSValue) -> String {
        let members: [AWSValue.Member]
        if case .object(let given) = parameters { members = given } else { members = [] }
        switch service {
        case "s3": return s3(operation, members)
        case "lambda": return lambda(operation, members)
        default: return "/"
        }
    }

    /// Path-style, as the CLI addresses a Region it cannot check a bucket's name against. The operation's own query
    /// (`?policy`, `?list-type=2`) comes first, then query members in the order given (the CLI gives them in the
    /// model's order), then the `encoding-type=url` the CLI adds to a listing; `x-id` is botocore's to drop.
    static func s3(_ name: String, _ members: [AWSValue.Member]) -> String {
        let model = WireModel.s3
        guard let operation = model.operation(named: name) else { return "/" }
        let (template, literals) = RestXML.split(operation.requestUri)
        let inputMembers = operation.input.flatMap(model.shape)?.members ?? []
        func value(of member: String) -> String? { members.first { $0.key == member }.flatMap { queryText($0.value) } }
        let path = template.map { segment -> String in
            guard segment.hasPrefix("{") else { return segment }
            let greedy = segment.hasSuffix("+}")
            let member = String(segment.dropFirst().dropLast(greedy ? 2 : 1))
            return percentEncoded(value(of: member) ?? "", keepingSlashes: greedy)
        }
        var query = literals.filter { $0.name != "x-id" }.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }
        for given in members {
            guard let member = inputMembers.first(where: { $0.name == given.key }), member.location == "querystring",
                  let text = queryText(given.value) else { continue }
            query.append(percentEncoded(member.locationName ?? member.name, keepingSlashes: false) + "=" + percentEncoded(text, keepingSlashes: false))
        }
        if ["ListObjects", "ListObjectsV2"].contains(name), !members.contains(where: { $0.key == "EncodingType" }) {
            query.append("encoding-type=url")
        }
        return "/" + path.joined(separator: "/") + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    static func lambda(_ name: String, _ members: [AWSValue.Member]) -> String {
        guard let binding = RestJSON.lambda.first(where: { $0.operation == name }) else { return "/" }
        let path = binding.path.map { segment -> String in
            guard segment.hasPrefix("{") else { return segment }
            let member = String(segment.dropFirst().dropLast())
            return percentEncoded(members.first { $0.key == member }.flatMap { queryText($0.value) } ?? "", keepingSlashes: false)
        }
        var query: [String] = []
        for given in members {
            guard let name = binding.query.first(where: { $0.value.member == given.key })?.key, let text = queryText(given.value) else { continue }
            query.append(percentEncoded(name, keepingSlashes: false) + "=" + percentEncoded(text, keepingSlashes: false))
        }
        return "/" + path.joined(separator: "/") + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// A scalar as botocore writes it into a URL.
    static func queryText(_ value: AWSValue) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// botocore's `percent_encode`: letters, digits and `-._~` stay (and `/` in a greedy label such as `{Key+}`);
    /// every other byte of the UTF-8 is `%XX` — the same rule SigV4 encodes with.
    static func percentEncoded(_ text: String, keepingSlashes: Bool) -> String {
        SigV4.percentEncoded(text, keepingSlashes: keepingSlashes)
    }
}
