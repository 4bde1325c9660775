import Foundation
import AWSModel
/// One API call a command made and how it ended, so lesson checks can ask "did the last command fail with
/// AccessDenied?" without parsing stderr.
public struct ServiceCallRecord: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case success
        case failure(code: String)
    }

    public var service: String
    public var operation: String
    public var outcome: Outcome
    /// The access key the call was signed with: whose call it was (a checks' `ran … as role NAME`).
    public var accessKeyID: String?
    /// The request's parameters, kept as sent: read only when a check asks what the call was about, so
    /// replaying commands pays nothing for it.
    public var parameters: AWSValue?

    public init(service: String, operation: String, outcome: Outcome, accessKeyID: String? = nil, parameters: AWSValue? = nil) {
        self.service = service
        self.operation = operation
        self.outcome = outcome
        self.accessKeyID = accessKeyID
        self.parameters = parameters
    }

    /// The request's top-level text parameters (a role name, a role ARN, a bucket), and a web identity token's
    /// subject (`repo:acme/site:ref:refs/heads/main`): what the call was about, for checks such as
    /// `ran iam get-role on Auditor`.
    public var arguments: [String] { textParameters + (tokenSubject.map { [$0] } ?? []) }

    private var textParameters: [String] {
        guard case .object(let members)? = parameters else { return [] }
        return members.compactMap { $0.value.stringValue }
    }

    private var tokenSubject: String? {
        guard case .object(let members)? = parameters,
              let token = members.first(where: { $0.key == "WebIdentityToken" })?.value.stringValue else { return nil }
        return Self.subject(ofToken: token)
    }

    /// The `sub` claim of a JWT, read without checking its signature (STS checks that).
    static func subject(ofToken token: String) -> String? {
        guard let parts = Base64URL.segments(ofToken: token), parts.count == 3, let data = Base64URL.decoded(parts[1]),
              let text = String(data: data, encoding: .utf8), case .object(let claims)? = try? PythonJSONParser.parse(text) else { return nil }
        return claims.first { $0.key == "sub" }?.value.stringValue
    }

    /// Whether the call named `value` as one of its parameters; names in IAM are unique regardless of case.
    /// Checks ask this of every call a task's commands made, whose parameters include whole policy documents:
    /// compared without lowercased copies, and the token read only when no plain parameter matched.
    public func names(_ value: String) -> Bool {
        textParameters.contains { Self.sameIgnoringCase($0, value) } || tokenSubject.map { Self.sameIgnoringCase($0, value) } == true
    }

    /// `a.lowercased() == b.lowercased()`, without the copies while both are ASCII.
    static func sameIgnoringCase(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?) where x < 0x80 && y < 0x80:
                if x == y { continue }
                let lowerX = x >= 0x41 && x <= 0x5A ? x + 0x20 : x, lowerY = y >= 0x41 && y <= 0x5A ? y + 0x20 : y
                guard lowerX == lowerY else { return false }
            default:
                // Beyond ASCII, or one ended first: lowercasing may change lengths, so it decides.
                return a.lowercased() == b.lowercased()
            }
        }
    }
}
