// The policy engine's API speaks in positioned JSON (nodes, positions), so its users see those types too.
@_exported import PositionedJSON

/// The result of reading and validating one policy document.
public struct PolicyCheck: Sendable {
    /// Nil when the text is not JSON or not shaped like a policy at all.
    public let document: PolicyDocument?
    /// Errors first in document order, then warnings; each with its line and column.
    public let diagnostics: [Diagnostic]
    public let type: PolicyType

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Whether IAM would accept the document (warnings do not count).
    public var isValid: Bool { document != nil && errors.isEmpty }

    /// The compiled policy, or nil when the document has errors.
    public func compiled(name: String) -> CompiledPolicy? {
        guard isValid, let document else { return nil }
        return CompiledPolicy(document, name: name, type: type)
    }
}

/// A policy that failed validation, as an error value carrying IAM's diagnostics.
public struct PolicyRejected: Error, Sendable {
    public let name: String
    public let diagnostics: [Diagnostic]

    /// The first error in IAM's words, e.g. `MalformedPolicyDocument: Has prohibited field Resource`.
    public var message: String {
        guard let first = diagnostics.first(where: { $0.severity == .error }) else { return "policy rejected" }
        return "\(first.code ?? "Error"): \(first.message)" + (first.detail.map { " (\($0))" } ?? "")
    }
}

/// Whether a document is being stored by IAM now, or was stored (or published by AWS) before.
///
/// IAM's size quotas apply when a customer creates or updates a policy. A document that IAM already holds is
/// evaluated whatever its size: AWS managed policies such as ReadOnlyAccess are far larger than the 6,144
/// characters a customer managed policy may have.
public enum DocumentOrigin: Sendable {
    /// A document a caller is asking IAM to store: every quota applies.
    case submitted
    /// A document IAM already holds: only what evaluation needs is checked.
    case stored
}

public enum PolicyEngine {
    /// Parses `text` and validates it as a policy of `type`, reporting every problem IAM would reject
    /// and the warnings a learner benefits from.
    public static func check(_ text: String, as type: PolicyType, origin: DocumentOrigin = .submitted) -> PolicyCheck {
        switch JSONScanner.parse(text) {
        case .failure(let error):
            let diagnostic = Diagnostic.malformed(IAMMessage.invalidJSON, detail: error.reason, at: error.position)
            return PolicyCheck(document: nil, diagnostics: [diagnostic], type: type)
        case .success(let parsed):
            return check(parsed.root, size: parsed.nonWhitespaceCharacters, as: type, origin: origin)
        }
    }

    /// Validates a policy that is already a JSON value (as inside a simulate file).
    public static func check(_ node: JSONNode, size: Int, as type: PolicyType, origin: DocumentOrigin = .submitted) -> PolicyCheck {
        var parser = PolicyParser()
        let document = parser.parse(root: node, size: size)
        var diagnostics = parser.diagnostics
        if let document { diagnostics += PolicyValidator.validate(document, as: type, origin: origin) }
        let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
        return PolicyCheck(document: document, diagnostics: ordered, type: type)
    }

    /// Parses, validates and compiles in one step.
    public static func compile(
        _ text: String, as type: PolicyType, name: String, origin: DocumentOrigin = .submitted
    ) -> Result<CompiledPolicy, PolicyRejected> {
        let result = check(text, as: type, origin: origin)
        guard let policy = result.compiled(name: name) else {
            return .failure(PolicyRejected(name: name, diagnostics: result.diagnostics))
        }
        return .success(policy)
    }
}
