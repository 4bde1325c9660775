import Foundation
import Testing

/// `rolecall policy validate` and `simulate`, run as real processes.
@Suite struct PolicyCommandsTests {
    let policies = RoleCallProcess.fixtures.appendingPathComponent("policies")

    @Test func validateReportsIAMErrorsWithPositions() throws {
        let file = policies.appendingPathComponent("trust-with-resource.json").path
        let output = try RoleCallProcess.run(["policy", "validate", file, "--type", "trust"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("\(file):8:7: error: MalformedPolicyDocument: Has prohibited field Resource"), "\(output.stdout)")
    }

    @Test func validateRejectsAPrincipalInAnIdentityPolicy() throws {
        let file = policies.appendingPathComponent("trust-with-resource.json").path
        let output = try RoleCallProcess.run(["policy", "validate", file, "--type", "identity"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("Policy document should not specify a principal."), "\(output.stdout)")
    }

    @Test func simulateExplainsEachDecision() throws {
        let file = policies.appendingPathComponent("simulate-example.json").path
        let output = try RoleCallProcess.run(["policy", "simulate", file])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("[1] Allowed: arn:aws:iam::123456789012:user/learner → s3:GetObject"))
        #expect(output.stdout.contains("AWS would answer: AccessDenied: User: arn:aws:iam::111122223333:user/dana is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Deployer because no role trust policy allows the sts:AssumeRole action"))
    }

    @Test func simulatePrintsJSONDecisions() throws {
        let file = policies.appendingPathComponent("simulate-example.json").path
        let output = try RoleCallProcess.run(["policy", "simulate", file, "--format", "json"])
        #expect(output.status == 0)
        let decisions = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(decisions.map { $0["decision"] as? String } == ["Allowed", "ImplicitDeny"])
    }

    @Test func simulateNamesTheBadField() throws {
        let file = policies.appendingPathComponent("simulate-typo.json").path
        let output = try RoleCallProcess.run(["policy", "simulate", file])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("\(file):5:3: "), "\(output.stderr)")
        #expect(output.stderr.contains("identityPolicy"))
    }

    @Test func missingFileIsAClearError() throws {
        let output = try RoleCallProcess.run(["policy", "validate", "/nonexistent/policy.json"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("Cannot read '/nonexistent/policy.json'"))
    }
}
