/// IAM's checks on the text of Resource / NotResource values.
enum ResourceRules {
    static func check(_ resource: Located<String>) -> Diagnostic? {
        let text = resource.value
        if text == "*" { return nil }
        guard text.hasPrefix("arn:") else {
            return .malformed(IAMMessage.resourceNotARN(text), at: resource.position)
        }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let partition = parts.count > 1 ? String(parts[1]) : ""
        if partition != "*" && !ARN.knownPartitions.contains(partition) {
            return .malformed(IAMMessage.invalidPartition(partition, text), at: resource.position)
        }
        let service = parts.count > 2 ? parts[2] : ""
        if service.isEmpty || service.contains(where: { $0 == "*" || $0 == "?" }) {
            return .malformed(IAMMessage.resourceVendor, detail: "\"\(text)\"", at: resource.position)
        }
        return nil
    }
}
