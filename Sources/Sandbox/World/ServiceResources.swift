struct S3Object: Codable, Hashable, Sendable {
    var key: String
    var body: String
    var modified: Int
    var etag: String
    /// The checksums the object was uploaded with, by member (`ChecksumCRC32`: base64), as S3 keeps them.
    /// (Optional so that states saved before it existed still load.)
    var checksums: [String: String]?
}

struct S3Bucket: Codable, Hashable, Sendable {
    var name: String
    var owner: String
    var created: Int
    var policy: String?
    var objects: [String: S3Object] = [:]
    /// Block Public Access: all on for a bucket made now; absent for one saved before sandbox state format 6, as for
    /// a bucket AWS made before April 2023.
    var publicAccessBlock: PublicAccessBlock?

    var arn: String { ResourceARN.s3Bucket(name) }
}

struct DynamoTable: Codable, Hashable, Sendable {
    var name: String
    var account: String
    var created: Int
    var keySchema: [KeyElement]
    var attributeDefinitions: [AttributeDefinition]
    var billingMode: String
    /// Items in insertion order.
    var items: [DynamoItem] = []
    /// A provisioned table's read and write capacity units (absent in states saved before format 5, shown as 0).
    var readCapacityUnits: Int?
    var writeCapacityUnits: Int?

    struct KeyElement: Codable, Hashable, Sendable {
        var attributeName: String
        var keyType: String
    }

    struct AttributeDefinition: Codable, Hashable, Sendable {
        var attributeName: String
        var attributeType: String
    }


    var arn: String { ResourceARN.dynamoTable(account: account, name: name) }
}

struct EC2Instance: Codable, Hashable, Sendable {
    var id: String
    var account: String
    var imageID: String
    var instanceType: String
    var launched: Int
    var state: String
    var instanceProfileARN: String?
    var privateIP: String
    /// The credentials the metadata service currently hands out, renewed before they expire.
    var roleSessionKey: String?
    var associationID: String?
    /// How the metadata service answers: IMDSv2 only, or v1 too. Nil in states saved before it existed: optional.
    var metadataOptions: MetadataOptions?
    /// IMDSv2 session tokens handed out by `PUT /latest/api/token`, with when each expires (sandbox time).
    var metadataTokens: [String: Int]?
    /// Tags given at launch (`--tag-specifications`). EC2's keys are case-sensitive, unlike IAM's. Absent in states
    /// saved before format 6.
    var tags: [Tag]?

    var arn: String { ResourceARN.ec2Instance(account: account, id: id) }
}

/// An instance's metadata options, as `run-instances --metadata-options` and `modify-instance-metadata-options`
/// set them.
struct MetadataOptions: Codable, Hashable, Sendable {
    /// "required": IMDSv2 only, every request needs a session token; "optional": IMDSv1 requests work too.
    var httpTokens = "optional"
    var httpPutResponseHopLimit = 1
    var httpEndpoint = "enabled"
}

struct LambdaFunction: Codable, Hashable, Sendable {
    var name: String
    var account: String
    var runtime: String
    var handler: String
    var roleARN: String
    var code: String
    var codeSize: Int
    var codeSHA256: String
    var description: String
    var timeout: Int
    var memorySize: Int
    var modified: Int
    /// `--environment Variables={…}`, shown as Lambda shows it. Absent in states saved before format 6.
    var environment: [String: String]?

    var arn: String { ResourceARN.lambdaFunction(account: account, name: name) }
}

struct LogEvent: Codable, Hashable, Sendable {
    var timestamp: Int
    var message: String
    var ingested: Int
}

struct LogStream: Codable, Hashable, Sendable {
    var name: String
    var created: Int
    var events: [LogEvent] = []
}

struct LogGroup: Codable, Hashable, Sendable {
    var name: String
    var account: String
    var created: Int
    var streams: [LogStream] = []

    var arn: String { ResourceARN.logGroup(account: account, group: name) + ":*" }
}

struct StackEvent: Codable, Hashable, Sendable {
    var id: String
    var logicalID: String
    var physicalID: String
    var resourceType: String
    var status: String
    var reason: String?
    var timestamp: Int
}

struct StackResource: Codable, Hashable, Sendable {
    var logicalID: String
    var physicalID: String
    var resourceType: String
    /// For AWS::IAM::Policy: the inline policy's name and where it was put, to remove it again.
    var policyName: String? = nil
    var policyRoles: [String]? = nil
    var policyUsers: [String]? = nil
}

struct Stack: Codable, Hashable, Sendable {
    var name: String
    var id: String
    var account: String
    var status: String
    var statusReason: String?
    var roleARN: String?
    var created: Int
    var template: String
    var resources: [StackResource] = []
    var events: [StackEvent] = []
    /// The capabilities the stack was created with, and when it was deleted. Absent in states saved before format 6.
    var capabilities: [String]?
    var deleted: Int?
}

/// Everything one account owns besides IAM, in the one region the sandbox has.
struct AccountResources: Codable, Hashable, Sendable {
    var iam = IAMAccount()
    var tables: [String: DynamoTable] = [:]
    var instances: [String: EC2Instance] = [:]
    var functions: [String: LambdaFunction] = [:]
    var stacks: [String: Stack] = [:]
    var logGroups: [String: LogGroup] = [:]
}
