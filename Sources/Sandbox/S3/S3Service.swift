import AWSModel
import Crypto
import Foundation

/// S3's bucket and object operations. Bucket policies are resource-based policies: the policy engine weighs them
/// with the caller's identity policies, so same-account grants and cross-account access behave as on AWS.
extension Sandbox {
    /// S3's operations, dispatched by `Sandbox.dispatch`.
    static let s3Service = SimulatedService(name: "s3", operations: [
        "ListBuckets": { sandbox, call throws(ServiceError) in try sandbox.listBuckets(call) },
        "CreateBucket": { sandbox, call throws(ServiceError) in try sandbox.createBucket(call) },
        "DeleteBucket": { sandbox, call throws(ServiceError) in try sandbox.deleteBucket(call) },
        "HeadBucket": { sandbox, call throws(ServiceError) in try sandbox.headBucket(call) },
        "ListObjectsV2": { sandbox, call throws(ServiceError) in try sandbox.listObjects(call) },
        "ListObjects": { sandbox, call throws(ServiceError) in try sandbox.listObjects(call) },
        "GetObject": { sandbox, call throws(ServiceError) in try sandbox.getObject(call) },
        "HeadObject": { sandbox, call throws(ServiceError) in try sandbox.headObject(call) },
        "PutObject": { sandbox, call throws(ServiceError) in try sandbox.putObject(call) },
        "DeleteObject": { sandbox, call throws(ServiceError) in try sandbox.deleteObject(call) },
        "GetBucketPolicy": { sandbox, call throws(ServiceError) in try sandbox.getBucketPolicy(call) },
        "PutBucketPolicy": { sandbox, call throws(ServiceError) in try sandbox.putBucketPolicy(call) },
        "DeleteBucketPolicy": { sandbox, call throws(ServiceError) in try sandbox.deleteBucketPolicy(call) },
        "GetBucketPolicyStatus": { sandbox, call throws(ServiceError) in try sandbox.getBucketPolicyStatus(call) },
        "GetPublicAccessBlock": { sandbox, call throws(ServiceError) in try sandbox.getPublicAccessBlock(call) },
        "PutPublicAccessBlock": { sandbox, call throws(ServiceError) in try sandbox.putPublicAccessBlock(call) },
        "DeletePublicAccessBlock": { sandbox, call throws(ServiceError) in try sandbox.deletePublicAccessBlock(call) },
    ])

    mutating func headObject(_ call: Call) throws(ServiceError) -> AWSValue {
        // A HEAD response has no body, so the CLI can only show the status: 404 Not Found or 403 Forbidden.
        do throws(ServiceError) {
            return try getObject(call)
        } catch {
            if error.code == "NoSuchKey" || error.code == "NoSuchBucket" { throw ServiceError(code: "404", message: "Not Found") }
            if error.code == "AccessDenied" { throw ServiceError(code: "403", message: "Forbidden") }
            throw error
        }
    }

    func existingBucket(_ name: String) throws(ServiceError) -> S3Bucket {
        guard let bucket = state.buckets[name] else {
            throw ServiceError(code: "NoSuchBucket", message: "The specified bucket does not exist")
        }
        return bucket
    }

    private func bucketPolicy(_ bucket: S3Bucket) -> ResourcePolicy? {
        bucket.policy.map { ResourcePolicy(document: $0, type: .resource, name: "bucket policy of \(bucket.name)") }
    }

    mutating func authorize(_ call: Call, action: String, bucket: S3Bucket, key: String? = nil, context: [String: [String]] = [:]) throws(ServiceError) {
        let resource = key.map { "\(bucket.arn)/\($0)" } ?? bucket.arn
        // RestrictPublicBuckets: while the policy is public, it lets in no one outside the owner's account, not even
        // an account it names (S3 User Guide, Block Public Access).
        let restricted = (call.caller == .anonymous || call.caller.account != bucket.owner) && bucket.restrictsPublicPolicy
        do throws(ServiceError) {
            try authorize(call, action: action, resource: resource, resourceAccount: bucket.owner,
                          resourcePolicy: restricted ? nil : bucketPolicy(bucket), context: context)
        } catch {
            if restricted {
                state.lastDenial?.explanation.append("The bucket policy is public and the bucket's RestrictPublicBuckets setting is on, so the policy lets in no one outside the bucket owner's account.")
            }
            throw error
        }
    }

