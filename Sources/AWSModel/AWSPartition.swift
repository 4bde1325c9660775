/// AWS's partitions and their Regions, as botocore 1.45's endpoint data lists them. The CLI builds every endpoint
/// from this table and fails, as the real CLI does, when the endpoint does not exist (`--region us-east1` is a typo
/// no DNS answers); the sandbox uses it to know that the learner's keys, which belong to the `aws` partition, mean
/// nothing to the services of another one.
public struct AWSPartition: Sendable, Equatable {
    public let name: String
    public let dnsSuffix: String
    /// botocore's `regionRegex` as the words it starts with: `cn` for `^cn\-\w+\-\d+$`, `us-gov` for
    /// `^us\-gov\-\w+\-\d+$`. A Region name is those words, then one word of letters or digits, then a number.
    let leadingWords: Set<String>
    public let regions: Set<String>
    /// Whether the partition's endpoints answer from the public internet (the isolated ones do not).
    public let isPublic: Bool
    /// The host of IAM's one endpoint for the whole partition, whatever the Region; nil where IAM is regional.
    public let globalIAMHost: String?
    /// The Region that endpoint is in, which every IAM request is signed for and sent to (botocore's
    /// `credentialScope`): `aws:RequestedRegion` of any IAM call, whatever `--region` says.
    public let globalIAMRegion: String?

    /// In botocore's order; the first is the default for a Region no partition claims.
    public static let all: [AWSPartition] = [
        AWSPartition(name: "aws", dnsSuffix: "amazonaws.com", leadingWords: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
                     regions: ["af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
                               "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                               "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
                               "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
                               "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"],
                     isPublic: true, globalIAMHost: "iam.amazonaws.com", globalIAMRegion: "us-east-1"),
        AWSPartition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn", leadingWords: ["cn"], regions: ["cn-north-1", "cn-northwest-1"],
                     isPublic: true, globalIAMHost: "iam.cn-north-1.amazonaws.com.cn", globalIAMRegion: "cn-north-1"),
        AWSPartition(name: "aws-us-gov", dnsSuffix: "amazonaws.com", leadingWords: ["us-gov"], regions: ["us-gov-east-1", "us-gov-west-1"],
                     isPublic: true, globalIAMHost: "iam.us-gov.amazonaws.com", globalIAMRegion: "us-gov-west-1"),
        AWSPartition(name: "aws-iso", dnsSuffix: "c2s.ic.gov", leadingWords: ["us-iso"], regions: ["us-iso-east-1", "us-iso-west-1"],
                     isPublic: false, globalIAMHost: nil, globalIAMRegion: nil),
        AWSPartition(name: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", leadingWords: ["us-isob"], regions: ["us-isob-east-1", "us-isob-west-1"],
                     isPublic: false, globalIAMHost: nil, globalIAMRegion: nil),
        AWSPartition(name: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", leadingWords: ["eu-isoe"], regions: ["eu-isoe-west-1"],
                     isPublic: false, globalIAMHost: nil, globalIAMRegion: nil),
        AWSPartition(name: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", leadingWords: ["us-isof"], regions: ["us-isof-east-1", "us-isof-south-1"],
                     isPublic: false, globalIAMHost: nil, globalIAMRegion: nil),
        AWSPartition(name: "aws-eusc", dnsSuffix: "amazonaws.eu", leadingWords: ["eusc-de"], regions: ["eusc-de-east-1"],
                     isPublic: true, globalIAMHost: nil, globalIAMRegion: nil),
    ]

    /// The partition a Region belongs to: the one that lists it, else the one whose pattern it fits, else `aws`
    /// (botocore's `aws.partition` rule).
    public static func of(region: String) -> AWSPartition {
        all.first { $0.regions.contains(region) } ?? all.first { $0.fitsPattern(region) } ?? all[0]
    }

    /// The partition the sandbox's accounts live in.
    public static let learners = all[0]

    /// `LEADING-word-number`: the words, then letters, digits or `_`, then digits (`\w+\-\d+`).
    func fitsPattern(_ region: String) -> Bool {
        leadingWords.contains { words in
            guard region.hasPrefix(words + "-") else { return false }
            let rest = region.dropFirst(words.count + 1).split(separator: "-", omittingEmptySubsequences: false)
            guard rest.count == 2, !rest[0].isEmpty, !rest[1].isEmpty else { return false }
            return rest[0].utf8.allSatisfy { Self.isWordByte($0) } && rest[1].utf8.allSatisfy { (0x30...0x39).contains($0) }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// The host a service's requests in a Region go to, as the aws CLI resolves it: `sts.eu-west-1.amazonaws.com`,
    /// IAM's global host, `s3.cn-north-1.amazonaws.com.cn`. `endpointPrefix` is the service's (`iam`, `s3`, `logs`).
    public static func host(endpointPrefix: String, region: String) -> String {
        let partition = of(region: region)
        if endpointPrefix == "iam", let global = partition.globalIAMHost { return global }
        return "\(endpointPrefix).\(region).\(partition.dnsSuffix)"
    }

    /// The Region a request to the service in `region` is in: IAM's global endpoint's for IAM (a policy allowing
    /// only eu-west-1 denies every IAM call, as AWS's own example warns), the Region itself for the rest.
    public static func requestedRegion(endpointPrefix: String, region: String) -> String {
        if endpointPrefix == "iam", let global = of(region: region).globalIAMRegion { return global }
        return region
    }

    /// Whether that host exists and answers: a Region of a public partition, or IAM's global endpoint, which
    /// serves every Region name its partition claims (even one that does not exist).
    public static func isReachable(endpointPrefix: String, region: String) -> Bool {
        let partition = of(region: region)
        guard partition.isPublic else { return false }
        return partition.regions.contains(region) || (endpointPrefix == "iam" && partition.globalIAMHost != nil)
    }
}
