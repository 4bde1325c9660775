/// Anything that can answer "what values does the request have for this condition key?".
/// Keys arrive lowercased because IAM condition keys are case-insensitive.
protocol ContextValueSource {
    /// Nil or an empty array when the key is absent from the request.
    func contextValues(forLowercasedKey key: String) -> [String]?
}
