import Suggestions
/// The grammar of task checks: a table of sentence forms, each a sequence of literal words and typed slots.
/// Keeping the forms as data means the parser, the linter's suggestions and the documentation agree.
public enum CheckGrammar {
    enum Slot: Hashable, Sendable {
        case name, service, account, arn, nameOrARN, action, status, s3URL, instance, errorCode, cliService, cliOperation, seconds, value

        /// Why `value` does not fit the slot, or nil when it does.
        func problem(with value: String) -> String? {
            switch self {
            case .name, .nameOrARN, .value:
                return nil
            case .service:
                return value.hasSuffix(".amazonaws.com") ? nil : "expected a service principal such as ec2.amazonaws.com, got '\(value)'"
            case .account:
                if value.count == 12, value.allSatisfy(\.isASCIIDigit) { return nil }
                if value.hasPrefix("arn:aws:iam::"), value.hasSuffix(":root") { return nil }
                return "expected a 12-digit account id or an account root ARN, got '\(value)'"
            case .arn:
                return value.hasPrefix("arn:") && value.split(separator: ":", omittingEmptySubsequences: false).count >= 6
                    ? nil : "expected an ARN (arn:partition:service:region:account:resource), got '\(value)'"
            case .action:
                let parts = value.split(separator: ":", omittingEmptySubsequences: false)
                return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
                    ? nil : "expected an action such as s3:GetObject, got '\(value)'"
            case .status:
                return value.allSatisfy { $0.isUppercase || $0 == "_" } ? nil : "expected a status such as CREATE_COMPLETE, got '\(value)'"
            case .s3URL:
                guard value.hasPrefix("s3://") else { return "expected an object as s3://BUCKET/KEY, got '\(value)'" }
                let path = value.dropFirst(5)
                guard let slash = path.firstIndex(of: "/"), slash != path.startIndex, path.index(after: slash) != path.endIndex else {
                    return "expected an object as s3://BUCKET/KEY, got '\(value)'"
                }
                return nil
            case .instance:
                return value == "any" || value.hasPrefix("i-") ? nil : "expected an instance id (i-…) or 'any', got '\(value)'"
            case .errorCode:
                return value.first?.isUppercase == true && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." }
                    ? nil : "expected an error code such as AccessDenied, got '\(value)'"
            case .seconds:
                return !value.isEmpty && value.count <= 9 && value.allSatisfy(\.isASCIIDigit)
                    ? nil : "expected a number of seconds such as 43200, got '\(value)'"
            case .cliService, .cliOperation:
                return value.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
                    ? nil : "expected a lower-case aws command name such as 'sts' or 'get-caller-identity', got '\(value)'"
            }
        }

        var placeholder: String {
            switch self {
            case .name: return "NAME"
            case .service: return "SERVICE"
            case .account: return "ACCOUNT"
            case .arn: return "ARN"
            case .nameOrARN: return "NAME_OR_ARN"
            case .action: return "ACTION"
            case .status: return "STATUS"
            case .s3URL: return "s3://BUCKET/KEY"
            case .instance: return "ID_OR_any"
            case .errorCode: return "CODE"
            case .cliService: return "SERVICE"
            case .cliOperation: return "OPERATION"
            case .seconds: return "SECONDS"
            case .value: return "VALUE"
            }
        }
    }

    enum Word: Hashable, Sendable {
        case literal(String)
        case slot(Slot)
    }

    struct Form: Sendable {
        let words: [Word]
        let build: @Sendable ([String]) -> CheckCondition

        var usage: String {
            words.map { word in
                switch word {
                case .literal(let text): return text
                case .slot(let slot): return slot.placeholder
                }
            }.joined(separator: " ")
        }
    }

    private static func form(_ text: String, _ build: @escaping @Sendable ([String]) -> CheckCondition) -> Form {
        let slots: [String: Slot] = [
            "NAME": .name, "SERVICE": .service, "ACCOUNT": .account, "ARN": .arn, "NAME_OR_ARN": .nameOrARN,
            "ACTION": .action, "STATUS": .status, "OBJECT": .s3URL, "INSTANCE": .instance, "CODE": .errorCode,
            "CLI_SERVICE": .cliService, "CLI_OPERATION": .cliOperation, "SECONDS": .seconds, "VALUE": .value,
        ]
        let words = text.split(separator: " ").map { word -> Word in
            if let slot = slots[String(word)] { return .slot(slot) }
            return .literal(String(word))
        }
        return Form(words: words, build: build)
    }

