/// IAM's checks on Principal / NotPrincipal values: `Invalid principal in policy: "AWS":"…"`.
enum PrincipalRules {
    static func check(_ entry: PrincipalEntry, origin: DocumentOrigin = .submitted) -> Diagnostic? {
        let value = entry.value.value
        let valid: Bool
        switch entry.kind {
        case .aws: valid = isValidAWSPrincipal(value) || (origin == .stored && isUniqueID(value))
        // Checked as IAM checks what is submitted; a stored document (a saved sandbox, an older session replayed)
        // keeps what it was accepted with, so a name missing from the list never breaks a role that worked.
        case .service: valid = origin == .stored ? value.hasSuffix(".amazonaws.com") || value.hasSuffix(".amazonaws.com.cn") : isKnownServicePrincipal(value)
        case .federated: valid = !value.isEmpty && !value.contains("*")
        case .canonicalUser: valid = value.count == 64 && value.allSatisfy(\.isHexDigit)
        }
        return valid ? nil : .malformed(IAMMessage.invalidPrincipal(entry.kind.rawValue, value), at: entry.value.position)
    }

    /// A service IAM knows (`lambda.amazonaws.com`; a misspelt `lamda.amazonaws.com` is refused, as IAM refuses
    /// it), in one Region (`logs.eu-west-1.amazonaws.com`), or a part of one (`replication.dynamodb…`).
    static func isKnownServicePrincipal(_ value: String) -> Bool {
        var name = Substring(value)
        if name.hasSuffix(".amazonaws.com") { name = name.dropLast(".amazonaws.com".count) }
        else if name.hasSuffix(".amazonaws.com.cn") { name = name.dropLast(".amazonaws.com.cn".count) }
        else { return false }
        if servicePrincipalNames.contains(String(name)) { return true }
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count >= 2 else { return false }
        if parts.count == 2, servicePrincipalNames.contains(parts[0]), isRegionShaped(parts[1]) { return true }
        return servicePrincipalNames.contains(parts[parts.count - 1])
    }

    /// `eu-west-1`, `us-gov-west-1`: words, then a number.
    private static func isRegionShaped(_ text: String) -> Bool {
        let words = text.split(separator: "-")
        guard words.count >= 3, let last = words.last, last.allSatisfy(\.isNumber) else { return false }
        return words.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isLetter) }
    }

    /// A user's or role's unique id (`AIDA…`, `AROA…`), which IAM writes into a stored policy in place of the ARN
    /// of a principal that was deleted: it names no one any more, not even a new principal of the same name.
    public static func isUniqueID(_ value: String) -> Bool {
        (20...21).contains(value.utf8.count) && (value.hasPrefix("AIDA") || value.hasPrefix("AROA"))
            && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
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
