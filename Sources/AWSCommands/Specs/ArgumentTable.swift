/// Builds an operation's arguments the way the CLI does: one per input member, in model order, then the
/// customisations awscli registers for the operations the course uses.
enum ArgumentTable {
    static func arguments(for operation: OperationSpec, in service: ServiceSpec) -> [CommandArgument] {
        var arguments: [CommandArgument] = []
        if let inputName = operation.inputShape {
            let input = service.shape(inputName)
            for (member, optionName) in zip(input.members, operation.optionNames) {
                let shape = service.shape(member.shape)
                let arity: CommandArgument.Arity = switch shape.kind {
                case .boolean: .flag
                case .list: .multiple
                default: .single
                }
                arguments.append(CommandArgument(
                    name: optionName, arity: arity, target: .member(member.name), shapeName: member.shape,
                    isRequired: input.required.contains(member.name), isHidden: false))
            }
        }
        applyCustomizations(to: &arguments, operation: operation, service: service)
        if operation.inputShape != nil {
            // awscli's cli_input_json.py, registered for every operation with an input.
            arguments.append(CommandArgument(name: "cli-input-json", arity: .single, target: .cliInputJSON, shapeName: nil,
                                             isRequired: false, isHidden: false))
        }
        // awscli's generatecliskeleton.py, registered for every operation.
        arguments.append(CommandArgument(name: "generate-cli-skeleton", arity: .optional(const: "input"), target: .generateSkeleton,
                                         shapeName: nil, isRequired: false, isHidden: false))
        if let paging = operation.paging {
            addPagingArguments(to: &arguments, paging: paging)
        }
        return arguments
    }

    private static func applyCustomizations(to arguments: inout [CommandArgument], operation: OperationSpec, service: ServiceSpec) {
        switch (service.apiName, operation.apiName) {
        case ("ec2", "RunInstances"):
            // awscli's addcount.py: --count replaces --min-count/--max-count, both default to 1.
            arguments.removeAll { $0.name == "min-count" || $0.name == "max-count" }
            arguments.append(CommandArgument(name: "count", arity: .single, target: .instanceCount, shapeName: nil,
                                             isRequired: false, isHidden: false))
        case ("lambda", "CreateFunction"):
            // awslambda.py hoists Code.ZipFile to --zip-file and makes --code optional.
            arguments = arguments.map { argument in
                guard argument.name == "code" else { return argument }
                return CommandArgument(name: argument.name, arity: argument.arity, target: argument.target,
                                       shapeName: argument.shapeName, isRequired: false, isHidden: false)
            }
            arguments.append(CommandArgument(name: "zip-file", arity: .single, target: .zipFile(structure: "Code"),
                                             shapeName: nil, isRequired: false, isHidden: false))
        case ("s3", "GetObject"):
            arguments.append(CommandArgument(name: "outfile", arity: .positional, target: .outfile(responseMember: "Body"),
                                             shapeName: nil, isRequired: true, isHidden: false))
        case ("lambda", "Invoke"):
            arguments.append(CommandArgument(name: "outfile", arity: .positional, target: .outfile(responseMember: "Payload"),
                                             shapeName: nil, isRequired: true, isHidden: false))
        default:
            break
        }
    }

    /// awscli's paginate.py: the model's token and limit members become undocumented and --starting-token,
    /// --page-size and --max-items are added (replacing a model member of the same name, like IAM's MaxItems).
    private static func addPagingArguments(to arguments: inout [CommandArgument], paging: PagingSpec) {
        let shadowedMembers = Set(paging.inputTokens + [paging.limitKey].compactMap { $0 })
        arguments = arguments.map { argument in
            guard case .member(let member) = argument.target, shadowedMembers.contains(member) else { return argument }
            return CommandArgument(name: argument.name, arity: argument.arity, target: argument.target,
                                   shapeName: argument.shapeName, isRequired: false, isHidden: true)
        }
        let pagingArguments: [(String, CommandArgument.Target)] = [
            ("starting-token", .startingToken), ("page-size", .pageSize), ("max-items", .maxItems),
        ]
        for (name, target) in pagingArguments {
            arguments.removeAll { $0.name == name }
            arguments.append(CommandArgument(name: name, arity: .single, target: target, shapeName: nil,
                                             isRequired: false, isHidden: false))
        }
    }
}
