import AWSModel

extension Sandbox {
    mutating func s3(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func dynamodb(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func ec2(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func lambda(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func cloudFormation(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
    mutating func logs(_ call: Call) throws(ServiceError) -> AWSValue { throw Self.unsupported(call) }
}
