/// IAM's checks on the text of Action / NotAction values.
enum ActionRules {
    /// The actions a role trust policy may name.
    static let trustPolicyActions = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity",
    ]

    static func check(_ action: Located<String>) -> Diagnostic? {
        let text = action.value
        if text == "*" { return nil }
        // Read as bytes: every action of every policy a request meets is checked here.
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if parts.count < 2 { return .malformed(IAMMessage.actionNeedsVendor, detail: "\"\(text)\" has no service prefix", at: action.position) }
        if parts.count > 2 { return .malformed(IAMMessage.actionOneColon, detail: "\"\(text)\"", at: action.position) }
        let vendor = parts[0]
        let vendorIsValid = !vendor.isEmpty && vendor.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
        }
        if !vendorIsValid { return .malformed(IAMMessage.invalidVendor(String(decoding: vendor, as: UTF8.self)), at: action.position) }
        return nil
    }

    /// Whether a trust policy may list this action: one of the STS actions, or a pattern that covers one.
    static func isAllowedInTrustPolicy(_ action: String) -> Bool {
        guard action.lowercased().hasPrefix("sts:") else { return false }
        let pattern = WildcardPattern(action, caseInsensitive: true)
        return trustPolicyActions.contains { pattern.matches($0) }
    }
}
