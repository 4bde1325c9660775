import Foundation
import PolicyEngine

/// Compiled policies, shared by every sandbox in the process. Compiling is the expensive part of evaluation,
/// and the same few documents are evaluated on every command (and in every learner's sandbox when a class is
/// graded), so each is compiled once: a compiled policy is immutable.
///
/// AWS managed policies are keyed by ARN and version, so a request never hashes their text (ReadOnlyAccess is
/// 85,000 characters); other documents are keyed by their text. Every document here is one IAM already holds,
/// so creation quotas do not apply ([DocumentOrigin.stored]), except the checks of documents as submitted.
///
/// Bounded: a class server runs for days and learners write many documents, so a cache that fills is emptied
/// and starts again (the lessons' few documents are back in it within a command).
final class PolicyCache: @unchecked Sendable {
    static let shared = PolicyCache()

    private var compiled: [String: Result<CompiledPolicy, PolicyRejected>] = [:]
    private var managed: [ManagedKey: Result<CompiledPolicy, PolicyRejected>] = [:]
    private var documents: [String: PolicyDocument?] = [:]
    private var checks: [String: PolicyCheck] = [:]
    private let lock = NSLock()
    static let limit = 20_000

    private struct ManagedKey: Hashable {
        let arn: String
        let version: String
        let type: PolicyType
    }

    /// `table[key]`, made the first time it is asked for; a table at the limit is emptied first. Making runs
    /// outside the lock, so two threads may make the same entry once each: both get the same immutable value.
    private func remembered<Key: Hashable, Value>(
        _ table: ReferenceWritableKeyPath<PolicyCache, [Key: Value]>, _ key: Key, _ make: () -> Value
    ) -> Value {
        if let hit = lock.withLock({ self[keyPath: table][key] }) { return hit }
        let value = make()
        lock.withLock {
            if self[keyPath: table].count >= Self.limit { self[keyPath: table].removeAll() }
            self[keyPath: table][key] = value
        }
        return value
    }

    /// A stored document compiled as `type`, or why it cannot be used.
    func compile(_ document: String, type: PolicyType, name: String) -> Result<CompiledPolicy, PolicyRejected> {
        remembered(\.compiled, "\(type.rawValue)\u{0}\(name)\u{0}\(document)") {
            PolicyEngine.compile(document, as: type, name: name, origin: .stored)
        }
    }

    /// An AWS managed policy, compiled once per ARN, version and use.
    func compile(_ policy: AWSManagedPolicy, type: PolicyType) -> Result<CompiledPolicy, PolicyRejected> {
        remembered(\.managed, ManagedKey(arn: policy.arn, version: policy.defaultVersion, type: type)) {
            PolicyEngine.compile(policy.document, as: type, name: policy.name, origin: .stored)
        }
    }

    func policy(_ document: String, type: PolicyType, name: String) -> CompiledPolicy? {
        try? compile(document, type: type, name: name).get()
    }

    /// A trust policy's parsed document, for task checks that read its principals.
    func trustDocument(_ text: String) -> PolicyDocument? {
        remembered(\.documents, text) { PolicyEngine.check(text, as: .trust, origin: .stored).document }
    }

    /// A document submitted in a request, checked as `type`: every learner's `create-role` sends the lesson's same
    /// trust policy, and checking it (parse, validation, warnings) was a fifth of the cost of that call.
    func check(_ text: String, as type: PolicyType) -> PolicyCheck {
        remembered(\.checks, "\(type.rawValue)\u{0}\(text)") { PolicyEngine.check(text, as: type) }
    }
}
