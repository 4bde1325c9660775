import PolicyEngine

/// Bucket policies are checked with S3's rules: valid grammar for a resource policy, and every Resource must be
/// the bucket or objects in it.
enum PolicyEngineBridge {
    /// The MalformedPolicy message S3 would return, or nil when the policy is acceptable.
    static func problem(in check: PolicyCheck, asResourcePolicyFor bucketARN: String) -> String? {
        if let error = check.errors.first {
            if error.message == "This policy contains invalid Json" { return "Policies must be valid JSON and the first byte must be '{'" }
            // IAM names the principal; S3 does not.
            if error.message.hasPrefix("Invalid principal in policy") { return "Invalid principal in policy" }
            return error.message
        }
        for statement in check.document?.statements ?? [] {
            for pattern in statement.action?.patterns ?? [] {
                let action = pattern.value.lowercased()
                // A bucket policy speaks of S3 alone.
                if action != "*", !action.hasPrefix("s3:") { return "Policy has invalid action" }
            }
            for pattern in statement.resource?.patterns ?? [] where !(pattern.value == bucketARN || pattern.value.hasPrefix(bucketARN + "/")) {
                return "Policy has invalid resource"
            }
            if let message = actionsWithoutResource(statement, bucketARN: bucketARN) { return message }
        }
        return nil
    }

    /// S3 refuses a statement naming an action none of its resources is the kind of (`s3:ListBucket` on
    /// `bucket/*`, the most common mistake in a bucket policy). Wildcard actions, NotAction and NotResource, and
    /// actions the table does not know, are let through.
    static func actionsWithoutResource(_ statement: PolicyStatement, bucketARN: String) -> String? {
        guard let actions = statement.action, !actions.isNegated, let resources = statement.resource, !resources.isNegated else { return nil }
        let kinds = Set(resources.patterns.map { $0.value == bucketARN ? S3ResourceKind.bucket : .object })
        for pattern in actions.patterns {
            let action = pattern.value.lowercased()
            guard !action.contains("*"), !action.contains("?"), let kind = S3ResourceKind.of(action: action) else { continue }
            if !kinds.contains(kind) { return "Action does not apply to any resource(s) in statement" }
        }
        return nil
    }
}

/// What an S3 action is done to, as the Service Authorization Reference lists it for the actions learners write:
/// the bucket, an object in it, or neither (`s3:ListAllMyBuckets` is about the account).
enum S3ResourceKind: Sendable {
    case bucket, object, account

    static func of(action: String) -> S3ResourceKind? { byAction[action] }

    static let byAction: [String: S3ResourceKind] = {
        var table: [String: S3ResourceKind] = [:]
        for name in bucketActions { table["s3:" + name.lowercased()] = .bucket }
        for name in objectActions { table["s3:" + name.lowercased()] = .object }
        for name in accountActions { table["s3:" + name.lowercased()] = .account }
        return table
    }()

    static let bucketActions = [
        "CreateBucket", "DeleteBucket", "ListBucket", "ListBucketVersions", "ListBucketMultipartUploads", "GetBucketLocation",
        "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "PutBucketAcl",
        "GetBucketVersioning", "PutBucketVersioning", "GetBucketTagging", "PutBucketTagging", "GetBucketPublicAccessBlock",
        "PutBucketPublicAccessBlock", "GetEncryptionConfiguration", "PutEncryptionConfiguration", "GetLifecycleConfiguration",
        "PutLifecycleConfiguration", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite", "GetBucketCORS", "PutBucketCORS",
        "GetBucketLogging", "PutBucketLogging", "GetBucketNotification", "PutBucketNotification", "GetBucketOwnershipControls",
        "PutBucketOwnershipControls", "GetReplicationConfiguration", "PutReplicationConfiguration", "GetBucketObjectLockConfiguration",
        "PutBucketObjectLockConfiguration",
    ]
    static let objectActions = [
        "GetObject", "PutObject", "DeleteObject", "GetObjectVersion", "DeleteObjectVersion", "GetObjectAcl", "PutObjectAcl",
        "GetObjectVersionAcl", "PutObjectVersionAcl", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging",
        "GetObjectVersionTagging", "PutObjectVersionTagging", "DeleteObjectVersionTagging", "AbortMultipartUpload",
        "ListMultipartUploadParts", "RestoreObject", "GetObjectAttributes", "GetObjectRetention", "PutObjectRetention",
        "GetObjectLegalHold", "PutObjectLegalHold", "BypassGovernanceRetention",
    ]
    static let accountActions = ["ListAllMyBuckets"]
}
