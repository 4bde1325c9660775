import AWSModel

/// IAM's parameter constraints and the ValidationError text it returns when one is broken:
/// `1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy ...`.
struct Constraint {
    enum Pattern {
        /// `[\w+=,.@-]+`: names of users, roles, policies and instance profiles.
        case iamName
        /// `[\w+=,.@-]*`: session names.
        case sessionName
        /// `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`: IAM paths.
        case path
        /// `[\w+=,.@:\/-]*`: external ids.
        case externalID

        var text: String {
            switch self {
            case .iamName: return #"[\w+=,.@-]+"#
            case .sessionName: return #"[\w+=,.@-]*"#
            case .path: return #"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#
            case .externalID: return #"[\w+=,.@:\/-]*"#
            }
        }

        func matches(_ value: String) -> Bool {
            func isWord(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            }
            switch self {
            case .iamName, .sessionName:
                return value.unicodeScalars.allSatisfy { isWord($0) || "+=,.@-".unicodeScalars.contains($0) }
            case .externalID:
                return value.unicodeScalars.allSatisfy { isWord($0) || "+=,.@:/-".unicodeScalars.contains($0) }
            case .path:
                if value == "/" { return true }
                return value.count >= 2 && value.hasPrefix("/") && value.hasSuffix("/")
                    && value.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
            }
        }
    }

    var member: String
    var minLength: Int?
    var maxLength: Int?
    var pattern: Pattern?

    /// Every broken constraint of one value, in the order IAM lists them.
    func violations(of value: String) -> [String] {
        var problems: [String] = []
        let prefix = "Value '\(value)' at '\(member)' failed to satisfy constraint: "
        if let pattern, !pattern.matches(value) { problems.append(prefix + "Member must satisfy regular expression pattern: \(pattern.text)") }
        if let minLength, value.count < minLength { problems.append(prefix + "Member must have length greater than or equal to \(minLength)") }
        if let maxLength, value.count > maxLength { problems.append(prefix + "Member must have length less than or equal to \(maxLength)") }
        return problems
    }

    static func roleName(_ member: String = "roleName") -> Constraint { Constraint(member: member, minLength: 1, maxLength: 64, pattern: .iamName) }
    static func userName(_ member: String = "userName") -> Constraint { Constraint(member: member, minLength: 1, maxLength: 64, pattern: .iamName) }
    static let policyName = Constraint(member: "policyName", minLength: 1, maxLength: 128, pattern: .iamName)
    static let instanceProfileName = Constraint(member: "instanceProfileName", minLength: 1, maxLength: 128, pattern: .iamName)
    static let path = Constraint(member: "path", minLength: 1, maxLength: 512, pattern: .path)
    static let description = Constraint(member: "description", minLength: 0, maxLength: 1000)
    static let roleSessionName = Constraint(member: "roleSessionName", minLength: 2, maxLength: 64, pattern: .sessionName)
    static let externalID = Constraint(member: "externalId", minLength: 2, maxLength: 1224, pattern: .externalID)
}

enum Validation {
    /// Checks values against their constraints and throws one ValidationError listing every violation.
    static func check(_ pairs: [(String?, Constraint)], numeric: [String] = []) throws(ServiceError) {
        var problems: [String] = []
        for (value, constraint) in pairs {
            if let value { problems += constraint.violations(of: value) }
        }
        problems += numeric
        guard !problems.isEmpty else { return }
        let count = problems.count == 1 ? "1 validation error detected" : "\(problems.count) validation errors detected"
        throw ServiceError(code: "ValidationError", message: "\(count): \(problems.joined(separator: "; "))")
    }

    /// The text of a numeric range violation, to pass to `check(_:numeric:)`.
    static func range(_ value: Int?, member: String, min: Int, max: Int) -> [String] {
        guard let value else { return [] }
        let prefix = "Value '\(value)' at '\(member)' failed to satisfy constraint: "
        if value < min { return [prefix + "Member must have value greater than or equal to \(min)"] }
        if value > max { return [prefix + "Member must have value less than or equal to \(max)"] }
        return []
    }
}
