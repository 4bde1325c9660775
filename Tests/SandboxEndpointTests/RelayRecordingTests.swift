import AWSModel
import AWSWire
import EndpointCore
import Foundation
import SandboxShell
import ShellWords
import Testing

/// What the learner's own tools do through the tutor's endpoint is recorded as shell lines, and a re-grade replays
/// those lines in a fresh sandbox: each line must make exactly the change the request made, whatever the values.
@Suite struct RelayRecordingTests {
    /// A shell with a running instance whose profile holds the role `Web`.
    static func shellWithInstance() throws -> (SandboxShell, String) {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        for line in ["aws iam create-role --role-name Web --assume-role-policy-document '\(trust)'",
                     "aws iam create-instance-profile --instance-profile-name WebProfile",
                     "aws iam add-role-to-instance-profile --instance-profile-name WebProfile --role-name Web",
                     "aws ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro --iam-instance-profile Name=WebProfile"] {
            let outcome = shell.run(line)
            try #require(outcome.exitCode == 0, "\(line): \(outcome.stderr)")
        }
        let id = shell.run("aws ec2 describe-instances --query 'Reservations[0].Instances[0].InstanceId' --output text").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (shell, id)
    }

    static func metadata(_ method: String, _ path: String, headers: [(String, String)] = []) -> SigV4.Request {
        SigV4.Request(method: method, path: path, query: "", headers: [("Host", "127.0.0.1:4566")] + headers, body: [])
    }

