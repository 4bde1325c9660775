import PositionedJSON
/// One finding about a policy document: an error IAM would reject it for, or a warning for the learner.
public struct Diagnostic: Equatable, Sendable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public let severity: Severity
    /// IAM's error code (`MalformedPolicyDocument`, `LimitExceeded`), or nil for a learner warning.
    public let code: String?
    /// IAM's wording for errors; a one-line reason for warnings.
    public let message: String
    /// What exactly was wrong, when IAM's wording is too general to act on ("Syntax errors in policy.").
    public let detail: String?
    public let position: SourcePosition

    public init(severity: Severity, code: String?, message: String, detail: String? = nil, position: SourcePosition) {
        self.severity = severity
        self.code = code
        self.message = message
        self.detail = detail
        self.position = position
    }

    static func malformed(_ message: String, detail: String? = nil, at position: SourcePosition) -> Diagnostic {
        Diagnostic(severity: .error, code: "MalformedPolicyDocument", message: message, detail: detail, position: position)
    }

    static func warning(_ message: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(severity: .warning, code: nil, message: message, position: position)
    }

    /// `FILE:line:column: error: MalformedPolicyDocument: message (detail)` — the compiler-style line
    /// editors and `rolecall policy validate` print.
    public func formatted(file: String) -> String {
        var text = "\(file):\(position.line):\(position.column): \(severity.rawValue): "
        if let code { text += "\(code): " }
        text += message
        if let detail { text += " (\(detail))" }
        return text
    }
}

/// IAM's MalformedPolicyDocument messages, spelled once so tests and code agree on them.
enum IAMMessage {
    static let invalidJSON = "This policy contains invalid Json"
    static let syntaxErrors = "Syntax errors in policy."
    static let shouldNotSpecifyPrincipal = "Policy document should not specify a principal."
    static let missingPrincipal = "Missing required field Principal"
    static let prohibitedResource = "Has prohibited field Resource"
    static let trustActionsOnly = "AssumeRole policy may only specify STS AssumeRole actions."
    static let mustContainActions = "Policy statement must contain actions."
    static let mustContainResources = "Policy statement must contain resources."
    static let uniqueSids = "Statement IDs (SID) in a single policy must be unique."
    static let actionNeedsVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
    static let actionOneColon = "Actions/Condition can contain only one colon."
    static func invalidVendor(_ vendor: String) -> String { "Vendor \(vendor) is not valid" }
    /// An operator IAM does not know, or one in the wrong case (`stringEquals`): IAM's words, as in a CreateRole log.
    static func invalidConditionType(_ name: String) -> String { "Invalid Condition type : \(name)" }
    static func resourceNotARN(_ resource: String) -> String { "Resource \(resource) must be in ARN format or \"*\"." }
    static func invalidPartition(_ partition: String, _ resource: String) -> String {
        "Partition \"\(partition)\" is not valid for resource \"\(resource)\"."
    }
    static let resourceVendor = "Resource vendor must be fully qualified and cannot contain regexes."
    /// IAM writes the kind in capitals: `"AWS":"…"`, `"SERVICE":"lamda.amazonaws.com"`.
    static func invalidPrincipal(_ kind: String, _ value: String) -> String {
        "Invalid principal in policy: \"\(kind.uppercased())\":\"\(value)\""
    }
    static func sizeQuota(_ name: String, _ limit: Int) -> String { "Cannot exceed quota for \(name): \(limit)" }
}
