@testable import PolicyEngine
import Testing

/// Compiles a policy the test relies on; a policy that does not compile fails the test loudly.
func compiled(_ json: String, _ type: PolicyType = .identity, name: String = "test-policy") -> CompiledPolicy {
    switch PolicyEngine.compile(json, as: type, name: name) {
    case .success(let policy): return policy
    case .failure(let rejected):
        Issue.record("policy \(name) did not compile: \(rejected.message)")
        return CompiledPolicy(PolicyDocument(version: nil, id: nil, statements: [], size: 0), name: name, type: type)
    }
}

/// A one-statement identity policy.
func allowPolicy(action: String, resource: String = "*", condition: String? = nil, effect: String = "Allow") -> String {
    let conditionPart = condition.map { ",\"Condition\":\($0)" } ?? ""
    return """
    {"Version":"2012-10-17","Statement":[{"Effect":"\(effect)","Action":"\(action)","Resource":"\(resource)"\(conditionPart)}]}
    """
}

let learner = "arn:aws:iam::123456789012:user/learner"

/// A stand-in request context for condition tests.
struct FixedContext: ContextValueSource {
    var values: [String: [String]]
    func contextValues(forLowercasedKey key: String) -> [String]? { values[key] }
}
