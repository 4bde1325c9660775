import PolicyEngine

/// Bucket policies are checked with S3's rules: valid grammar for a resource policy, and every Resource must be
/// the bucket or objects in it.
enum PolicyEngineBridge {
    /// The MalformedPolicy message S3 would return, or nil when the policy is acceptable.
    static func check(_ text: String, asResourcePolicyFor bucketARN: String) -> String? {
        let check = PolicyEngine.check(text, as: .resource)
        if let error = check.errors.first {
            return error.message == "This policy contains invalid Json" ? "Policies must be valid JSON and the first byte must be '{'" : error.message
        }
        for statement in check.document?.statements ?? [] {
            for pattern in statement.resource?.patterns ?? [] where !(pattern.value == bucketARN || pattern.value.hasPrefix(bucketARN + "/")) {
                return "Policy has invalid resource"
            }
        }
        return nil
    }
}
