/// A request the policy engine refused, kept so the learner can ask why.
public struct Denial: Codable, Hashable, Sendable {
    public var service: String
    public var operation: String
    public var action: String
    public var resource: String
    public var principal: String
    /// "ExplicitDeny" or "ImplicitDeny".
    public var decision: String
    /// The engine's explanation, sentence by sentence.
    public var explanation: [String]
    public var message: String
}
