import PositionedJSON
/// A value from a policy document together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let position: SourcePosition

    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }
}

extension Located: Equatable where Value: Equatable {}
