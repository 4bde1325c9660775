import AWSModel

extension Sandbox {
    mutating func dynamodb(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func cloudFormation(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
}
