/// One service as the CLI exposes it: its command name, its operations and the input shapes they use.
public struct ServiceSpec: Sendable {
    /// The word after `aws`: "iam", "s3api", …
    public let cliName: String
    /// botocore's name for the service, which the backend receives: "iam", "s3", …
    public let apiName: String
    public let endpointPrefix: String
    public let operations: [OperationSpec]
    /// The model's other operations (CLI names): real, but not simulated.
    let otherOperations: Set<String>
    let shapes: [String: ShapeSpec]

    init(cliName: String, apiName: String, endpointPrefix: String, operations: [OperationSpec], otherOperations: [String] = [],
         shapes: [String: ShapeSpec]) {
        self.cliName = cliName
        self.apiName = apiName
        self.endpointPrefix = endpointPrefix
        self.operations = operations
        self.otherOperations = Set(otherOperations)
        self.shapes = shapes
    }

    public func operation(named cliName: String) -> OperationSpec? {
        operations.first { $0.cliName == cliName }
    }

    func shape(_ name: String) -> ShapeSpec {
        guard let shape = shapes[name] else {
            preconditionFailure("generated spec for \(cliName) lacks shape \(name); re-run scripts/generate_specs.py")
        }
        return shape
    }

    /// IAM, STS and S3 have global endpoints, so the CLI needs no region for them.
    var needsRegion: Bool { !["iam", "sts", "s3"].contains(apiName) }
}