    /// S3's bucket naming rules, simplified to the ones a learner meets: 3–63 characters of lower-case letters,
    /// digits, dots and hyphens, starting and ending with a letter or digit.
    static func isValidBucketName(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "-" }
        return allowed && (first.isLowercase || first.isNumber) && (last.isLowercase || last.isNumber) && !name.contains("..")
    }

    mutating func listBuckets(_ call: Call) throws(ServiceError) -> AWSValue {
        try authorize(call, action: "s3:ListAllMyBuckets", resource: "*")
        let buckets = state.buckets.values.filter { $0.owner == call.caller.account }.sorted { $0.name < $1.name }
        return .object([
            .init("Buckets", .list(buckets.map { .object([.init("Name", .string($0.name)), .init("CreationDate", .string(SandboxClock.iso8601($0.created)))]) })),
            .init("Owner", .object([.init("DisplayName", .string(state[account: call.caller.account].iam.user(named: SandboxState.learnerUserName) != nil ? "learner" : "partner")),
                                    .init("ID", .string(String(repeating: call.caller.account, count: 6).prefix(64).lowercased()))])),
        ])
    }

    /// `answeringOwnedWithSuccess`: S3's legacy 200 to re-creating a bucket you own in us-east-1; CloudFormation's
    /// bucket resource never takes over an existing bucket, so it passes false.
    mutating func createBucket(_ call: Call, answeringOwnedWithSuccess: Bool = true) throws(ServiceError) -> AWSValue {
        let name = try call.required("Bucket")
        try authorize(call, action: "s3:CreateBucket", resource: ResourceARN.s3Bucket(name))
        guard Self.isValidBucketName(name) else {
            throw ServiceError(code: "InvalidBucketName", message: "The specified bucket is not valid.")
        }
        // us-east-1 is the default: naming it as a constraint is refused, a mistake learners copy from other regions.
        let constraint = call.parameters["CreateBucketConfiguration"]?["LocationConstraint"]?.stringValue
        if constraint == SandboxState.region {
            throw ServiceError(code: "InvalidLocationConstraint", message: "The specified location-constraint is not valid")
        }
        // Any other Region's endpoint makes buckets only in its own Region, and must be told so: the error every
        // learner meets who runs `s3api create-bucket --region eu-west-1` without a configuration.
        if call.region != SandboxState.region, constraint != call.region {
            throw ServiceError(code: "IllegalLocationConstraintException",
                               message: "The \(constraint ?? "unspecified") location constraint is incompatible for the region specific endpoint this request was sent to.")
        }
        if let existing = state.buckets[name] {
            // "For legacy compatibility, if you re-create an existing bucket that you already own in the North
            // Virginia Region, Amazon S3 returns 200 OK": the sandbox's buckets live there, so only a request
            // naming another region's constraint gets the error.
            if answeringOwnedWithSuccess, existing.owner == call.caller.account,
               call.parameters["CreateBucketConfiguration"]?["LocationConstraint"]?.stringValue == nil {
                return .object([.init("Location", .string("/\(name)"))])
            }
            if existing.owner == call.caller.account {
                throw ServiceError(code: "BucketAlreadyOwnedByYou", message: "Your previous request to create the named bucket succeeded and you already own it.")
            }
            throw ServiceError(code: "BucketAlreadyExists", message: "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
        }
        state.buckets[name] = S3Bucket(name: name, owner: call.caller.account, created: state.clock.now, publicAccessBlock: .allOn)
        // Outside us-east-1 S3 answers with the bucket's address rather than its path (the CLI's own example).
        return .object([.init("Location", .string(constraint == nil ? "/\(name)" : "http://\(name).s3.amazonaws.com/"))])
    }

    mutating func deleteBucket(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:DeleteBucket", bucket: bucket)
        if !bucket.objects.isEmpty {
            throw ServiceError(code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty")
        }
        state.buckets[bucket.name] = nil
        return .object([])
    }

    mutating func headBucket(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("Bucket")
        guard let bucket = state.buckets[name] else { throw ServiceError(code: "404", message: "Not Found") }
        do throws(ServiceError) {
            try authorize(call, action: "s3:ListBucket", bucket: bucket)
        } catch {
            throw ServiceError(code: "403", message: "Forbidden")
        }
        return .object([.init("BucketRegion", .string(SandboxState.region))])
    }

    mutating func listObjects(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        let prefix = call.optional("Prefix") ?? ""
        let delimiter = call.optional("Delimiter")
        try authorize(call, action: "s3:ListBucket", bucket: bucket, context: ["s3:prefix": [prefix]])
        var contents: [AWSValue] = []
        var commonPrefixes: [String] = []
        for object in bucket.objects.values.sorted(by: { $0.key < $1.key }) where object.key.hasPrefix(prefix) {
            if let delimiter, let range = object.key.dropFirst(prefix.count).range(of: delimiter) {
                let common = String(object.key[..<range.upperBound])
                if !commonPrefixes.contains(common) { commonPrefixes.append(common) }
                continue
            }
            var listed: [AWSValue.Member] = [
                .init("Key", .string(object.key)), .init("LastModified", .string(SandboxClock.iso8601(object.modified))),
                .init("ETag", .string("\"\(object.etag)\"")),
            ]
            // The algorithm an object was uploaded with, as S3 lists it.
            let algorithms = Self.checksumMemberNames.filter { object.checksums?[$0] != nil }.map { AWSValue.string(String($0.dropFirst("Checksum".count))) }
            if !algorithms.isEmpty { listed += [.init("ChecksumAlgorithm", .list(algorithms)), .init("ChecksumType", "FULL_OBJECT")] }
            listed += [.init("Size", .integer(object.body.utf8.count)), .init("StorageClass", "STANDARD")]
            contents.append(.object(listed))
        }
        var members: [AWSValue.Member] = [.init("IsTruncated", false)]
        if !contents.isEmpty { members.append(.init("Contents", .list(contents))) }
        members.append(.init("Name", .string(bucket.name)))
        members.append(.init("Prefix", .string(prefix)))
        if let delimiter { members.append(.init("Delimiter", .string(delimiter))) }
        members.append(.init("MaxKeys", 1000))
        if !commonPrefixes.isEmpty { members.append(.init("CommonPrefixes", .list(commonPrefixes.map { .object([.init("Prefix", .string($0))]) }))) }
        members.append(.init("KeyCount", .integer(contents.count + commonPrefixes.count)))
        return .object(members)
    }

    mutating func getObject(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        let key = try call.required("Key")
        try authorize(call, action: "s3:GetObject", bucket: bucket, key: key)
        guard let object = bucket.objects[key] else {
            // Without s3:ListBucket, S3 hides whether the key exists and answers AccessDenied instead.
            try authorize(call, action: "s3:ListBucket", bucket: bucket)
            throw ServiceError(code: "NoSuchKey", message: "The specified key does not exist.")
        }
        var members: [AWSValue.Member] = [
            .init("AcceptRanges", "bytes"), .init("LastModified", .string(SandboxClock.iso8601(object.modified))),
            .init("ContentLength", .integer(object.body.utf8.count)), .init("ETag", .string("\"\(object.etag)\"")),
        ]
        // Asked for (`ChecksumMode ENABLED`, which the SDKs and CLI send on downloads), S3 gives the checksums the
        // object was uploaded with, for the client to verify the body against.
        if call.optional("ChecksumMode") == "ENABLED", let checksums = object.checksums, !checksums.isEmpty {
            members += Self.checksumMembers(checksums)
        }
        members += [.init("ContentType", "binary/octet-stream"), .init("Metadata", .object([]))]
        if call.operation == "GetObject" { members.append(.init("Body", .string(object.body))) }
        return .object(members)
    }

    mutating func putObject(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        let key = try call.required("Key")
        try authorize(call, action: "s3:PutObject", bucket: bucket, key: key)
        let body = call.optional("Body") ?? ""
        var checksums: [String: String] = [:]
        for member in Self.checksumMemberNames { if let value = call.optional(member) { checksums[member] = value } }
        let object = S3Object(key: key, body: body, modified: state.clock.now, etag: Self.etag(of: body), checksums: checksums.isEmpty ? nil : checksums)
        state.buckets[bucket.name]?.objects[key] = object
        // In the order of S3's model: the ETag, the checksums it was sent, then the encryption every new object
        // gets (SSE-S3, by default since January 2023).
        return .object([.init("ETag", .string("\"\(object.etag)\""))] + Self.checksumMembers(checksums) + [.init("ServerSideEncryption", "AES256")])
    }

    static let checksumMemberNames = ["ChecksumCRC32", "ChecksumCRC32C", "ChecksumSHA1", "ChecksumSHA256"]

    /// The checksums in the model's order, and their type: a whole body's checksum is FULL_OBJECT.
    static func checksumMembers(_ checksums: [String: String]) -> [AWSValue.Member] {
        let present = checksumMemberNames.compactMap { name in checksums[name].map { AWSValue.Member(name, .string($0)) } }
        return present.isEmpty ? [] : present + [AWSValue.Member("ChecksumType", "FULL_OBJECT")]
    }

    mutating func deleteObject(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        let key = try call.required("Key")
        try authorize(call, action: "s3:DeleteObject", bucket: bucket, key: key)
        state.buckets[bucket.name]?.objects[key] = nil
        return .object([])
    }

    mutating func getBucketPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:GetBucketPolicy", bucket: bucket)
        guard let policy = bucket.policy else {
            throw ServiceError(code: "NoSuchBucketPolicy", message: "The bucket policy does not exist")
        }
        return .object([.init("Policy", .string(policy))])
    }

    mutating func putBucketPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        let text = try call.required("Policy")
        try authorize(call, action: "s3:PutBucketPolicy", bucket: bucket)
        // Parsed once, for S3's grammar checks and for its principals.
        let check = PolicyCache.shared.check(text, as: .resource)
        if let message = PolicyEngineBridge.problem(in: check, asResourcePolicyFor: bucket.arn) {
            throw ServiceError(code: "MalformedPolicy", message: message)
        }
        // Like IAM, S3 keeps a user or role principal by its unique id: it must exist when the policy is saved.
        if let document = check.document {
            if firstInvalidPrincipal(in: document) != nil { throw ServiceError(code: "MalformedPolicy", message: "Invalid principal in policy") }
            try refusePublicPolicy(call, bucket: bucket, document: document)
        }
        state.buckets[bucket.name]?.policy = text
        return .object([])
    }

    mutating func deleteBucketPolicy(_ call: Call) throws(ServiceError) -> AWSValue {
        let bucket = try existingBucket(try call.required("Bucket"))
        try authorize(call, action: "s3:DeleteBucketPolicy", bucket: bucket)
        state.buckets[bucket.name]?.policy = nil
        return .object([])
    }

    /// S3's ETag of an object uploaded in one part without KMS: the MD5 of its body, in hex (S3 API Reference,
    /// Object: "an MD5 digest of the object data"), so a learner can check an upload against `md5sum`.
    static func etag(of body: String) -> String {
        Checksums.hex(Insecure.MD5.hash(data: Array(body.utf8)))
    }
}
