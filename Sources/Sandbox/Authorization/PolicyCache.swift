import Foundation
import PolicyEngine

/// Compiled policies by document text. Compiling is the expensive part of evaluation, and the same few documents
/// are evaluated on every command (and in every learner's sandbox when a class is graded), so each is compiled
/// once per process and shared: a compiled policy is immutable.
final class PolicyCache: @unchecked Sendable {
    static let shared = PolicyCache()

    private var compiled: [String: CompiledPolicy] = [:]
    private var documents: [String: PolicyDocument] = [:]
    private let lock = NSLock()

    func policy(_ document: String, type: PolicyType, name: String) -> CompiledPolicy? {
        let key = "\(type.rawValue)\u{0}\(name)\u{0}\(document)"
        lock.lock()
        if let hit = compiled[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        guard case .success(let policy) = PolicyEngine.compile(document, as: type, name: name) else { return nil }
        lock.lock()
        compiled[key] = policy
        lock.unlock()
        return policy
    }

    /// A trust policy's parsed document, for task checks that read its principals.
    func trustDocument(_ text: String) -> PolicyDocument? {
        lock.lock()
        if let hit = documents[text] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        guard let document = PolicyEngine.check(text, as: .trust).document else { return nil }
        lock.lock()
        documents[text] = document
        lock.unlock()
        return document
    }
}
