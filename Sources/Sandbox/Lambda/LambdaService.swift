import Foundation
import AWSModel
import Crypto

/// Lambda functions and their execution roles. A function's code is a short list of aws commands; invoking it hands
/// those commands and the execution role's credentials to whoever runs commands (the shell), which then reports
/// the output back so Lambda can write it to CloudWatch Logs, as far as the role allows.
public struct LambdaExecution: Sendable, Hashable, Codable {
    public var functionName: String
    public var account: String
    public var requestID: String
    /// The aws commands the function runs, in order (comment lines removed).
    public var commands: [String]
    public var credentials: AWSCredentials
}

/// Runs a function's code for an invocation. The sandbox knows when a function is invoked and with which role;
/// running its commands needs the aws command layer, which lives above the sandbox, so the shell plugs a runtime in.
public protocol FunctionRuntime: Sendable {
    /// Runs the invocation's commands against `sandbox`; returns what they printed, or the failure that ended them.
    func run(_ execution: LambdaExecution, in sandbox: inout Sandbox) -> (output: [String], failure: ServiceError?)
}

extension Sandbox {
    /// Lambda's operations, dispatched by `Sandbox.dispatch`.
    static let lambdaService = SimulatedService(name: "lambda", operations: [
        "CreateFunction": { sandbox, call throws(ServiceError) in try sandbox.createFunction(call) },
        "GetFunction": { sandbox, call throws(ServiceError) in try sandbox.getFunction(call) },
        "GetFunctionConfiguration": { sandbox, call throws(ServiceError) in
            sandbox.configurationResponse(try sandbox.authorizedFunction(call, action: "lambda:GetFunctionConfiguration"))
        },
        "ListFunctions": { sandbox, call throws(ServiceError) in try sandbox.listFunctions(call) },
        "DeleteFunction": { sandbox, call throws(ServiceError) in try sandbox.deleteFunction(call) },
        "UpdateFunctionConfiguration": { sandbox, call throws(ServiceError) in try sandbox.updateFunctionConfiguration(call) },
        "Invoke": { sandbox, call throws(ServiceError) in try sandbox.invoke(call) },
    ])

    static func functionARN(account: String, name: String) -> String { ResourceARN.lambdaFunction(account: account, name: name) }

    /// The function a call names, once the caller is authorized for the action on it. AWS authorizes first, so a
    /// caller without the permission hears AccessDeniedException even for a function that does not exist.
    private mutating func authorizedFunction(_ call: Call, action: String) throws(ServiceError) -> LambdaFunction {
        let reference = try call.required("FunctionName")
        let name = reference.hasPrefix("arn:") ? String(reference.split(separator: ":").last ?? "") : reference
        try authorize(call, action: action, resource: Self.functionARN(account: call.caller.account, name: name))
        guard let function = state[account: call.caller.account].functions[name] else {
            throw ServiceError(code: "ResourceNotFoundException", message: "Function not found: \(Self.functionARN(account: call.caller.account, name: name))")
        }
        return function
    }

    /// Lambda checks that the caller may pass the role and that the role trusts lambda.amazonaws.com.
    private mutating func checkExecutionRole(_ call: Call, roleARN: String) throws(ServiceError) -> IAMRole {
        let cannotAssume = ServiceError(code: "InvalidParameterValueException", message: "The role defined for the function cannot be assumed by Lambda.")
        try authorize(call, action: "iam:PassRole", resource: roleARN, context: ["iam:PassedToService": ["lambda.amazonaws.com"]])
        guard let arn = ARNParts(roleARN), arn.kind == "role", let role = state[account: arn.account].iam.role(named: arn.name), role.arn == roleARN else {
            throw cannotAssume
        }
        guard trustAllowsService(role, service: "lambda.amazonaws.com") else { throw cannotAssume }
        return role
    }