    /// Order matters where forms share a prefix: the more literal form comes first.
    static let forms: [Form] = [
        form("role NAME exists") { .roleExists(role: $0[0]) },
        form("role NAME trusts service SERVICE") { .roleTrustsService(role: $0[0], service: $0[1]) },
        form("role NAME trusts account ACCOUNT") { .roleTrustsAccount(role: $0[0], account: $0[1]) },
        form("role NAME trusts ARN") { .roleTrustsPrincipal(role: $0[0], arn: $0[1]) },
        form("role NAME has managed policy NAME_OR_ARN") { .roleHasManagedPolicy(role: $0[0], policy: $0[1]) },
        form("role NAME has inline policy NAME") { .roleHasInlinePolicy(role: $0[0], policy: $0[1]) },
        form("role NAME has permissions boundary NAME_OR_ARN") { .roleHasPermissionsBoundary(role: $0[0], policy: $0[1]) },
        form("role NAME has max session duration SECONDS") { .roleHasMaxSessionDuration(role: $0[0], seconds: Int($0[1]) ?? -1) },
        form("role NAME allows ACTION on ARN") { .roleAllows(role: $0[0], action: $0[1], resource: $0[2]) },
        form("role NAME is service-linked") { .roleIsServiceLinked(role: $0[0]) },
        form("role NAME trusts github token for VALUE") { .roleTrustsGitHubToken(role: $0[0], subject: $0[1]) },
        form("oidc-provider VALUE has audience VALUE") { .openIDConnectProviderHasAudience(url: $0[0], audience: $0[1]) },
        form("user NAME exists") { .userExists(user: $0[0]) },
        form("policy NAME exists") { .policyExists(policy: $0[0]) },
        form("instance-profile NAME has role NAME") { .instanceProfileHasRole(profile: $0[0], role: $0[1]) },
        form("instance INSTANCE uses role NAME") { .instanceUsesRole(instance: $0[0] == "any" ? nil : $0[0], role: $0[1]) },
        form("function NAME exists") { .functionExists(function: $0[0]) },
        form("function NAME uses role NAME") { .functionUsesRole(function: $0[0], role: $0[1]) },
        form("stack NAME uses role NAME") { .stackUsesRole(stack: $0[0], role: $0[1]) },
        form("stack NAME status STATUS") { .stackStatus(stack: $0[0], status: $0[1]) },
        form("bucket NAME exists") { .bucketExists(bucket: $0[0]) },
        form("object OBJECT exists") { values in
            let path = values[0].dropFirst(5)
            let slash = path.firstIndex(of: "/")!
            return .objectExists(bucket: String(path[..<slash]), key: String(path[path.index(after: slash)...]))
        },
        form("table NAME exists") { .tableExists(table: $0[0]) },
        form("log-group NAME exists") { .logGroupExists(logGroup: $0[0]) },
        form("caller is user NAME") { .callerIsUser(user: $0[0]) },
        form("caller is role NAME") { .callerIsRole(role: $0[0]) },
        form("caller uses temporary credentials") { _ in .callerUsesTemporaryCredentials },
        form("last command succeeded") { _ in .lastCommandSucceeded },
        form("last command failed") { _ in .lastCommandFailed(code: nil) },
        form("last command failed with CODE") { .lastCommandFailed(code: $0[0]) },
        form("last command is CLI_SERVICE CLI_OPERATION") { .lastCommandIs(service: $0[0], operation: $0[1]) },
        form("last command is CLI_SERVICE CLI_OPERATION on VALUE") { .lastCommandIsOn(service: $0[0], operation: $0[1], value: $0[2]) },
        form("ran CLI_SERVICE CLI_OPERATION") { .ranOperation(service: $0[0], operation: $0[1]) },
        form("ran CLI_SERVICE CLI_OPERATION on VALUE") { .ranOperationOn(service: $0[0], operation: $0[1], value: $0[2]) },
        form("ran CLI_SERVICE CLI_OPERATION as role NAME") { .ranOperationAs(service: $0[0], operation: $0[1], caller: .role, name: $0[2]) },
        form("ran CLI_SERVICE CLI_OPERATION as user NAME") { .ranOperationAs(service: $0[0], operation: $0[1], caller: .user, name: $0[2]) },
        form("last command ran on an instance") { _ in .lastCommandRanOnInstance },
        form("last command was signed by role NAME") { .lastCommandSignedBy(caller: .role, name: $0[0]) },
        form("last command was signed by user NAME") { .lastCommandSignedBy(caller: .user, name: $0[0]) },
    ]

    /// Every form, as written in docs/lesson-format.md.
    public static var usages: [String] { forms.map(\.usage) }

    public enum ParseResult: Equatable {
        case check(condition: CheckCondition, isNegated: Bool)
        case failure(String)
    }

    /// Parses one check line such as `role S3Reader trusts service ec2.amazonaws.com`.
    public static func parse(_ line: String) -> ParseResult {
        var words = line.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
        var isNegated = false
        if words.first == "not" {
            isNegated = true
            words.removeFirst()
        }
        guard !words.isEmpty else { return .failure("empty check") }

        var slotProblem: String?
        for form in forms where form.words.count == words.count {
            var values: [String] = []
            var matches = true
            var problem: String?
            for (word, token) in zip(form.words, words) {
                switch word {
                case .literal(let text):
                    if text != token { matches = false }
                case .slot(let slot):
                    if let issue = slot.problem(with: token), problem == nil { problem = issue }
                    values.append(token)
                }
                if !matches { break }
            }
            guard matches else { continue }
            if let problem {
                slotProblem = slotProblem ?? problem
                continue
            }
            return .check(condition: form.build(values), isNegated: isNegated)
        }
        if let slotProblem { return .failure("in check '\(line)': \(slotProblem)") }

        let sameSubject = forms.filter { $0.words.first == .literal(words[0]) }.map(\.usage)
        if sameSubject.isEmpty {
            let subjects = Set(forms.compactMap { form -> String? in
                if case .literal(let text) = form.words.first { return text }
                return nil
            })
            let suggestion = Suggestions.didYouMean(words[0], among: subjects)
            return .failure("unknown check '\(line)': a check starts with one of \(subjects.sorted().joined(separator: ", ")).\(suggestion)")
        }
        return .failure("unknown check '\(line)'; expected one of: \(sameSubject.joined(separator: " | "))")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
