import AWSModel
import PolicyEngine

/// A bucket's S3 Block Public Access settings. Every bucket made since April 2023 starts with all four on ("Amazon
/// S3 will automatically enable S3 Block Public Access … for all new S3 buckets", AWS News Blog, December 2022), so
/// a public bucket policy is refused until the learner turns `BlockPublicPolicy` off. The sandbox keeps no ACLs, so
/// the two ACL settings are kept and shown, and change nothing else.
struct PublicAccessBlock: Codable, Hashable, Sendable {
    var blockPublicAcls: Bool
    var ignorePublicAcls: Bool
    var blockPublicPolicy: Bool
    var restrictPublicBuckets: Bool

    /// What a new bucket gets.
    static let allOn = PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)

    /// The settings in S3's member order, for answers and for reading a request.
    static let members: [(name: String, keyPath: WritableKeyPath<PublicAccessBlock, Bool> & Sendable)] = [
        ("BlockPublicAcls", \.blockPublicAcls), ("IgnorePublicAcls", \.ignorePublicAcls),
        ("BlockPublicPolicy", \.blockPublicPolicy), ("RestrictPublicBuckets", \.restrictPublicBuckets),
    ]

    /// A request's configuration, or a template's property (where `"true"` is a boolean too): a setting left out
    /// is off, as S3 takes it.
    init(_ configuration: AWSValue) {
        self.init(blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false)
        for member in Self.members {
            let value = configuration[member.name]
            self[keyPath: member.keyPath] = value?.boolValue ?? (value?.stringValue?.lowercased() == "true")
        }
    }

    init(blockPublicAcls: Bool, ignorePublicAcls: Bool, blockPublicPolicy: Bool, restrictPublicBuckets: Bool) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    var value: AWSValue { .object(Self.members.map { AWSValue.Member($0.name, .bool(self[keyPath: $0.keyPath])) }) }
}

/// S3's meaning of "public" for a bucket policy (S3 User Guide, "The meaning of 'public'"; the same rule in the
/// API reference's PublicAccessBlockConfiguration): a policy is public unless each statement that allows grants
/// only to fixed values — a principal without a wildcard, or a condition that pins one of the keys below to values
/// without a wildcard or a policy variable.
enum BucketPolicyPublicity {
    /// The keys whose fixed values make a statement that allows everyone non-public, lowercased.
    static let fixingKeys: Set<String> = [
        "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
        "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid",
    ]

    /// Operators that admit only the values listed: a negated operator (`StringNotEquals`, `NotIpAddress`) or one
    /// that also passes when the key is absent (`…IfExists`) pins nothing.
    static let pinningOperators: Set<String> = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"]

    static func isPublic(_ document: PolicyDocument) -> Bool {
        document.statements.contains(where: isPublic)
    }

    static func isPublic(_ statement: PolicyStatement) -> Bool {
        guard statement.effect.value == .allow, let principal = statement.principal else { return false }
        // NotPrincipal with Allow grants to everyone it does not name.
        if principal.isNegated { return !isPinned(statement) }
        let wildcard = principal.isEveryone || principal.entries.contains { !isFixed($0.value.value) }
        return wildcard && !isPinned(statement)
    }

    /// Whether a condition of the statement pins one of the fixing keys to fixed values.
    static func isPinned(_ statement: PolicyStatement) -> Bool {
        statement.conditions.contains { block in
            var name = block.operatorName.value.lowercased()
            if name.hasPrefix("forallvalues:") { return false }
            if name.hasPrefix("foranyvalue:") { name.removeFirst("foranyvalue:".count) }
            guard pinningOperators.contains(name) else { return false }
            return block.entries.contains { entry in
                let key = entry.key.value.lowercased()
                guard fixingKeys.contains(key), !entry.values.isEmpty, entry.values.allSatisfy({ isFixed($0.value) }) else { return false }
                // A role's every session (`AROA…:*`) is not one fixed caller.
                return key != "aws:userid" || !entry.values.contains { $0.value.hasSuffix(":*") }
            }
        }
    }

    /// A value without a wildcard or a policy variable.
    static func isFixed(_ value: String) -> Bool {
        !value.contains("*") && !value.contains("?") && !value.contains("${")
    }
}

extension S3Bucket {
    /// RestrictPublicBuckets with a public policy: only the owner's account is let in, by the policy or otherwise.
    var restrictsPublicPolicy: Bool {
        guard publicAccessBlock?.restrictPublicBuckets == true, let policy,
              let document = PolicyCache.shared.check(policy, as: .resource).document else { return false }
        return BucketPolicyPublicity.isPublic(document)
    }
}

extension Sandbox {
    mutating func getPublicAccessBlock(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:GetBucketPublicAccessBlock", bucket: bucket)
        guard let settings = bucket.publicAccessBlock else {
            throw ServiceError(code: "NoSuchPublicAccessBlockConfiguration", message: "The public access block configuration was not found")
        }
        return .object([.init("PublicAccessBlockConfiguration", settings.value)])
    }

    mutating func putPublicAccessBlock(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        guard let configuration = call.parameters["PublicAccessBlockConfiguration"] else {
            throw ServiceErrors.missingParameter("PublicAccessBlockConfiguration")
        }
        try authorize(call, action: "s3:PutBucketPublicAccessBlock", bucket: bucket)
        state.buckets[bucket.name]?.publicAccessBlock = PublicAccessBlock(configuration)
        return .object([])
    }

    /// Deleting the configuration is the same permission as setting it (Service Authorization Reference).
    mutating func deletePublicAccessBlock(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:PutBucketPublicAccessBlock", bucket: bucket)
        state.buckets[bucket.name]?.publicAccessBlock = nil
        return .object([])
    }

    mutating func getBucketPolicyStatus(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:GetBucketPolicyStatus", bucket: bucket)
        guard let policy = bucket.policy else {
            throw ServiceError(code: "NoSuchBucketPolicy", message: "The bucket policy does not exist")
        }
        let isPublic = PolicyCache.shared.check(policy, as: .resource).document.map(BucketPolicyPublicity.isPublic) ?? false
        return .object([.init("PolicyStatus", .object([.init("IsPublic", .bool(isPublic))]))])
    }

    /// BlockPublicPolicy: a public policy is refused, in S3's words, and `explain` says which setting did it.
    mutating func refusePublicPolicy(_ call: Call, bucket: S3Bucket, document: PolicyDocument) throws(ServiceError) {
        guard bucket.publicAccessBlock?.blockPublicPolicy == true, BucketPolicyPublicity.isPublic(document) else { return }
        let principal = principalARN(of: call.caller)
        let message = "User: \(principal) is not authorized to perform: s3:PutBucketPolicy on resource: \"\(bucket.arn)\" because public policies are blocked by the BlockPublicPolicy block public access setting."
        state.lastDenial = Denial(service: "s3", operation: call.operation, action: "s3:PutBucketPolicy", resource: bucket.arn, principal: principal,
                                  decision: "ExplicitDeny", explanation: [
                                      "The policy is public: a statement allows a principal with a wildcard (or NotPrincipal), and no condition pins aws:SourceIp, aws:SourceArn, aws:SourceAccount, aws:SourceVpc(e), aws:SourceOwner or aws:userid to fixed values.",
                                      "The bucket's BlockPublicPolicy setting is on (every new bucket's is), so S3 refuses public policies. Name the principals, or turn the setting off with `aws s3api put-public-access-block`.",
                                  ], message: message)
        throw ServiceError(code: "AccessDenied", message: message)
    }
}
