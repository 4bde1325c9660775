import AWSModel
import PolicyEngine

/// The offline AWS: IAM, STS, S3, DynamoDB, EC2, Lambda, CloudFormation and CloudWatch Logs over one saved state.
/// Every call is authenticated by its access key and authorized by the policy engine, as AWS does.
/// Pure: no files, no terminal, no real clock; the state and an id generator are all it works from.
public struct Sandbox: AWSBackend {
    public var state: SandboxState
    let cache: PolicyCache
    /// Runs Lambda functions' code when they are invoked; the learner's shell supplies it.
    public var functionRuntime: (any FunctionRuntime)?

    public init(state: SandboxState) {
        self.state = state
        cache = PolicyCache.shared
    }

    /// Why the last denied request was denied, for the learner's `explain`.
    public var lastDenial: Denial? { state.lastDenial }

    public mutating func send(_ request: ServiceRequest) -> Result<AWSValue, ServiceError> {
        // Each call takes a second of sandbox time, so timestamps and expirations move as commands are typed.
        state.clock.advance(by: 1)
        do throws(ServiceError) {
            if let handler = Self.unsignedOperations["\(request.service).\(request.operation)"] {
                return .success(try handler(&self, UnsignedCall(service: request.service, operation: request.operation,
                                                                 parameters: request.parameters)))
            }
            let caller = try authenticate(request)
            let call = Call(service: request.service, operation: request.operation, parameters: request.parameters, caller: caller, region: request.region)
            return .success(try dispatch(call))
        } catch {
            return .failure(error)
        }
    }

    static func unsupported(_ call: Call) -> ServiceError {
        ServiceError(code: "InvalidAction", message: "The sandbox does not simulate \(call.service) \(call.operation).")
    }
}