    mutating func createFunction(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("FunctionName")
        let roleARN = try call.required("Role")
        let account = call.caller.account
        try authorize(call, action: "lambda:CreateFunction", resource: Self.functionARN(account: account, name: name))
        if state[account: account].functions[name] != nil {
            throw ServiceError(code: "ResourceConflictException", message: "Function already exist: \(name)")
        }
        // A .zip package needs both: Lambda has nothing to run it with otherwise.
        guard let runtime = call.optional("Runtime"), let handler = call.optional("Handler") else {
            throw ServiceError(code: "InvalidParameterValueException", message: "Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        try Self.checkTimeout(call)
        try Self.checkMemorySize(call)
        _ = try checkExecutionRole(call, roleARN: roleARN)
        let code = call.parameters["Code"]?["ZipFile"]?.stringValue ?? ""
        let function = LambdaFunction(name: name, account: account, runtime: runtime, handler: handler,
                                      roleARN: roleARN, code: code, codeSize: code.utf8.count, codeSHA256: Self.codeSHA256(of: code),
                                      description: call.optional("Description") ?? "", timeout: try call.integer("Timeout") ?? 3,
                                      memorySize: try call.integer("MemorySize") ?? 128, modified: state.clock.now,
                                      environment: Self.environmentVariables(call))
        state.accounts[account, default: AccountResources()].functions[name] = function
        return configurationResponse(function, state: "Pending", lastUpdate: nil)
    }

    /// Lambda's CodeSha256: the base64 of the package's SHA-256. (The sandbox keeps a zip's first file, so for a real
    /// zip this is that file's, not the archive's; for the course's text stand-in it is exact.)
    static func codeSHA256(of code: String) -> String {
        Data(SHA256.hash(data: Array(code.utf8))).base64EncodedString()
    }

    /// `--environment Variables={KEY=value,…}`: nil when not given.
    static func environmentVariables(_ call: Call) -> [String: String]? {
        guard let variables = call.parameters["Environment"]?["Variables"]?.objectMembers else { return nil }
        return Dictionary(variables.compactMap { key, value in value.textValue.map { (key, $0) } }, uniquingKeysWith: { $1 })
    }

    /// A function's memory is at most 10,240 MB (Lambda quotas; the CLI checks the 128 MB minimum itself).
    static func checkMemorySize(_ call: Call) throws(ServiceError) {
        if let memory = try call.integer("MemorySize"), memory > 10240 {
            throw ServiceError(code: "InvalidParameterValueException", message: "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240")
        }
    }

    /// A function configuration's revision: a UUID-shaped digest of what the configuration is, so it changes with
    /// every update and draws nothing from the id sequence (ids later in a replay stay the same).
    static func revisionID(_ function: LambdaFunction) -> String {
        let text = [function.name, function.runtime, function.handler, function.roleARN, function.codeSHA256, function.description,
                    String(function.timeout), String(function.memorySize), String(function.modified),
                    (function.environment ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")].joined(separator: "\u{1F}")
        return IDGenerator.uuid(digesting: text)
    }

    /// Lambda runs a function for at most 15 minutes.
    static func checkTimeout(_ call: Call) throws(ServiceError) {
        if let timeout = try call.integer("Timeout"), timeout > 900 {
            throw ServiceError(code: "ValidationException", message: "1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900")
        }
    }

    /// In the order of Lambda's model (`FunctionConfiguration`), which is the order the aws CLI prints them in.
    /// `lastUpdate`: `Successful` once a function is made, `InProgress` in the answer to an update; none while the
    /// function is first being made.
    private func configurationResponse(_ function: LambdaFunction, state functionState: String = "Active", lastUpdate: String? = "Successful") -> AWSValue {
        var members: [AWSValue.Member] = [
            .init("FunctionName", .string(function.name)), .init("FunctionArn", .string(function.arn)),
            .init("Runtime", .string(function.runtime)), .init("Role", .string(function.roleARN)), .init("Handler", .string(function.handler)),
            .init("CodeSize", .integer(function.codeSize)), .init("Description", .string(function.description)),
            .init("Timeout", .integer(function.timeout)), .init("MemorySize", .integer(function.memorySize)),
            .init("LastModified", .string(SandboxClock.iso8601(function.modified).replacingOccurrences(of: "+00:00", with: ".000+0000"))),
            .init("CodeSha256", .string(function.codeSHA256)), .init("Version", "$LATEST"),
        ]
        if let environment = function.environment {
            members.append(.init("Environment", .object([.init("Variables", .object(environment.sorted { $0.key < $1.key }.map { AWSValue.Member($0.key, .string($0.value)) }))])))
        }
        members += [
            .init("TracingConfig", .object([.init("Mode", "PassThrough")])), .init("RevisionId", .string(Self.revisionID(function))),
            .init("State", .string(functionState)),
        ]
        if let lastUpdate { members.append(.init("LastUpdateStatus", .string(lastUpdate))) }
        return .object(members + [
            .init("PackageType", "Zip"), .init("Architectures", ["x86_64"]),
            .init("EphemeralStorage", .object([.init("Size", 512)])),
            .init("LoggingConfig", .object([.init("LogFormat", "Text"), .init("LogGroup", .string("/aws/lambda/\(function.name)"))])),
        ])
    }

    mutating func getFunction(_ call: Call) throws(ServiceError) -> AWSValue {
        let function = try authorizedFunction(call, action: "lambda:GetFunction")
        return .object([
            .init("Configuration", configurationResponse(function)),
            .init("Code", .object([.init("RepositoryType", "S3"), .init("Location", .string("https://awslambda-\(SandboxState.region)-tasks.s3.\(SandboxState.region).amazonaws.com/snapshots/\(function.account)/\(function.name)"))])),
        ])
    }

    mutating func listFunctions(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "lambda:ListFunctions", resource: "*")
        let functions = state[account: call.caller.account].functions.values.sorted { $0.name < $1.name }
        return .object([.init("Functions", .list(functions.map { configurationResponse($0) }))])
    }

    mutating func deleteFunction(_ call: Call) throws(ServiceError) -> AWSValue {
        let function = try authorizedFunction(call, action: "lambda:DeleteFunction")
        state.accounts[call.caller.account]?.functions[function.name] = nil
        return .object([])
    }

    mutating func updateFunctionConfiguration(_ call: Call) throws(ServiceError) -> AWSValue {
        var function = try authorizedFunction(call, action: "lambda:UpdateFunctionConfiguration")
        if let roleARN = call.optional("Role") {
            _ = try checkExecutionRole(call, roleARN: roleARN)
            function.roleARN = roleARN
        }
        if let description = call.optional("Description") { function.description = description }
        try Self.checkTimeout(call)
        try Self.checkMemorySize(call)
        if let timeout = try call.integer("Timeout") { function.timeout = timeout }
        if let memory = try call.integer("MemorySize") { function.memorySize = memory }
        if let handler = call.optional("Handler") { function.handler = handler }
        if let runtime = call.optional("Runtime") { function.runtime = runtime }
        // The variables given replace the function's, as Lambda's update does (an empty set removes them all).
        if let environment = Self.environmentVariables(call) { function.environment = environment.isEmpty ? nil : environment }
        function.modified = state.clock.now
        state.accounts[call.caller.account]?.functions[function.name] = function
        return configurationResponse(function, lastUpdate: "InProgress")
    }

    mutating func invoke(_ call: Call) throws(ServiceError) -> AWSValue {
        let function = try authorizedFunction(call, action: "lambda:InvokeFunction")
        guard let arn = ARNParts(function.roleARN), let role = state[account: arn.account].iam.role(named: arn.name),
              trustAllowsService(role, service: "lambda.amazonaws.com") else {
            throw ServiceError(code: "AccessDeniedException", message: "The role defined for the function cannot be assumed by Lambda.")
        }
        // DryRun checks the caller and the function and runs nothing (Lambda answers 204); Event queues the run and
        // answers 202 without its result; RequestResponse, the default, answers 200 with it.
        let invocationType = call.optional("InvocationType") ?? "RequestResponse"
        if invocationType == "DryRun" { return .object([.init("StatusCode", 204)]) }
        let session = issueSession(for: role, sessionName: function.name, duration: 3600)
        let commands = function.code.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let execution = LambdaExecution(
            functionName: function.name, account: function.account, requestID: state.ids.uuid(), commands: commands,
            credentials: AWSCredentials(accessKeyID: session.accessKeyID, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken)
        )
        let queued = invocationType == "Event"
        // Without a runtime (a sandbox used on its own) the function is invoked but runs nothing.
        guard let runtime = functionRuntime else {
            return .object(queued ? [.init("StatusCode", 202)] : [.init("StatusCode", 200), .init("ExecutedVersion", "$LATEST")])
        }
        let (output, failure) = runtime.run(execution, in: &self)
        recordFunctionLogs(execution, output: output, memorySize: function.memorySize)
        if queued { return .object([.init("StatusCode", 202)]) }
        // In the order of Lambda's model (`InvocationResponse`), which is the order the aws CLI prints them in.
        var members: [AWSValue.Member] = [.init("StatusCode", 200)]
        if failure != nil { members.append(.init("FunctionError", "Unhandled")) }
        if call.optional("LogType") == "Tail" {
            // The last 4 KB of the invocation's log, base64-encoded, whether or not the role may write it to Logs.
            let log = Array((Self.logLines(execution, output: output, memorySize: function.memorySize).joined(separator: "\n") + "\n").utf8.suffix(4096))
            members.append(.init("LogResult", .string(Data(log).base64EncodedString())))
        }
        if let failure {
            members.append(.init("Payload", .string(AWSValue.object([.init("errorMessage", .string(failure.message)), .init("errorType", .string(failure.code))]).compactJSON)))
        } else {
            members.append(.init("Payload", .string(AWSValue.object([.init("statusCode", 200), .init("body", .string(output.joined(separator: "\n")))]).compactJSON)))
        }
        members.append(.init("ExecutedVersion", "$LATEST"))
        return .object(members)
    }

    /// What the Lambda runtime logs for an invocation: START, the function's lines, END and REPORT.
    static func logLines(_ execution: LambdaExecution, output: [String], durationMilliseconds: Int = 2, memorySize: Int = 128) -> [String] {
        ["START RequestId: \(execution.requestID) Version: $LATEST"] + output
            + ["END RequestId: \(execution.requestID)",
               "REPORT RequestId: \(execution.requestID)\tDuration: \(durationMilliseconds).00 ms\tBilled Duration: \(durationMilliseconds) ms\tMemory Size: \(memorySize) MB\tMax Memory Used: 38 MB"]
    }

    /// Writes an invocation's log lines to `/aws/lambda/NAME` as the execution role, the way the Lambda runtime
    /// does: if the role lacks logs:CreateLogGroup, CreateLogStream or PutLogEvents, the lines are lost.
    /// Returns whether they were written.
    @discardableResult
    public mutating func recordFunctionLogs(_ execution: LambdaExecution, output: [String], durationMilliseconds: Int = 2, memorySize: Int = 128) -> Bool {
        guard let session = state.sessions[execution.credentials.accessKeyID] else { return false }
        let caller = Caller.roleSession(session)
        let group = "/aws/lambda/\(execution.functionName)"
        let date = SandboxClock.iso8601(state.clock.now).prefix(10).replacingOccurrences(of: "-", with: "/")
        let stream = "\(date)/[$LATEST]\(state.ids.hex(32))"
        let lines = Self.logLines(execution, output: output, durationMilliseconds: durationMilliseconds, memorySize: memorySize)
        func internalCall(_ operation: String, _ parameters: AWSValue) -> Call {
            Call(service: "logs", operation: operation, parameters: parameters, caller: caller)
        }
        do throws(ServiceError) {
            if state[account: execution.account].logGroups[group] == nil {
                _ = try createLogGroup(internalCall("CreateLogGroup", .object(["logGroupName": .string(group)])))
            }
            _ = try createLogStream(internalCall("CreateLogStream", .object(["logGroupName": .string(group), "logStreamName": .string(stream)])))
            let events = AWSValue.list(lines.map { .object(["timestamp": .integer(state.clock.now * 1000), "message": .string($0)]) })
            _ = try putLogEvents(internalCall("PutLogEvents", .object(["logGroupName": .string(group), "logStreamName": .string(stream), "logEvents": events])))
            return true
        } catch {
            return false
        }
    }
}

/// The account, kind and name of an IAM ARN such as `arn:aws:iam::123456789012:role/path/Name`.
struct ARNParts {
    let account: String
    let kind: String
    let name: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam" else { return nil }
        account = String(parts[4])
        let resource = parts[5].split(separator: "/")
        guard let first = resource.first, let last = resource.last, resource.count >= 2 else { return nil }
        kind = String(first)
        name = String(last)
    }
}
