/// IAM's checks on Principal / NotPrincipal values: `Invalid principal in policy: "AWS":"…"`.
enum PrincipalRules {
    static func check(_ entry: PrincipalEntry, origin: DocumentOrigin = .submitted) -> Diagnostic? {
        let value = entry.value.value
        let valid: Bool
        switch entry.kind {
        case .aws: valid = isValidAWSPrincipal(value) || (origin == .stored && isUniqueID(value))
        case .service: valid = isKnownServicePrincipal(value)
        case .federated: valid = !value.isEmpty && !value.contains("*")
        case .canonicalUser: valid = value.count == 64 && value.allSatisfy(\.isHexDigit)
        }
        return valid ? nil : .malformed(IAMMessage.invalidPrincipal(entry.kind.rawValue, value), at: entry.value.position)
    }

    /// A service IAM knows (`lambda.amazonaws.com`; a misspelt `lamda.amazonaws.com` is refused, as IAM refuses
    /// it), one of its Regions' (`logs.eu-west-1.amazonaws.com`) or one of its parts' (`replication.dynamodb…`).
    static func isKnownServicePrincipal(_ value: String) -> Bool {
        var name = Substring(value)
        if name.hasSuffix(".amazonaws.com") { name = name.dropLast(".amazonaws.com".count) }
        else if name.hasSuffix(".amazonaws.com.cn") { name = name.dropLast(".amazonaws.com.cn".count) }
        else { return false }
        if servicePrincipalNames.contains(String(name)) { return true }
        return name.split(separator: ".").contains { servicePrincipalNames.contains(String($0)) }
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
