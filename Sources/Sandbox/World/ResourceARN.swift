/// Every ARN the sandbox makes, built here and nowhere else: the partition and the region are written once, and
/// each service's format is one line to check against the service's documentation.
enum ResourceARN {
    static let partition = "aws"
    static var region: String { SandboxState.region }

    // IAM and STS are global: no region.
    static func iam(account: String, kind: String, path: String = "/", name: String) -> String {
        "arn:\(partition):iam::\(account):\(kind)\(path)\(name)"
    }
    static func awsManagedPolicy(path: String, name: String) -> String { "arn:\(partition):iam::aws:policy\(path)\(name)" }
    static func accountRoot(_ account: String) -> String { "arn:\(partition):iam::\(account):root" }
    static func assumedRole(account: String, role: String, session: String) -> String {
        "arn:\(partition):sts::\(account):assumed-role/\(role)/\(session)"
    }

    // S3 bucket names are global: neither region nor account.
    static func s3Bucket(_ name: String) -> String { "arn:\(partition):s3:::\(name)" }
    static func s3Object(bucket: String, key: String) -> String { "arn:\(partition):s3:::\(bucket)/\(key)" }

    static func dynamoTable(account: String, name: String) -> String { "arn:\(partition):dynamodb:\(region):\(account):table/\(name)" }
    static func ec2Instance(account: String, id: String) -> String { "arn:\(partition):ec2:\(region):\(account):instance/\(id)" }
    static func lambdaFunction(account: String, name: String) -> String { "arn:\(partition):lambda:\(region):\(account):function:\(name)" }
    static func logGroup(account: String, group: String, stream: String? = nil) -> String {
        let base = "arn:\(partition):logs:\(region):\(account):log-group:\(group)"
        return stream.map { "\(base):log-stream:\($0)" } ?? base
    }
    static func stack(account: String, name: String, id: String) -> String {
        "arn:\(partition):cloudformation:\(region):\(account):stack/\(name)/\(id)"
    }
}
