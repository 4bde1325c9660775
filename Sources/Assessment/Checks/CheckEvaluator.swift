import AWSCommands
import Lessons
import Sandbox
import SandboxShell

/// What a task's checks can look at: the world, who the learner currently is, and what their commands did.
public struct TaskContext {
    public var sandbox: Sandbox
    /// The access key the learner's next `aws` command would sign with.
    public var callerAccessKey: String?
    /// Every line run since the task started, oldest first.
    public var outcomes: [ShellOutcome]

    public init(sandbox: Sandbox, callerAccessKey: String?, outcomes: [ShellOutcome]) {
        self.sandbox = sandbox
        self.callerAccessKey = callerAccessKey
        self.outcomes = outcomes
    }

    /// What a task's checks see of a shell: its world and whom its next command would run as.
    public init(shell: SandboxShell, outcomes: [ShellOutcome]) {
        self.init(sandbox: shell.world, callerAccessKey: shell.currentAccessKeyID, outcomes: outcomes)
    }
}

/// Decides each check of a task against the sandbox. A task is done when every check holds.
public enum CheckEvaluator {
    public static func unmet(_ task: HandsOnTask, in context: TaskContext) -> [TaskCheck] {
        task.checks.filter { !holds($0, in: context) }
    }

    public static func holds(_ check: TaskCheck, in context: TaskContext) -> Bool {
        let value = evaluate(check.condition, in: context)
        return check.isNegated ? !value : value
    }

    static func evaluate(_ condition: CheckCondition, in context: TaskContext) -> Bool {
        let world = context.sandbox
        let last = context.outcomes.last
        switch condition {
        case .roleExists(let role): return world.roleExists(role)
        case .roleTrustsService(let role, let service): return world.roleTrusts(role, principal: service)
        case .roleTrustsAccount(let role, let account): return world.roleTrusts(role, principal: account)
        case .roleTrustsPrincipal(let role, let arn): return world.roleTrusts(role, principal: arn)
        case .roleHasManagedPolicy(let role, let policy): return world.roleHasManagedPolicy(role, policy: policy)
        case .roleHasInlinePolicy(let role, let policy): return world.roleHasInlinePolicy(role, policy: policy)
        case .roleAllows(let role, let action, let resource): return world.roleAllows(role, action: action, resource: resource)
        case .roleHasMaxSessionDuration(let role, let seconds): return world.maxSessionDuration(ofRole: role) == seconds
        case .roleHasPermissionsBoundary(let role, let policy): return world.roleHasPermissionsBoundary(role, policy: policy)
        case .roleIsServiceLinked(let role): return world.roleIsServiceLinked(role)
        case .roleTrustsGitHubToken(let role, let subject): return world.roleTrustsGitHubToken(role, subject: subject)
        case .openIDConnectProviderHasAudience(let url, let audience): return world.openIDConnectProvider(url, hasAudience: audience)
        case .userExists(let user): return world.userExists(user)
        case .policyExists(let policy): return world.customerPolicyExists(policy)
        case .instanceProfileHasRole(let profile, let role): return world.instanceProfileHasRole(profile, role: role)
        case .instanceUsesRole(let instance, let role): return world.instanceUsesRole(instance, role: role)
        case .functionExists(let function): return world.functionExists(function)
        case .functionUsesRole(let function, let role): return world.functionUsesRole(function, role: role)
        case .stackStatus(let stack, let status): return world.stackStatus(stack) == status
        case .stackUsesRole(let stack, let role): return world.stackUsesRole(stack, role: role)
        case .bucketExists(let bucket): return world.bucketExists(bucket)
        case .objectExists(let bucket, let key): return world.objectExists(bucket: bucket, key: key)
        case .tableExists(let table): return world.tableExists(table)
        case .logGroupExists(let group): return world.logGroupExists(group)
        case .callerIsUser(let user):
            guard let key = context.callerAccessKey else { return false }
            return world.owner(ofAccessKey: key).user?.lowercased() == user.lowercased()
        case .callerIsRole(let role):
            guard let key = context.callerAccessKey else { return false }
            return world.owner(ofAccessKey: key).role?.lowercased() == role.lowercased()
        case .callerUsesTemporaryCredentials:
            return context.callerAccessKey?.hasPrefix("ASIA") == true
        case .lastCommandSucceeded:
            return last.map { $0.exitCode == 0 } ?? false
        case .lastCommandFailed(let code):
            guard let last, last.exitCode != 0 else { return false }
            guard let code else { return true }
            return last.calls.contains { $0.outcome == .failure(code: code) }
        case .lastCommandIs(let service, let operation):
            // What the learner typed counts, even when the CLI refused it before calling AWS.
            guard let typed = last.flatMap({ AWSCommandLine.serviceAndOperation(in: $0.words) }) else { return false }
            return typed.service == service && typed.operation == operation
        case .lastCommandIsOn(let service, let operation, let value):
            guard let last, let typed = AWSCommandLine.serviceAndOperation(in: last.words),
                  typed.service == service, typed.operation == operation else { return false }
            // A word of the line, or a value the call sent (a file's contents, a token's subject).
            return last.words.contains { word in
                word.lowercased() == value.lowercased() || word.lowercased().hasSuffix("=" + value.lowercased())
            } || last.calls.last?.names(value) == true
        case .lastCommandSignedBy(let caller, let name):
            guard let key = last?.calls.last?.accessKeyID else { return false }
            let owner = world.owner(ofAccessKey: key)
            return (caller == .role ? owner.role : owner.user)?.lowercased() == name.lowercased()
        case .lastCommandRanOnInstance:
            return last.map { $0.command == "instance" && $0.words.dropFirst().first == "exec" } ?? false
        case .ranOperation(let service, let operation):
            return context.outcomes.contains { outcome in
                outcome.calls.contains {
                    AWSCommandLine.sameService($0.service, service) && OperationNames.spells($0.operation, as: operation) && $0.outcome == .success
                }
            }
        case .ranOperationOn(let service, let operation, let value):
            return context.outcomes.contains { outcome in
                outcome.calls.contains {
                    AWSCommandLine.sameService($0.service, service) && OperationNames.spells($0.operation, as: operation)
                        && $0.outcome == .success && $0.names(value)
                }
            }
        case .ranOperationAs(let service, let operation, let caller, let name):
            // Whose call it was comes from the key that signed it: a session of the role, or the user's own key.
            return context.outcomes.contains { outcome in
                outcome.calls.contains { call in
                    guard AWSCommandLine.sameService(call.service, service), OperationNames.spells(call.operation, as: operation),
                          call.outcome == .success, let key = call.accessKeyID else { return false }
                    let owner = world.owner(ofAccessKey: key)
                    return (caller == .role ? owner.role : owner.user)?.lowercased() == name.lowercased()
                }
            }
        }
    }
}

