import Assessment
import Lessons
import Sandbox
import SandboxShell
import Testing

/// `ran OP as role NAME` and `as user NAME`: whose call it was comes from the key that signed it, so running the
/// right command as the wrong identity does not pass.
@Suite struct CallerCheckTests {
    static func holds(_ source: String, _ shell: SandboxShell, _ outcomes: [ShellOutcome]) throws -> Bool {
        guard case .check(let condition, let isNegated) = CheckGrammar.parse(source) else {
            Issue.record("\(source) does not parse")
            return false
        }
        let check = TaskCheck(condition: condition, isNegated: isNegated, source: source, location: SourceLocation(file: "test", line: 1))
        return CheckEvaluator.holds(check, in: TaskContext(sandbox: shell.world, callerAccessKey: shell.currentAccessKeyID, outcomes: outcomes))
    }

    @Test func theSignerDecides() throws {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
        #expect(shell.run("aws iam create-role --role-name Writer --assume-role-policy-document '\(trust)'").exitCode == 0)
        let mine = shell.run("aws sts get-caller-identity")
        #expect(try Self.holds("ran sts get-caller-identity as user learner", shell, [mine]))
        #expect(try !Self.holds("ran sts get-caller-identity as role Writer", shell, [mine]))
        _ = shell.run("aws configure set role_arn arn:aws:iam::123456789012:role/Writer --profile writer")
        _ = shell.run("aws configure set source_profile default --profile writer")
        let theirs = shell.run("aws sts get-caller-identity --profile writer")
        #expect(try Self.holds("ran sts get-caller-identity as role Writer", shell, [theirs]))
        #expect(try !Self.holds("ran sts get-caller-identity as user learner", shell, [theirs]),
                "the profile's own sts:AssumeRole is the learner's, but get-caller-identity is the role's")
        // A failed call does not count, whoever made it.
        let refused = shell.run("aws iam list-roles --profile writer")
        #expect(try !Self.holds("ran iam list-roles as role Writer", shell, [refused]))
    }
}
