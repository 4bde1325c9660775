import PolicyEngine

extension Sandbox {
    /// IAM keeps a user or role named in a trust policy by its unique id, and S3 does the same in a bucket policy:
    /// "If you delete the role or user, then the relationship is broken. … if you recreate the user or role, the
    /// new principal doesn't match the ID stored in the trust policy" (IAM User Guide, "AWS JSON policy elements:
    /// Principal"). So when a principal is deleted, every stored policy naming its ARN names its id instead: that is
    /// what `get-role` then shows, and it lets no one in, not even a new user or role of the same name.
    mutating func forgetPrincipal(_ arn: String, id: String) {
        // A cheap first look for the name alone: JSON may write the ARN's slash escaped (`role\/Victim`).
        let name = String(arn.split(separator: "/").last ?? "")
        for (account, resources) in state.accounts {
            for (key, role) in resources.iam.roles where role.trustPolicy.contains(name) {
                if let rewritten = Self.replacingPrincipal(arn, with: id, in: role.trustPolicy, as: .trust) {
                    state.accounts[account]?.iam.roles[key]?.trustPolicy = rewritten
                }
            }
        }
        for (name, bucket) in state.buckets {
            if let policy = bucket.policy, policy.contains(name), let rewritten = Self.replacingPrincipal(arn, with: id, in: policy, as: .resource) {
                state.buckets[name]?.policy = rewritten
            }
        }
    }

    /// The policy text with each `"AWS"` principal (in Principal or NotPrincipal) that is exactly `arn` written as
    /// `id`, everything else byte for byte as it was; nil when it names `arn` nowhere as a principal.
    static func replacingPrincipal(_ arn: String, with id: String, in text: String, as type: PolicyType) -> String? {
        guard let document = PolicyEngine.check(text, as: type, origin: .stored).document else { return nil }
        let positions = document.statements.flatMap { statement in
            (statement.principal?.entries ?? []).filter { $0.kind == .aws && $0.value.value == arn }.map(\.value.position)
        }
        guard !positions.isEmpty else { return nil }
        var bytes = Array(text.utf8)
        // From the last to the first, so earlier offsets stay true.
        for start in positions.compactMap({ offset(of: $0, in: bytes) }).sorted(by: >) {
            guard bytes[start] == UInt8(ascii: "\""), let end = closingQuote(after: start, in: bytes) else { continue }
            bytes.replaceSubrange(start...end, with: Array("\"\(id)\"".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte offset of a line and column as the policy parser counts them (columns in Unicode scalars).
    static func offset(of position: SourcePosition, in bytes: [UInt8]) -> Int? {
        var line = 1, index = 0
        while line < position.line {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            index = newline + 1
            line += 1
        }
        var column = 1
        while column < position.column, index < bytes.count {
            index += 1
            if index < bytes.count, bytes[index] & 0xC0 != 0x80 { column += 1 }
        }
        return index < bytes.count ? index : nil
    }

    /// The end of the JSON string whose opening quote is at `start`.
    static func closingQuote(after start: Int, in bytes: [UInt8]) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }
}
