/// A policy AWS maintains, with the document AWS publishes for it.
struct AWSManagedPolicy: Sendable {
    let name: String
    let path: String
    let defaultVersion: String
    let document: String

    var arn: String { ResourceARN.awsManagedPolicy(path: path, name: name) }
}

public enum AWSManagedPolicies {
    static let byARN: [String: AWSManagedPolicy] = Dictionary(uniqueKeysWithValues: published.map { ($0.arn, $0) })

    static func policy(arn: String) -> AWSManagedPolicy? { byARN[arn] }

    /// The published document of the AWS managed policy `name`, for benchmarks and tools outside the sandbox.
    public static func document(named name: String) -> String? {
        published.first { $0.name == name }?.document
    }
}