/// API operation names as the aws CLI spells them: `GetCallerIdentity` → `get-caller-identity`,
/// `ListObjectsV2` → `list-objects-v2` (botocore's rule, acronyms included).
public enum OperationNames {
    /// Whether the CLI spells `apiName` as `cliName`. Checks ask this of every call a task's commands made, so a
    /// name that differs once dashes and case are set aside (as most do) is told apart without spelling it out.
    public static func spells(_ apiName: String, as cliName: String) -> Bool {
        var letters = cliName.utf8.lazy.filter { $0 != UInt8(ascii: "-") }.makeIterator()
        for byte in apiName.utf8 {
            guard let letter = letters.next(), letter == byte || (byte >= 0x41 && byte <= 0x5A && letter == byte + 0x20) else { return false }
        }
        guard letters.next() == nil else { return false }
        return Self.cliName(apiName) == cliName
    }

    public static func cliName(_ apiName: String) -> String {
        let characters = Array(apiName)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { result.append("-") }
            } else if character.isNumber, index > 0, characters[index - 1].isLowercase {
                result.append("-")
            }
            result.append(Character(character.lowercased()))
        }
        return result
    }
}

/// Reading an aws command line the way the CLI does, for checks about what was typed.
enum AWSCommandLine {
    /// Global options that take a value, so their value is not taken for the service or operation.
    static let optionsWithValues: Set<String> = ["--profile", "--region", "--output", "--query", "--endpoint-url", "--color", "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout"]

    /// The service and operation of the (last) `aws` command in the words, e.g. ("sts", "assume-role").
    static func serviceAndOperation(in words: [String]) -> (service: String, operation: String)? {
        guard let start = words.lastIndex(of: "aws") else { return nil }
        var positional: [String] = []
        var index = start + 1
        while index < words.count, positional.count < 2 {
            let word = words[index]
            if word.hasPrefix("--") {
                if optionsWithValues.contains(word) { index += 1 }
            } else {
                positional.append(word)
            }
            index += 1
        }
        return positional.count == 2 ? (positional[0], positional[1]) : nil
    }

    /// `s3api` is the CLI's name for the S3 API; the calls it makes are S3's.
    static func sameService(_ called: String, _ typed: String) -> Bool {
        called == typed || (called == "s3" && typed == "s3api")
    }
}
