import FuzzSupport
import PolicyEngine

/// Policy JSON through parsing, validation (as every policy type) and evaluation against a few requests.
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    for type in PolicyType.allCases {
        let check = PolicyEngine.check(text, as: type)
        for diagnostic in check.diagnostics { FuzzInput.expect(!diagnostic.message.isEmpty, "a diagnostic without a message") }
        guard let policy = check.compiled(name: "fuzz") else { continue }
        let set = type == .trust || type == .resource ? PolicySet(resourcePolicy: policy) : PolicySet(identityPolicies: [policy])
        for (action, resource) in [("s3:GetObject", "arn:aws:s3:::b/k"), ("iam:PassRole", "arn:aws:iam::123456789012:role/R"), ("sts:AssumeRole", "*")] {
            let request = AccessRequest(principal: "arn:aws:iam::123456789012:user/learner", action: action, resource: resource,
                                        context: ["aws:SourceIp": ["203.0.113.10"], "aws:CurrentTime": ["2026-01-15T09:00:00Z"]])
            let explained = set.explain(request)
            FuzzInput.expect(explained.decision == set.evaluate(request), "explain and evaluate disagree")
        }
    }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzPolicy(data, size) }
#else
@main struct Replay { static func main() { FuzzInput.replay(fuzzPolicy) } }
#endif
