/// An Amazon Resource Name split into its six colon-separated parts.
/// The resource part keeps any further colons (`log-group:/aws/lambda/f:*`).
public struct ARN: Equatable, Sendable {
    public let partition: String
    public let service: String
    public let region: String
    public let account: String
    public let resource: String

    public init?(_ text: String) {
        // Scans UTF-8 for the first five colons: this runs for every request, and `split` allocates an array.
        let utf8 = text.utf8
        guard utf8.count >= 6, utf8.starts(with: "arn:".utf8) else { return nil }
        var colons: [String.Index] = []
        colons.reserveCapacity(5)
        var index = utf8.startIndex
        while index < utf8.endIndex && colons.count < 5 {
            if utf8[index] == UInt8(ascii: ":") { colons.append(index) }
            index = utf8.index(after: index)
        }
        guard colons.count == 5 else { return nil }
        func part(_ from: Int) -> String {
            let start = utf8.index(after: colons[from])
            let end = from + 1 < colons.count ? colons[from + 1] : utf8.endIndex
            return String(text[start..<end])
        }
        partition = part(0)
        service = part(1)
        region = part(2)
        account = part(3)
        resource = part(4)
        guard !partition.isEmpty, !service.isEmpty else { return nil }
    }

    public var text: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    static let knownPartitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]
}