    /// A metadata token and the instance role's credentials change the sandbox (a token kept, a session minted), so
    /// they are run as `instance exec … curl` lines: recorded like any command, and replayed to the same values.
    @Test func metadataRequestsThatChangeTheSandboxAreRunAsRecordedLines() throws {
        let (start, id) = try Self.shellWithInstance()
        var shell = start
        var lines: [String] = []
        func serve(_ request: SigV4.Request) throws -> EndpointCore.Reply {
            switch ServedCall.step(request, world: shell.world.state, requestID: "r", now: Date()) {
            case .answered(let reply, let world):
                #expect(world == nil, "a change must be recorded as a line")
                return reply
            case .run(let line, let answer):
                lines.append(line)
                let outcome = shell.run(line)
                let reply = answer(.failure(ServiceError(code: "Unused", message: "")))
                #expect(reply.body.trimmingCharacters(in: .newlines)
                        == outcome.stdout.trimmingCharacters(in: .newlines), "the line printed what the endpoint answered: \(line)")
                return reply
            }
        }
        let token = try serve(Self.metadata("PUT", "/instances/\(id)/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
        let tokenText = token.body
        #expect(token.status == 200 && !tokenText.isEmpty)
        let role = try serve(Self.metadata("GET", "/instances/\(id)/latest/meta-data/iam/security-credentials/", headers: [("X-aws-ec2-metadata-token", tokenText)]))
        #expect(role.body.hasPrefix("Web"))
        let credentials = try serve(Self.metadata("GET", "/instances/\(id)/latest/meta-data/iam/security-credentials/Web", headers: [("X-aws-ec2-metadata-token", tokenText)]))
        let document = credentials.body
        #expect(document.contains("\"AccessKeyId\" : \"ASIA"), "\(document)")
        #expect(lines.count >= 2, "the token and the credentials were recorded: \(lines)")

        // A re-grade: the same lines from the same start give the same credentials, so calls signed with them
        // are valid again.
        var replay = start
        var replayed = ""
        for line in lines { replayed = replay.run(line).stdout }
        #expect(replayed.trimmingCharacters(in: .newlines) == document.trimmingCharacters(in: .newlines))

        // A call signed with those credentials was made on the instance: it is recorded as `instance exec`, so a
        // check `last command ran on an instance` sees it, and its answer is the sandbox's.
        func field(_ name: String) -> String {
            let parts = document.components(separatedBy: "\"\(name)\" : \"")
            return parts.count > 1 ? String(parts[1].prefix { $0 != "\"" }) : ""
        }
        let signed = SandboxEndpointTests.signed(service: "sts", body: "Action=GetCallerIdentity&Version=2011-06-15",
                                                 headers: [("X-Amz-Security-Token", field("Token"))], key: field("AccessKeyId"), secret: field("SecretAccessKey"))
        guard case .run(let line, let answer) = ServedCall.step(signed, world: shell.world.state, requestID: "r", now: SandboxEndpointTests.now) else {
            Issue.record("the instance's call was not relayed")
            return
        }
        #expect(line.hasPrefix("instance exec \(id) -- aws sts get-caller-identity"), "\(line)")
        let outcome = shell.run(line)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let reply = answer(ServedCall.result(of: outcome, in: shell))
        #expect(reply.body.contains("assumed-role/Web/\(id)"), "\(reply.body)")
    }

    /// An unsigned AssumeRoleWithWebIdentity (as the real CLI sends it) is recorded as a line without keys, which
    /// the shell runs as the same unsigned call (found in review: the relay once answered InternalFailure).
    @Test func anUnsignedWebIdentityCallIsRelayedAndRecorded() throws {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#
        _ = shell.run("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com")
        #expect(shell.run("aws iam create-role --role-name Deploy --assume-role-policy-document '\(trust)'").exitCode == 0)
        let token = shell.run("github-token --repo acme/site").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FDeploy&RoleSessionName=gh&WebIdentityToken=\(token)"
        let request = SigV4.Request(method: "POST", path: "/", query: "", headers: [("Host", "127.0.0.1:4566"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                    body: Array(form.utf8))
        guard case .run(let line, let answer) = ServedCall.step(request, world: shell.world.state, requestID: "r", now: Date()) else {
            Issue.record("the unsigned call was not relayed")
            return
        }
        #expect(!line.contains("AWS_ACCESS_KEY_ID"), "\(line)")
        let outcome = shell.run(line)
        #expect(outcome.exitCode == 0, "\(line): \(outcome.stderr)")
        let reply = answer(ServedCall.result(of: outcome, in: shell))
        #expect(reply.status == 200 && reply.body.contains("<Arn>arn:aws:sts::123456789012:assumed-role/Deploy/gh</Arn>"), "\(reply.body)")
    }

    /// The credential scope's region becomes a word of the recorded line, so only a region's characters are taken
    /// (found in review: `>` would have been read as a redirection).
    @Test func aRegionThatIsNotARegionIsRefused() {
        let request = SigV4.Request(method: "POST", path: "/", query: "", headers: [
            ("Host", "127.0.0.1:4566"), ("X-Amz-Date", "20270115T080000Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20270115/>/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"),
        ], body: Array("Action=ListRoles&Version=2010-05-08".utf8))
        guard case .answered(let reply, _) = ServedCall.step(request, world: SandboxShell(state: .initial()).world.state, requestID: "r", now: Date()) else {
            Issue.record("a request scoped to region '>' was relayed")
            return
        }
        #expect(reply.errorCode == "IncompleteSignature", "\(reply.body)")
    }

    /// Values with quotes, `$`, `<<`, backslashes and line breaks survive the trip through a recorded line.
    @Test(arguments: ["it's", "it's $HOME and \"$X\"", "$HOME", "a << EOF", #"C:\temp"#, "tab\there", "line\nbreak", #"{"a": "$(x)"}"#, "'", "\\$X", "> out", ">", "|", ";", "&&", "2>&1"])
    func aRecordedValueReachesTheSandboxUnchanged(_ value: String) throws {
        var shell = SandboxShell(state: .initial())
        _ = shell.run("export HOME=/home/learner X=1")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let tags = "Key=note,Value=x"
        let line = ["aws", "iam", "create-role", "--role-name", "Quoted", "--assume-role-policy-document", trust, "--tags", tags,
                    "--description", value].map(ShellWords.quoted).joined(separator: " ")
        let created = shell.run(line)
        #expect(created.exitCode == 0, "\(line): \(created.stderr)")
        let shown = shell.run("aws iam get-role --role-name Quoted --query Role.Description --output json").stdout
        #expect(shown == AWSValue.string(value).compactJSON + "\n", "\(line)")
    }
}
