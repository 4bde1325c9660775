import AWSModel
import Foundation

/// The checks an AWS service makes of a request's parameters before anything else (before authorization, before
/// looking anything up), from the constraints in botocore's models: a string's pattern and maximum length, a
/// number's maximum, an enum's values. botocore checks minimums on the client; these come back from the service
/// as `ValidationError` (query services) or `ValidationException` (JSON services), worded as AWS words them:
/// `1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy
/// regular expression pattern: [\w+=,.@-]+`.
public enum ServerSideValidator {
    /// Services whose errors take this form. EC2 and S3 validate in their own ways and are left to the sandbox.
    static let errorCodes: [String: String] = [
        "iam": "ValidationError", "sts": "ValidationError", "cloudformation": "ValidationError",
        "lambda": "ValidationException", "dynamodb": "ValidationException", "logs": "ValidationException",
    ]

    /// The error the service would answer `request` with, or nil when its parameters satisfy the model.
    public static func error(for request: ServiceRequest) -> ServiceError? {
        guard let code = errorCodes[request.service],
              let service = ServiceCatalog.services.first(where: { $0.apiName == request.service }),
              let operation = service.operations.first(where: { $0.apiName == request.operation }),
              let inputName = operation.inputShape, let members = request.parameters.members else { return nil }
        let input = service.shape(inputName)
        var problems: [String] = []
        for member in input.members {
            guard let value = members.first(where: { $0.key == member.name })?.value else { continue }
            problems += violations(of: value, shape: service.shape(member.shape), at: lowerFirst(member.name))
        }
        guard !problems.isEmpty else { return nil }
        let count = problems.count == 1 ? "1 validation error" : "\(problems.count) validation errors"
        return ServiceError(code: code, message: "\(count) detected: " + problems.joined(separator: "; "))
    }

    static func violations(of value: AWSValue, shape: ShapeSpec, at member: String) -> [String] {
        var problems: [String] = []
        switch shape.kind {
        case .string:
            guard let text = value.stringValue else { return [] }
            let prefix = "Value '\(text)' at '\(member)' failed to satisfy constraint: "
            if !shape.enumValues.isEmpty, !shape.enumValues.contains(text) {
                problems.append(prefix + "Member must satisfy enum value set: [\(shape.enumValues.joined(separator: ", "))]")
            }
            if let pattern = shape.pattern, let matcher = ModelPattern.regex(pattern), !matcher.matches(text) {
                problems.append(prefix + "Member must satisfy regular expression pattern: \(pattern)")
            }
            if let max = shape.max, text.count > max {
                problems.append(prefix + "Member must have length less than or equal to \(max)")
            }
        case .integer:
            guard let number = value.intValue else { return [] }
            if let max = shape.max, number > max {
                problems.append("Value '\(number)' at '\(member)' failed to satisfy constraint: Member must have value less than or equal to \(max)")
            }
        default:
            break
        }
        return problems
    }

    static func lowerFirst(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }
}

/// botocore's patterns are Java regular expressions; Swift's Regex reads them once `\uXXXX` escapes are rewritten
/// and a final negative look-behind (`(?<!\.)`, "not ending in a dot"), which Swift's Regex lacks, is checked by
/// hand. A pattern that still does not compile is not checked, and a test lists every such pattern.
struct ModelPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// From a final `(?<!x)`: the value must not end with this.
    let forbiddenSuffix: String?

    func matches(_ text: String) -> Bool {
        if let forbiddenSuffix, text.hasSuffix(forbiddenSuffix) { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    nonisolated(unsafe) private static var cache: [String: ModelPattern?] = [:]
    private static let lock = NSLock()

    static func regex(_ pattern: String) -> ModelPattern? {
        if let hit = lock.withLock({ cache[pattern] }) { return hit }
        var body = pattern
        var suffix: String?
        if let range = body.range(of: #"\(\?<!(\\.|[^\\)])\)$"#, options: .regularExpression) {
            let inner = body[range].dropFirst(4).dropLast()
            suffix = inner.hasPrefix("\\") ? String(inner.dropFirst()) : String(inner)
            body.removeSubrange(range)
        }
        let compiled = (try? Regex(swiftSyntax(body))).map { ModelPattern(regex: $0, forbiddenSuffix: suffix) }
        lock.withLock { cache[pattern] = compiled }
        return compiled
    }

    static func swiftSyntax(_ pattern: String) -> String {
        var result = ""
        var scalars = Array(pattern.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", scalars.first == "u", scalars.count >= 5,
               scalars.dropFirst().prefix(4).allSatisfy({ $0.properties.isASCIIHexDigit }) {
                let hex = String(String.UnicodeScalarView(scalars.dropFirst().prefix(4)))
                result += "\\u{\(hex)}"
                scalars = scalars.dropFirst(5)
            } else {
                result.unicodeScalars.append(scalar)
                if scalar == "\\", let next = scalars.popFirst() { result.unicodeScalars.append(next) }
            }
        }
        return result
    }
}
