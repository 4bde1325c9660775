import Foundation

/// The sandbox's page tokens (IAM's `Marker`, CloudWatch Logs' `nextToken`): the offset of the next item, under a
/// label saying what was listed, in base64 as AWS's opaque tokens look.
enum PageToken {
    static func make(_ label: String, offset: Int) -> String {
        Data("\(label):\(offset)".utf8).base64EncodedString()
    }

    /// The offset a token of this label holds, when it is one and lies within the `count` items listed.
    static func offset(of token: String, _ label: String, count: Int) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix(label + ":"), let offset = Int(text.dropFirst(label.count + 1)), (0...count).contains(offset) else { return nil }
        return offset
    }
}
