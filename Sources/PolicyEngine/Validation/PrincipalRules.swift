/// IAM's checks on Principal / NotPrincipal values: `Invalid principal in policy: "AWS":"…"`.
enum PrincipalRules {
    static func check(_ entry: PrincipalEntry) -> Diagnostic? {
        let value = entry.value.value
        let valid: Bool
        switch entry.kind {
        case .aws: valid = isValidAWSPrincipal(value)
        case .service: valid = value.hasSuffix(".amazonaws.com") || value.hasSuffix(".amazonaws.com.cn")
        case .federated: valid = !value.isEmpty && !value.contains("*")
        case .canonicalUser: valid = value.count == 64 && value.allSatisfy(\.isHexDigit)
        }
        return valid ? nil : .malformed(IAMMessage.invalidPrincipal(entry.kind.rawValue, value), at: entry.value.position)
    }

    /// `*`, a 12-digit account id, or an IAM/STS ARN without wildcards.
    private static func isValidAWSPrincipal(_ value: String) -> Bool {
        if value == "*" { return true }
        if value.count == 12 && value.allSatisfy(\.isNumber) { return true }
        guard let arn = ARN(value), ARN.knownPartitions.contains(arn.partition), !value.contains("*"), !value.contains("?"),
              arn.account.count == 12, arn.account.allSatisfy(\.isNumber) else { return false }
        switch arn.service {
        case "iam":
            return arn.resource == "root" || ["user/", "role/", "federated-user/"].contains { arn.resource.hasPrefix($0) }
        case "sts":
            return arn.resource.hasPrefix("assumed-role/") || arn.resource.hasPrefix("federated-user/")
        default:
            return false
        }
    }
}
