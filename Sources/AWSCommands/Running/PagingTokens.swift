import AWSModel
import Foundation

/// The CLI's `NextToken` / `--starting-token`: base64 of a JSON object holding the service's input tokens
/// and, when --max-items cut a page short, `boto_truncate_amount` (botocore's TokenEncoder).
enum PagingTokens {
    static func encode(_ tokens: [(String, AWSValue)], truncateAmount: Int?) -> String {
        var members = tokens
        if let truncateAmount { members.append(("boto_truncate_amount", .integer(truncateAmount))) }
        return Data(CompactJSON.render(.object(pairs: members)).utf8).base64EncodedString()
    }

    static func decode(_ token: String) -> (tokens: [(String, AWSValue)], truncateAmount: Int)? {
        var padded = token
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), let text = String(data: data, encoding: .utf8),
              case .object(let members)? = try? PythonJSONParser.parse(text) else { return nil }
        let truncate = members.first { $0.key == "boto_truncate_amount" }?.value.intValue ?? 0
        return (members.filter { $0.key != "boto_truncate_amount" }.map { ($0.key, $0.value) }, truncate)
    }
}
