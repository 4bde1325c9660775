import AWSModel

/// One operation of a simulated service: it reads the call, authorizes it and changes the world.
typealias OperationHandler = @Sendable (inout Sandbox, Call) throws(ServiceError) -> AWSValue

/// One simulated AWS service: the name requests use, and its operations as a table. The table is the one list of
/// what a service supports: dispatch, "not simulated" errors and the docs' operation count all read it.
struct SimulatedService: Sendable {
    let name: String
    let operations: [String: OperationHandler]
    /// Checks the service makes of every request's parameters before anything else (before authorization and
    /// lookups), beyond what the model's constraints say.
    var validate: (@Sendable (Call) throws(ServiceError) -> Void)? = nil
    /// Whether the service takes `DryRun` (EC2): it checks the request and the caller's permissions and changes
    /// nothing, answering `DryRunOperation` when the call would have succeeded and the error it would have given
    /// otherwise (UnauthorizedOperation above all: the usual way to test EC2 permissions).
    var honoursDryRun = false
}

extension Sandbox {
    /// Every service the sandbox simulates. Adding one is a folder with its handlers and one entry here.
    static let services: [String: SimulatedService] = Dictionary(uniqueKeysWithValues: [
        iamService, stsService, s3Service, dynamoDBService, ec2Service, lambdaService, cloudFormationService, logsService,
    ].map { ($0.name, $0) })

    /// Service name → the operations simulated, for documentation and tests.
    public static var simulatedOperations: [String: [String]] { services.mapValues { $0.operations.keys.sorted() } }

    mutating func dispatch(_ call: Call) throws(ServiceError) -> AWSValue {
        guard let service = Self.services[call.service] else {
            throw ServiceError(code: "UnknownService", message: "The sandbox does not simulate the \(call.service) service.")
        }
        guard let handler = service.operations[call.operation] else { throw Self.unsupported(call) }
        try service.validate?(call)
        guard service.honoursDryRun, call.parameters["DryRun"]?.boolValue == true else { return try handler(&self, call) }
        // The call runs on a scratch copy of the world, which is then dropped; only a denial is kept, for `explain`.
        var scratch = self
        do {
            _ = try handler(&scratch, call)
        } catch {
            state.lastDenial = scratch.state.lastDenial
            throw error
        }
        throw ServiceError(code: "DryRunOperation", message: "Request would have succeeded, but DryRun flag is set.")
    }
}
