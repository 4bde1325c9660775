import AWSModel
import Testing
@testable import AWSCommands

/// Parameters a service refuses before anything else, from the constraints in botocore's models, with AWS's words.
@Suite struct ServerSideValidationTests {
    static func request(_ service: String, _ operation: String, _ parameters: KeyValuePairs<String, AWSValue>) -> ServiceRequest {
        ServiceRequest(service: service, operation: operation, parameters: .object(parameters.map { AWSValue.Member($0.key, $0.value) }),
                       credentials: AWSCredentials(accessKeyID: "AKIA", secretAccessKey: "s"))
    }

    @Test func patternsLengthsAndEnumsComeBackAsTheServiceSaysThem() {
        #expect(ServerSideValidator.error(for: Self.request("iam", "ListRoles", ["PathPrefix": "nopath"]))
                == ServiceError(code: "ValidationError", message: #"1 validation error detected: Value 'nopath' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*"#))
        let function = ServerSideValidator.error(for: Self.request("lambda", "GetFunction", ["FunctionName": "bad name!"]))
        #expect(function?.code == "ValidationException")
        #expect(function?.message.hasPrefix("1 validation error detected: Value 'bad name!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ") == true)
        #expect(ServerSideValidator.error(for: Self.request("logs", "CreateLogGroup", ["logGroupName": "bad:name"]))?.message
                == #"1 validation error detected: Value 'bad:name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+"#)
        let long = String(repeating: "r", count: 65)
        #expect(ServerSideValidator.error(for: Self.request("iam", "GetRole", ["RoleName": .string(long)]))?.message
                == "1 validation error detected: Value '\(long)' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64")
        let both = ServerSideValidator.error(for: Self.request("iam", "CreateRole", ["RoleName": "a b", "Path": "x", "AssumeRolePolicyDocument": "{}"]))
        #expect(both?.message.hasPrefix("2 validation errors detected: ") == true)
        let duration = ServerSideValidator.error(for: Self.request("iam", "UpdateRole", ["RoleName": "R", "MaxSessionDuration": 50_000]))
        #expect(duration?.message == "1 validation error detected: Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200")
        let billing = ServerSideValidator.error(for: Self.request("dynamodb", "CreateTable", ["TableName": "Scores", "BillingMode": "FREE"]))
        #expect(billing?.message.contains("Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]") == true)
        // Well-formed requests and services that validate in their own way pass through.
        #expect(ServerSideValidator.error(for: Self.request("iam", "GetRole", ["RoleName": "S3Reader"])) == nil)
        #expect(ServerSideValidator.error(for: Self.request("ec2", "DescribeInstances", ["InstanceIds": ["bogus"]])) == nil)
    }

    /// Members inside structures and lists of structures are checked too, named by AWS's dotted paths.
    @Test func nestedMembersAreCheckedWithTheirPaths() {
        let tags: AWSValue = .list([.object([.init("Key", "team"), .init("Value", "blue")]), .object([.init("Key", "bad*key"), .init("Value", "x")])])
        #expect(ServerSideValidator.error(for: Self.request("iam", "CreateRole", ["RoleName": "R", "AssumeRolePolicyDocument": "{}", "Tags": tags]))?.message
                == #"1 validation error detected: Value 'bad*key' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+"#)
        let keySchema: AWSValue = .list([.object([.init("AttributeName", "id"), .init("KeyType", "HASHY")])])
        let table = ServerSideValidator.error(for: Self.request("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": keySchema]))
        #expect(table == ServiceError(code: "ValidationException", message: "1 validation error detected: Value 'HASHY' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"))
        // A structure member (not a list): DynamoDB's provisioned throughput is fine as given.
        let good: AWSValue = .list([.object([.init("AttributeName", "id"), .init("KeyType", "HASH")])])
        #expect(ServerSideValidator.error(for: Self.request("dynamodb", "CreateTable", ["TableName": "T", "KeySchema": good])) == nil)
    }

    /// EC2 refuses an instance type it does not have, in its own words, before launching anything.
    @Test func ec2RefusesUnknownInstanceTypes() {
        let bogus = ServerSideValidator.error(for: Self.request("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.bogus", "MinCount": 1, "MaxCount": 1]))
        #expect(bogus == ServiceError(code: "InvalidParameterValue", message: "Invalid value 't3.bogus' for InstanceType."))
        for type in ["t3.micro", "t2.micro", "m5.large"] {
            #expect(ServerSideValidator.error(for: Self.request("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "InstanceType": .string(type), "MinCount": 1, "MaxCount": 1])) == nil)
        }
        #expect(ServerSideValidator.error(for: Self.request("ec2", "RunInstances", ["ImageId": "ami-0abcdef1234567890", "MinCount": 1, "MaxCount": 1])) == nil)
    }

    /// Every pattern of every simulated operation's input compiles, so none is silently skipped.
    @Test func everyModelPatternCompiles() {
        var failures: [String] = []
        for service in ServiceCatalog.services {
            for (name, shape) in service.shapes {
                if let pattern = shape.pattern, ModelPattern.regex(pattern) == nil { failures.append("\(service.apiName).\(name): \(pattern)") }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        // Character-class patterns take the fast path and agree with the regular expression.
        // Classes beyond ASCII (a policy document's Latin-1 range, Lambda's wide one) too.
        for pattern in [#"[\w+=,.@-]+"#, #"[\.\-_/#A-Za-z0-9]+"#, #"[\u0009\u000A\u000D\u0020-\u007E]*"#, #"[\w+=,.@:\/-]*"#,
                        #"[\u0009\u000A\u000D\u0020-\u00FF]+"#, #"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*"#,
                        #"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD]+"#, #"[\d]*"#, #"[a-zA-Z0-9-_]+"#] {
            let matcher = ModelPattern.regex(pattern)
            #expect(matcher?.characterClass != nil, "\(pattern)")
            for text in ["abc", "a b", "x@y.z", "", "a/b", "tab\there", "a:b", "#1", "-_.", "caf\u{E9}", "\u{A0}x", "\u{85}", "\u{3042}", "\u{1F600}", "\u{7F}", "\u{1}", "123"] {
                // Swift's \w takes letters beyond ASCII; Java's (below) does not.
                if pattern.contains(#"\w"#), !text.unicodeScalars.allSatisfy(\.isASCII) { continue }
                let regex = try! Regex(ModelPattern.swiftSyntax(pattern))
                #expect(matcher?.matches(text) == ((try? regex.wholeMatch(in: text)) != nil), "\(pattern) on \(text)")
            }
        }
        // As in Java, whose patterns these are, \w is ASCII: IAM refuses "ü" in a name (Swift's \w would take it).
        #expect(ModelPattern.regex(#"[\w+=,.@-]+"#)?.matches("rölle") == false)
        // A final negative look-behind is checked by hand.
        let bucket = ModelPattern.regex(#"[0-9A-Za-z\.\-_]*(?<!\.)"#)
        #expect(bucket?.matches("my.bucket-1") == true)
        #expect(bucket?.matches("ends.with.dot.") == false)
    }
}
