@testable import PolicyEngine
import Testing

@Suite struct SimulationTests {
    static let file = """
        [
          {"principal": "arn:aws:iam::123456789012:user/learner", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::course-data/a.txt",
           "identityPolicies": [{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::course-data/*"}]}]},
          {"principal": "arn:aws:iam::123456789012:user/learner", "action": "s3:PutObject",
           "resource": "arn:aws:s3:::course-data/a.txt",
           "context": {"aws:SourceIp": "203.0.113.9", "aws:CalledVia": ["cloudformation.amazonaws.com"]},
           "identityPolicies": ["{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"*\\"}]}"],
           "serviceControlPolicies": [[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}]]}
        ]
        """

    @Test func evaluatesEachRequestInOrder() throws {
        let output = try Simulator.run(Self.file).get()
        #expect(output.evaluations.map(\.decision.outcome) == [.allowed, .implicitDeny])
        #expect(output.evaluations[1].request.context["aws:calledvia"] == ["cloudformation.amazonaws.com"])
        #expect(output.text.contains("[2] ImplicitDeny: arn:aws:iam::123456789012:user/learner → s3:PutObject on arn:aws:s3:::course-data/a.txt"))
        #expect(output.text.contains("AWS would answer: AccessDenied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::course-data/a.txt because no identity-based policy allows the s3:PutObject action"))
    }

    @Test func jsonOutputStartsWithTheDecision() throws {
        let output = try Simulator.run(Self.file).get()
        let json = output.json
        #expect(json.hasPrefix("[\n  {\n    \"decision\": \"Allowed\","))
        #expect(json.contains("\"statement\": \"statement \\\"Read\\\"\""))
        #expect(json.contains("\"layerWithoutAllow\": \"identity-based policy\""))
        // The output is itself valid JSON.
        #expect((try? JSONScanner.parse(json).get()) != nil)
        let single = try Simulator.run(#"{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}"#).get()
        #expect(single.json.hasPrefix("{\n  \"decision\": \"ImplicitDeny\""))
    }

    @Test(arguments: [
        (#"{"action":"s3:GetObject"}"#, "principal: is required"),
        (#"{"principal":"arn:aws:iam::123456789012:user/a","action":5}"#, "action: must be a non-empty string, found a number"),
        (#"[{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject","identityPolicy":[]}]"#, "[0].identityPolicy: unknown field"),
        (#"{"principal":"p","action":"s3:GetObject","context":{"aws:SourceIp":{"a":1}}}"#, "context.aws:SourceIp: values must be strings, found an object"),
        (#"{"principal":"p","action":"s3:GetObject","identityPolicies":{}}"#, "identityPolicies: must be an array of policy documents, found an object"),
        (#"{"principal":"p","action":"s3:GetObject","serviceControlPolicies":[{}]}"#, "serviceControlPolicies[0]: must be an array of policy documents, found an object"),
        (#"{"principal":"p","action":"s3:GetObject","identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}]}"#,
         "identityPolicies[0]: identity policy rejected: MalformedPolicyDocument: Policy statement must contain resources."),
        (#"{"principal":"p","action":"sts:AssumeRole","resourcePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}]}}"#,
         "resourcePolicy: trust policy rejected: MalformedPolicyDocument: Has prohibited field Resource"),
        ("[]", "the array holds no requests"),
        ("{", "the file is not valid JSON"),
    ])
    func badInputNamesTheField(text: String, expected: String) {
        guard case .failure(let error) = Simulator.run(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.description.contains(expected), "\(error.description)")
    }

    @Test func errorsCarryThePositionInTheFile() {
        guard case .failure(let error) = Simulator.run("{\"principal\": \"p\",\n \"action\": \"s3:GetObject\",\n \"resource\": true}") else {
            Issue.record("accepted a boolean resource")
            return
        }
        #expect(error.position == SourcePosition(line: 3, column: 14))
        #expect(error.description == "3:14: resource: must be a non-empty string, found a boolean")
    }
}
