@testable import PolicyEngine
import Testing

/// Statements with many actions are matched through a per-service index (ReadOnlyAccess lists thousands). The
/// index must decide exactly as a plain scan of every pattern would: checked here against that scan on random
/// action lists that mix literal and wildcard patterns (and, rarely, a bare "*") in any case.
@Suite struct ActionIndexTests {
    static let services = ["s3", "iam", "ec2", "sts", "dynamodb", "logs", "lambda", "S3", "IAM"]
    static let verbs = ["Get", "List", "Put", "Delete", "Describe", "Create"]
    static let nouns = ["Object", "Role", "Bucket", "Item", "Instances", "Policy", ""]

    @Test func indexedMatchingAgreesWithAPlainScan() {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<300 {
            var patterns: [String] = []
            for _ in 0..<(12 + Int(generator.next() % 30)) {
                let service = Self.services.randomElement(using: &generator)!
                let verb = Self.verbs.randomElement(using: &generator)!
                let noun = Self.nouns.randomElement(using: &generator)!
                switch generator.next() % 8 {
                case 0: patterns.append("\(service):*")
                case 1: patterns.append("\(service):\(verb)*")
                case 2: patterns.append("\(service):*\(noun)")
                case 3: patterns.append("\(service):\(verb)?\(noun.dropFirst())")
                case 4: patterns.append(generator.next() % 10 == 0 ? "*" : "\(service):\(verb.lowercased())\(noun)")
                default: patterns.append("\(service):\(verb)\(noun)")
                }
            }
            let list = patterns.map { "\"\($0)\"" }.joined(separator: ",")
            let set = PolicySet(identityPolicies: [compiled(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["# + list + #"],"Resource":"*"}]}"#)])
            let reference = patterns.map { WildcardPattern($0, caseInsensitive: true) }
            for _ in 0..<40 {
                let action = "\(Self.services.randomElement(using: &generator)!):\(Self.verbs.randomElement(using: &generator)!)\(Self.nouns.randomElement(using: &generator)!)"
                let expected = reference.contains { $0.matches(action) }
                let decided = set.evaluate(AccessRequest(principal: learner, action: action, resource: "arn:aws:s3:::b")).isAllowed
                #expect(decided == expected, "round \(round): \(action) against \(patterns)")
            }
        }
    }

    @Test func notActionWithManyEntriesStillNegates() {
        let actions = (0..<20).map { "\"s3:Get\($0)\"" }.joined(separator: ",")
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","# + actions + #"],"Resource":"*"}]}"#
        let set = PolicySet(identityPolicies: [compiled(document)])
        #expect(set.evaluate(AccessRequest(principal: learner, action: "ec2:RunInstances", resource: "*")).isAllowed)
        #expect(!set.evaluate(AccessRequest(principal: learner, action: "IAM:CreateUser", resource: "*")).isAllowed)
        #expect(!set.evaluate(AccessRequest(principal: learner, action: "s3:get7", resource: "*")).isAllowed)
        #expect(set.evaluate(AccessRequest(principal: learner, action: "s3:Get77", resource: "*")).isAllowed)
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
