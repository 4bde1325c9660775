import AWSModel

/// One authenticated call on its way to a service: its parameters, read with AWS's validation errors.
struct Call: ServiceParameters, Sendable {
    let service: String
    let operation: String
    let parameters: AWSValue
    let caller: Caller
    /// The Region whose endpoint the request was sent to; calls services make for themselves stay in the sandbox's.
    var region = SandboxState.region
    /// The service principal making this call with the caller's own credentials (a forward access session), as
    /// CloudFormation does for a stack without a service role; nil for the caller's own calls.
    var calledVia: String?
}

/// A call AWS takes without a signature (AssumeRoleWithWebIdentity): its parameters are its only credentials.
struct UnsignedCall: ServiceParameters, Sendable {
    let service: String
    let operation: String
    let parameters: AWSValue
}

/// Reading a request's parameters with AWS's validation errors, signed or not.
protocol ServiceParameters {
    var parameters: AWSValue { get }
}

extension ServiceParameters {
    func optional(_ name: String) -> String? {
        parameters[name]?.textValue
    }

    func required(_ name: String) throws(ServiceError) -> String {
        guard let value = optional(name) else { throw ServiceErrors.missingParameter(name) }
        return value
    }

    func integer(_ name: String) throws(ServiceError) -> Int? {
        guard let value = parameters[name] else { return nil }
        guard let number = value.intValue ?? value.textValue.flatMap({ Int($0) }) else {
            throw ServiceError(code: "ValidationError", message: "1 validation error detected: Value '\(value.textValue ?? "")' at '\(ServiceErrors.lowerFirst(name))' failed to satisfy constraint: Member must be a number")
        }
        return number
    }

    func bool(_ name: String) -> Bool? {
        guard let value = parameters[name] else { return nil }
        return value.boolValue ?? (value.textValue == "true" ? true : value.textValue == "false" ? false : nil)
    }

    func list(_ name: String) -> [AWSValue] {
        parameters[name]?.listValue ?? []
    }

    func strings(_ name: String) -> [String] {
        list(name).compactMap(\.textValue)
    }

    /// `[{"Key": k, "Value": v}]`, the shape IAM, EC2 and CloudFormation use for tags.
    func tags(_ name: String = "Tags") -> [Tag] {
        list(name).compactMap { item in
            guard let key = item["Key"]?.stringValue else { return nil }
            return Tag(key: key, value: item["Value"]?.stringValue ?? "")
        }
    }
}
