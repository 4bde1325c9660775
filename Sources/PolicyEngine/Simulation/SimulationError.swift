import PositionedJSON
/// Why a simulate file could not be used, naming the field at fault.
public struct SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A path into the file, e.g. `[1].identityPolicies[0]` or `context.aws:SourceIp`.
    public let field: String
    public let message: String
    public let position: SourcePosition?

    public var description: String {
        let place = position.map { "\($0.line):\($0.column): " } ?? ""
        return field.isEmpty ? "\(place)\(message)" : "\(place)\(field): \(message)"
    }
}
