import AWSModel
import Foundation
/// `aws SERVICE OPERATION …`: parse the operation's arguments, build and validate the parameters, call the
/// backend (following pages like the CLI), and format the result.
struct ServiceCommand {
    let service: ServiceSpec

    func run<Backend: AWSBackend, Files: FileProvider>(
        _ words: [String], session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> String {
        // The service's parser knows no options, so its one positional is the first word that does not look
        // like one (what matching the words against no options gives, without building the rest).
        let operationMatcher = OptionMatcher(options: [], positionalCount: 1)
        guard let operationName = words.first(where: { !operationMatcher.looksLikeOption($0) }) else {
            throw .usage("the following arguments are required: operation")
        }
        if operationName == "help" {
            return HelpPage.service(service.cliName, commands: ServiceCatalog.operationNames(of: service))
        }
        guard let operation = service.operation(named: operationName) else {
            if service.otherOperations.contains(operationName) {
                throw .notSimulated(command: service.cliName, operation: operationName, simulated: ServiceCatalog.operationNames(of: service))
            }
            throw .usage("argument operation: " + ChoiceList.invalidChoice(operationName, choices: ServiceCatalog.operationNames(of: service)))
        }
        let (arguments, matcher) = Self.prepared.arguments(of: operation, in: service)
        var remaining = words
        if let operationIndex = words.indices.first(where: { !operationMatcher.looksLikeOption(words[$0]) && words[$0] == operationName }) {
            remaining.remove(at: operationIndex)
        }
        let outcome = try matcher.match(remaining)
        // argparse's optional `help` positional: `aws iam create-role help` shows the page, required options or not.
        if outcome.extras.first == "help" || outcome.positionals.last == "help" {
            return HelpPage.operation(operation, in: service)
        }
        // --generate-cli-skeleton prints the operation's input as a template and calls nothing.
        if case .word(let kind)? = outcome.values["generate-cli-skeleton"] {
            guard kind == "input" || kind == "output" else {
                throw .usage("argument --generate-cli-skeleton: " + ChoiceList.invalidChoice(kind, choices: ["input", "output"]))
            }
            guard kind == "input" else {
                throw .general("The sandbox does not make sample outputs: run the command to see its real output.")
            }
            return JSONRenderer.render(operation.inputShape.map { InputSkeleton.of(service.shape($0), in: service) } ?? .object([]))
        }
        // With --cli-input-json (or a skeleton asked for) no option is required of argparse (awscli's
        // OverrideRequiredArgsArgument): botocore's validation says what the JSON and the options together lack.
        let inputJSON = outcome.values["cli-input-json"] != nil
        let missing = arguments.filter { argument in
            guard argument.isRequired, !(inputJSON && argument.arity != .positional) else { return false }
            if argument.arity == .positional {
                let index = arguments.filter { $0.arity == .positional }.firstIndex { $0.name == argument.name }!
                return index >= outcome.positionals.count
            }
            return outcome.values[argument.name] == nil
        }
        if !missing.isEmpty {
            throw .usage("the following arguments are required: " + missing.map(\.displayName).joined(separator: ", "))
        }
        if !outcome.extras.isEmpty { throw .unknownOptions(outcome.extras) }

        var request = try OperationRequestBuilder(service: service, files: session.files, binaryFormat: session.binaryFormat())
            .build(arguments: arguments, outcome: outcome, operation: operation)
        // awscli warns as it reads the option, before botocore checks anything.
        if let maxItems = request.maxItems, maxItems <= 0 {
            session.warnings.append("warning: Non-positive values for --max-items may result in undefined behavior.\n")
        }
        if let paging = operation.paging, !session.globals.paginate || request.userSetPagingMember(paging) {
            try Self.withoutPagination(&request, operation: operation, in: service)
        }
        if operation.inputShape != nil {
            _ = try session.region(for: service)
            try validate(request.parameters, for: operation)
        }
        var response = try collectResponse(operation, request: &request, session: &session)
        if let outfile = request.outfile {
            let member = outfile.responseMember
            session.writtenFiles.append(WrittenFile(path: outfile.path, contents: response[member]?.stringValue ?? ""))
            response = response.removing(member)
        }
        return try ResponseFormatter.format(response, operation: operation.apiName, format: session.outputFormat(),
                                            query: session.globals.query, terminalWidth: session.environment.terminalWidth,
                                            paged: operation.paging != nil && session.globals.paginate)
    }

    /// `^[a-zA-Z0-9.\-_]{1,255}$`, botocore's VALID_BUCKET.
    static func isBucketNameShaped(_ name: String) -> Bool {
        (1...255).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// botocore's client-side checks of a call's parameters against the operation's input shape.
    private func validate(_ parameters: AWSValue, for operation: OperationSpec) throws(CLIFailure) {
        guard let inputShape = operation.inputShape else { return }
        // botocore's own check of an S3 bucket name, before the model's: `s3://name` or a name with a space would
        // otherwise reach S3 and come back as NoSuchBucket, for a bucket that may well exist.
        if service.apiName == "s3", let bucket = parameters["Bucket"]?.stringValue, !bucket.hasPrefix("arn:"), !Self.isBucketNameShaped(bucket) {
            throw .validation([#"Invalid bucket name "\#(bucket)": Bucket name must match the regex "^[a-zA-Z0-9.\-_]{1,255}$" or be an ARN matching the regex "^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$""#])
        }
        let problems = ParameterValidator(service: service).problems(in: parameters, shapeName: inputShape)
        if !problems.isEmpty { throw .validation(problems) }
    }

    /// awscli's paginate.py when pagination is off (`--no-paginate`, or a model's own token or limit member given):
    /// --starting-token, --page-size and a --max-items the CLI added are refused; a --max-items that stood for the
    /// model's own member (IAM's and Lambda's `MaxItems`) is that member again, sent to the service as it is.
    static func withoutPagination(_ request: inout OperationRequest, operation: OperationSpec, in service: ServiceSpec) throws(CLIFailure) {
        let ownMaxItems = operation.inputShape.flatMap { input in
            zip(service.shape(input).members, operation.optionNames).first { $0.1 == "max-items" }?.0.name
        }
        // Python's truthiness: a 0 or an empty token counts as not given.
        var used: [String] = []
        if let token = request.startingToken, !token.isEmpty { used.append("--starting-token") }
        if let size = request.pageSize, size != 0 { used.append("--page-size") }
        if let items = request.maxItems, items != 0, ownMaxItems == nil { used.append("--max-items") }
        if !used.isEmpty {
            // v1's words; v2 answers it as a parameter error, exit status 252 (its own test of `ddb select` says so).
            throw .paramValidation("Error during pagination: Cannot specify --no-paginate along with pagination arguments: " + used.joined(separator: ", "))
        }
        if let member = ownMaxItems, let items = request.maxItems {
            request.parameters = request.parameters.setting(member, to: .integer(items))
            request.maxItems = nil
        }
    }

    /// Each operation's arguments and their matcher, built once: the specs never change while RoleCall runs, and
    /// building them again for every command was a tenth of the cost of replaying one.
    static let prepared = PreparedOperations()

    final class PreparedOperations: @unchecked Sendable {
        private var table: [String: (arguments: [CommandArgument], matcher: OptionMatcher)] = [:]
        private let lock = NSLock()

        func arguments(of operation: OperationSpec, in service: ServiceSpec) -> (arguments: [CommandArgument], matcher: OptionMatcher) {
            let key = service.cliName + "\u{0}" + operation.apiName
            if let known = lock.withLock({ table[key] }) { return known }
            let arguments = ArgumentTable.arguments(for: operation, in: service)
            let prepared = (arguments, ServiceCommand.matcher(for: arguments))
            lock.withLock { table[key] = prepared }
            return prepared
        }
    }

    static func matcher(for arguments: [CommandArgument]) -> OptionMatcher {
        var options: [OptionMatcher.Option] = []
        for argument in arguments {
            switch argument.arity {
            case .single: options.append(.init(name: argument.name, key: argument.name, arity: .single))
            case .multiple: options.append(.init(name: argument.name, key: argument.name, arity: .multiple))
            case .flag:
                options.append(.init(name: argument.name, key: argument.name, arity: .flag(value: true)))
                options.append(.init(name: "no-" + argument.name, key: argument.name, arity: .flag(value: false)))
            case .optional(let const): options.append(.init(name: argument.name, key: argument.name, arity: .optional(const: const)))
            case .positional: break
            }
        }
        return OptionMatcher(options: options, positionalCount: arguments.filter { $0.arity == .positional }.count)
    }

    /// One call, or every page merged as botocore's `build_full_result` does when the operation pages.
    private func collectResponse<Backend: AWSBackend, Files: FileProvider>(
        _ operation: OperationSpec, request: inout OperationRequest, session: inout CommandSession<Backend, Files>
    ) throws(CLIFailure) -> AWSValue {
        guard let paging = operation.paging, session.globals.paginate, !request.userSetPagingMember(paging) else {
            return try session.call(service, operation.apiName, request.parameters, signed: !operation.isUnsigned)
        }
        var parameters = request.parameters
        if let pageSize = request.pageSize, let limitKey = paging.limitKey {
            parameters = parameters.setting(limitKey, to: .integer(pageSize))
            // The paginator puts the page size in each call, and botocore checks those parameters like any others.
            try validate(parameters, for: operation)
        }
        var skipFromFirstPage = 0
        if let startingToken = request.startingToken {
            guard let decoded = PagingTokens.decode(startingToken) else {
                throw .general("Unable to decode starting token: \(startingToken)")
            }
            for (key, value) in decoded.tokens where value != .null { parameters = parameters.setting(key, to: value) }
            skipFromFirstPage = decoded.truncateAmount
        }
        var complete: [(String, AWSValue)] = []
        var nonAggregate: [(String, AWSValue)] = []
        var seenTokens: [[AWSValue]] = []
        var itemsCollected = 0
        var resumeToken: String?
        var firstPage = true
        pages: while true {
            var page = try session.call(service, operation.apiName, parameters)
            if firstPage {
                nonAggregate = paging.nonAggregateKeys.map { ($0, page[$0] ?? .null) }
                if skipFromFirstPage > 0, let primary = paging.resultKeys.first, case .list(let items)? = page[primary] {
                    page = page.setting(primary, to: .list(Array(items.dropFirst(skipFromFirstPage))))
                }
            }
            var truncatedAt: Int?
            if let maxItems = request.maxItems, let primary = paging.resultKeys.first, case .list(let items)? = page[primary],
               itemsCollected + items.count > maxItems {
                // botocore keeps `items[:amount]`, Python's slice: a negative amount (from a non-positive
                // --max-items) drops that many from the end instead.
                let amount = maxItems - itemsCollected
                truncatedAt = amount
                let kept = amount >= 0 ? Array(items.prefix(amount)) : Array(items.dropLast(min(-amount, items.count)))
                page = page.setting(primary, to: .list(kept))
            }
            for key in paging.resultKeys {
                guard let value = page[key], value != .null else { continue }
                if let position = complete.firstIndex(where: { $0.0 == key }) {
                    complete[position].1 = Self.merge(complete[position].1, value)
                } else {
                    complete.append((key, value))
                }
            }
            if let primary = paging.resultKeys.first, case .list(let items)? = page[primary] { itemsCollected += items.count }
            if let truncatedAt {
                let current = paging.inputTokens.map { parameters[$0] ?? .null }
                let pageTokens = zip(paging.inputTokens, current).map { ($0, $1) }
                resumeToken = PagingTokens.encode(pageTokens, truncateAmount: truncatedAt + (firstPage ? skipFromFirstPage : 0))
                break pages
            }
            firstPage = false
            if let moreResults = paging.moreResults, !JMESPathInterpreter.isTruthy(page[moreResults] ?? .null) { break }
            let nextTokens = paging.outputTokens.map { page[$0] ?? .null }
            if nextTokens.allSatisfy({ $0 == .null || $0 == .string("") }) { break }
            if seenTokens.contains(nextTokens) {
                throw .general("The same next token was received twice: \(PythonText.str(nextTokens[0]))")
            }
            seenTokens.append(nextTokens)
            for (key, value) in zip(paging.inputTokens, nextTokens) { parameters = parameters.setting(key, to: value) }
            if let maxItems = request.maxItems, itemsCollected >= maxItems {
                resumeToken = PagingTokens.encode(Array(zip(paging.inputTokens, nextTokens)), truncateAmount: nil)
                break
            }
        }
        var result = AWSValue.object(pairs: complete)
        for (key, value) in nonAggregate where result[key] == nil { result = result.setting(key, to: value) }
        if let resumeToken { result = result.setting("NextToken", to: .string(resumeToken)) }
        return result
    }

    private static func merge(_ existing: AWSValue, _ addition: AWSValue) -> AWSValue {
        switch (existing, addition) {
        case let (.list(a), .list(b)): return .list(a + b)
        case let (.integer(a), .integer(b)): return .integer(a + b)
        case let (.string(a), .string(b)): return .string(a + b)
        default: return existing
        }
    }
}
