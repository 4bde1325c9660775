/// botocore's paginator configuration for an operation. The CLI follows the tokens until the last page and
/// prints only the merged result keys (plus the non-aggregate keys), not `IsTruncated` or `Marker`.
struct PagingSpec: Sendable {
    let inputTokens: [String]
    let outputTokens: [String]
    let moreResults: String?
    let limitKey: String?
    let resultKeys: [String]
    let nonAggregateKeys: [String]
}
