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
        // But whose refusal it was is known: the role's, not the learner's.
        #expect(try Self.holds("last command was signed by role Writer", shell, [refused]))
        #expect(try !Self.holds("last command was signed by user learner", shell, [refused]))
        let mineRefused = shell.run("aws iam get-role --role-name Nope")
        #expect(try Self.holds("last command was signed by user learner", shell, [refused, mineRefused]))
        #expect(try !Self.holds("last command was signed by role Writer", shell, [refused, mineRefused]), "only the last command counts")
    }

    /// A web identity call names who asked through its token's subject, so a task can tell a stranger's job from
    /// the repository's own.
    @Test func aWebIdentityCallNamesItsTokensSubject() throws {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}"#
        _ = shell.run("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com")
        #expect(shell.run("aws iam create-role --role-name Open --assume-role-policy-document '\(trust)'").exitCode == 0)
        _ = shell.run("github-token --repo mallory/tools > t.jwt")
        let exchange = shell.run("aws sts assume-role-with-web-identity --role-arn arn:aws:iam::123456789012:role/Open --role-session-name gh --web-identity-token file://t.jwt")
        #expect(exchange.exitCode == 0, "\(exchange.stderr)\(exchange.stdout)")
        #expect(try Self.holds("ran sts assume-role-with-web-identity on repo:mallory/tools:ref:refs/heads/main", shell, [exchange]))
        #expect(try !Self.holds("ran sts assume-role-with-web-identity on repo:acme/website:ref:refs/heads/main", shell, [exchange]))
        #expect(try Self.holds("last command is sts assume-role-with-web-identity on repo:mallory/tools:ref:refs/heads/main", shell, [exchange]))
    }

    /// `on VALUE` names what the call was about, so getting or assuming a different role than the goal's does not
    /// pass; the refusal a task asks for must be the refusal of the named call.
    @Test func theCallsArgumentsDecide() throws {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
        for name in ["Writer", "Reader"] {
            #expect(shell.run("aws iam create-role --role-name \(name) --assume-role-policy-document '\(trust)'").exitCode == 0)
        }
        let reader = shell.run("aws iam get-role --role-name Reader")
        #expect(try Self.holds("ran iam get-role on Reader", shell, [reader]))
        #expect(try Self.holds("ran iam get-role on reader", shell, [reader]), "IAM names compare regardless of case")
        #expect(try !Self.holds("ran iam get-role on Writer", shell, [reader]))

        let assumed = shell.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Writer --role-session-name s1")
        #expect(try Self.holds("ran sts assume-role on arn:aws:iam::123456789012:role/Writer", shell, [assumed]))
        #expect(try Self.holds("ran sts assume-role on s1", shell, [assumed]))
        #expect(try !Self.holds("ran sts assume-role on arn:aws:iam::123456789012:role/Reader", shell, [assumed]))

        // A profile's own assume-role names its role too, and is the source user's call.
        _ = shell.run("aws configure set role_arn arn:aws:iam::123456789012:role/Reader --profile reader")
        _ = shell.run("aws configure set source_profile default --profile reader")
        let throughProfile = shell.run("aws sts get-caller-identity --profile reader")
        #expect(try Self.holds("ran sts assume-role on arn:aws:iam::123456789012:role/Reader", shell, [throughProfile]))
        #expect(try Self.holds("ran sts assume-role as user learner", shell, [throughProfile]))

        let refused = shell.run("aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Missing --role-session-name s1")
        #expect(try Self.holds("last command is sts assume-role on arn:aws:iam::123456789012:role/Missing", shell, [refused]))
        #expect(try !Self.holds("last command is sts assume-role on arn:aws:iam::123456789012:role/Writer", shell, [refused]))
        #expect(try !Self.holds("ran sts assume-role on arn:aws:iam::123456789012:role/Missing", shell, [refused]), "a refused call ran nothing")
        let equalsForm = shell.run("aws sts assume-role --role-arn=arn:aws:iam::123456789012:role/Missing --role-session-name s1")
        #expect(try Self.holds("last command is sts assume-role on arn:aws:iam::123456789012:role/Missing", shell, [equalsForm]))
    }
}
