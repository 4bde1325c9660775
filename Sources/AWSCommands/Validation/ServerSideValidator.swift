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

    /// One member to check, with what its shape constrains: looked up once per operation. A structure, or a list
    /// of structures, carries the checks of its own members (`tags.1.member.key`, as AWS names them).
    struct MemberCheck: Sendable {
        let name: String
        let label: String
        let shape: ShapeSpec
        /// The shape's pattern, compiled once.
        let matcher: ModelPattern?
        var children: [MemberCheck] = []
        /// The children are those of each element of a list.
        var isList = false
    }

    /// The checks of a structure's members, down through structures and lists of structures; a shape met again on
    /// the way (DynamoDB's recursive attribute values) is not entered twice.
    static func memberChecks(of structure: ShapeSpec, in service: ServiceSpec, visited: Set<String>) -> [MemberCheck] {
        structure.members.compactMap { member -> MemberCheck? in
            let shape = service.shape(member.shape)
            let label = lowerFirst(member.name)
            switch shape.kind {
            case .string, .integer:
                let constrained = shape.pattern != nil || shape.max != nil || !shape.enumValues.isEmpty
                guard constrained else { return nil }
                return MemberCheck(name: member.name, label: label, shape: shape, matcher: shape.pattern.flatMap(ModelPattern.regex))
            case .structure where !visited.contains(member.shape):
                let children = memberChecks(of: shape, in: service, visited: visited.union([member.shape]))
                return children.isEmpty ? nil : MemberCheck(name: member.name, label: label, shape: shape, matcher: nil, children: children)
            case .list:
                guard let elementName = shape.element, !visited.contains(elementName) else { return nil }
                let element = service.shape(elementName)
                guard element.kind == .structure else { return nil }
                let children = memberChecks(of: element, in: service, visited: visited.union([elementName]))
                return children.isEmpty ? nil : MemberCheck(name: member.name, label: label, shape: shape, matcher: nil, children: children, isList: true)
            default:
                return nil
            }
        }
    }

    /// Service and operation → the members with a constraint the service checks. Built once: a request pays a
    /// dictionary lookup, not a walk through the models.
    static let checks: [String: [MemberCheck]] = {
        var table: [String: [MemberCheck]] = [:]
        for service in ServiceCatalog.services where errorCodes[service.apiName] != nil {
            for operation in service.operations {
                guard let inputName = operation.inputShape else { continue }
                let members = memberChecks(of: service.shape(inputName), in: service, visited: [inputName])
                if !members.isEmpty { table[service.apiName + "\u{0}" + operation.apiName] = members }
            }
        }
        return table
    }()

    /// The error the service would answer `request` with, or nil when its parameters satisfy the model.
    public static func error(for request: ServiceRequest) -> ServiceError? {
        if request.service == "ec2" { return ec2Error(for: request) }
        guard let code = errorCodes[request.service], let members = checks[request.service + "\u{0}" + request.operation],
              let parameters = request.parameters.members else { return nil }
        var problems: [String] = []
        collect(members, in: parameters, at: "", into: &problems)
        guard !problems.isEmpty else { return nil }
        let count = problems.count == 1 ? "1 validation error" : "\(problems.count) validation errors"
        return ServiceError(code: code, message: "\(count) detected: " + problems.joined(separator: "; "))
    }

    /// Every violation among `members` of one structure's values, in model order, with AWS's dotted paths.
    static func collect(_ checks: [MemberCheck], in values: [AWSValue.Member], at path: String, into problems: inout [String]) {
        for check in checks {
            guard let value = values.first(where: { $0.key == check.name })?.value else { continue }
            let label = path + check.label
            if check.children.isEmpty {
                problems += violations(of: value, shape: check.shape, at: label, matcher: check.matcher)
            } else if check.isList {
                for (index, element) in (value.listValue ?? []).enumerated() {
                    if let members = element.members { collect(check.children, in: members, at: "\(label).\(index + 1).member.", into: &problems) }
                }
            } else if let members = value.members {
                collect(check.children, in: members, at: label + ".", into: &problems)
            }
        }
    }

    static func violations(of value: AWSValue, shape: ShapeSpec, at member: String, matcher: ModelPattern?) -> [String] {
        var problems: [String] = []
        switch shape.kind {
        case .string:
            guard let text = value.stringValue else { return [] }
            // Built only for a value that breaks a rule: every request's every string comes through here.
            func prefix() -> String { "Value '\(text)' at '\(member)' failed to satisfy constraint: " }
            if !shape.enumValues.isEmpty, !shape.enumValues.contains(text) {
                problems.append(prefix() + "Member must satisfy enum value set: [\(shape.enumValues.joined(separator: ", "))]")
            }
            if let pattern = shape.pattern, let matcher, !matcher.matches(text) {
                problems.append(prefix() + "Member must satisfy regular expression pattern: \(pattern)")
            }
            // UTF-8 length bounds the character count, so most values need no count at all.
            if let max = shape.max, text.utf8.count > max, text.count > max {
                problems.append(prefix() + "Member must have length less than or equal to \(max)")
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

    /// EC2 checks its own way and words it its own way: an instance type outside the model's list is refused
    /// before anything is launched (`Invalid value 't3.bogus' for InstanceType.`, as EC2 answers it).
    static func ec2Error(for request: ServiceRequest) -> ServiceError? {
        guard request.operation == "RunInstances", let type = request.parameters["InstanceType"]?.stringValue,
              !ec2InstanceTypes.isEmpty, !ec2InstanceTypes.contains(type) else { return nil }
        return ServiceError(code: "InvalidParameterValue", message: "Invalid value '\(type)' for InstanceType.")
    }

    static let ec2InstanceTypes: Set<String> = {
        guard let ec2 = ServiceCatalog.services.first(where: { $0.apiName == "ec2" }) else { return [] }
        return Set(ec2.shape("InstanceType").enumValues)
    }()

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
    /// Most of the models' patterns are one character class repeated (`[\w+=,.@-]+`, a policy document's
    /// `[\u0009\u000A\u000D\u0020-\u00FF]+`): checked scalar by scalar, as Swift's Regex costs microseconds a
    /// match and every request is checked.
    let characterClass: CharacterClass?

    /// A class without negation or properties: ASCII members as a bitmap, the rest as ranges of scalars.
    struct CharacterClass {
        var ascii: (UInt64, UInt64) = (0, 0)
        var wide: [ClosedRange<UInt32>] = []
        var allowsEmpty = false

        mutating func insert(_ range: ClosedRange<UInt32>) {
            if range.lowerBound < 128 {
                for value in range.lowerBound...min(range.upperBound, 127) {
                    if value < 64 { ascii.0 |= 1 << UInt64(value) } else { ascii.1 |= 1 << UInt64(value - 64) }
                }
            }
            if range.upperBound >= 128 { wide.append(max(128, range.lowerBound)...range.upperBound) }
        }

        func contains(_ value: UInt32) -> Bool {
            if value < 64 { return ascii.0 & (1 << UInt64(value)) != 0 }
            if value < 128 { return ascii.1 & (1 << UInt64(value - 64)) != 0 }
            return wide.contains { $0.contains(value) }
        }

        func matchesWhole(_ text: String) -> Bool {
            if text.isEmpty { return allowsEmpty }
            return text.unicodeScalars.allSatisfy { contains($0.value) }
        }
    }

    func matches(_ text: String) -> Bool {
        if let forbiddenSuffix, text.hasSuffix(forbiddenSuffix) { return false }
        if let characterClass { return characterClass.matchesWhole(text) }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    /// `[…]+` or `[…]*`: letters, digits, `\w`, `\d`, escaped characters, `\uXXXX` (four digits, as Java reads
    /// it) and ranges of them. Anything else (negation, `\p{…}`, nested classes) is left to the regex.
    static func characterClass(_ pattern: String) -> CharacterClass? {
        guard pattern.hasPrefix("["), pattern.hasSuffix("]+") || pattern.hasSuffix("]*") else { return nil }
        var scalars = Array(pattern.unicodeScalars.dropFirst().dropLast(2))[...]
        guard !scalars.contains("["), !scalars.contains("]"), scalars.first != "^" else { return nil }
        var result = CharacterClass(allowsEmpty: pattern.hasSuffix("*"))
        let word = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".unicodeScalars)
        enum Item { case scalar(UInt32), word, digit }
        func next() -> Item? {
            guard let scalar = scalars.popFirst() else { return nil }
            guard scalar == "\\" else { return .scalar(scalar.value) }
            guard let escaped = scalars.popFirst() else { return nil }
            switch escaped {
            case "u":
                let hex = scalars.prefix(4)
                guard hex.count == 4, hex.allSatisfy(\.properties.isASCIIHexDigit) else { return nil }
                scalars = scalars.dropFirst(4)
                return UInt32(String(String.UnicodeScalarView(hex)), radix: 16).map(Item.scalar)
            case "w": return .word
            case "d": return .digit
            default: return escaped.properties.isAlphabetic ? nil : .scalar(escaped.value)
            }
        }
        while !scalars.isEmpty {
            switch next() {
            case nil: return nil
            case .word: for scalar in word { result.insert(scalar.value...scalar.value) }
            case .digit: result.insert(48...57)
            case .scalar(let low):
                if scalars.first == "-", scalars.count > 1 {
                    scalars = scalars.dropFirst()
                    guard case .scalar(let high)? = next(), high >= low else { return nil }
                    result.insert(low...high)
                } else {
                    result.insert(low...low)
                }
            }
        }
        return result
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
        let compiled = (try? Regex(swiftSyntax(body))).map {
            ModelPattern(regex: $0, forbiddenSuffix: suffix, characterClass: characterClass(body))
        }
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
