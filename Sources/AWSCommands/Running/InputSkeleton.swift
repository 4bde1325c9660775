import AWSModel

/// `--generate-cli-skeleton`: an operation's input as a JSON template, as botocore's `ArgumentGenerator` makes it
/// for the CLI. Every member in model order; `""` for strings (the first allowed value where the model lists
/// them: botocore picks one at random), `0` and `0.0` for numbers, `true`, one item per list, `{"KeyName": …}`
/// for maps, a structure inside itself as `{}`.
enum InputSkeleton {
    static func of(_ shape: ShapeSpec, in service: ServiceSpec, stack: [String] = []) -> AWSValue {
        switch shape.kind {
        case .structure:
            return .object(shape.members.map { member in
                // A structure already being built (a recursive shape) is cut short, as botocore does.
                let inner = stack.filter { $0 == member.shape }.count >= 1 && service.shape(member.shape).kind == .structure
                return AWSValue.Member(member.name, inner ? .object([]) : of(service.shape(member.shape), in: service, stack: stack + [member.shape]))
            })
        case .list:
            return .list([shape.element.map { of(service.shape($0), in: service, stack: stack + [$0]) } ?? .null])
        case .map:
            return .object([AWSValue.Member("KeyName", shape.element.map { of(service.shape($0), in: service, stack: stack + [$0]) } ?? .null)])
        case .string:
            return .string(shape.enumValues.first ?? "")
        case .integer:
            return .integer(0)
        case .double:
            return .double(0)
        case .boolean:
            return .bool(true)
        case .timestamp:
            return .string("1970-01-01T00:00:00")
        case .blob:
            return .null
        }
    }
}
