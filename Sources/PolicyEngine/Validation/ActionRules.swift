/// IAM's checks on the text of Action / NotAction values.
enum ActionRules {
    /// The actions a role trust policy may name.
    static let trustPolicyActions = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity",
    ]

    static func check(_ action: Located<String>) -> Diagnostic? {
        let text = action.value
        if text == "*" { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count < 2 { return .malformed(IAMMessage.actionNeedsVendor, detail: "\"\(text)\" has no service prefix", at: action.position) }
        if parts.count > 2 { return .malformed(IAMMessage.actionOneColon, detail: "\"\(text)\"", at: action.position) }
        let vendor = parts[0]
        let vendorIsValid = !vendor.isEmpty && vendor.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !vendorIsValid { return .malformed(IAMMessage.invalidVendor(String(vendor)), at: action.position) }
        return nil
    }

    /// Whether a trust policy may list this action: one of the STS actions, or a pattern that covers one.
    static func isAllowedInTrustPolicy(_ action: String) -> Bool {
        guard action.lowercased().hasPrefix("sts:") else { return false }
        let pattern = WildcardPattern(action, caseInsensitive: true)
        return trustPolicyActions.contains { pattern.matches($0) }
    }
}
