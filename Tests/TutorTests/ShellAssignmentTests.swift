import SandboxShell
import Testing

/// `NAME=value … command`, as a POSIX shell runs it: the variables hold for that one command. The tutor's
/// endpoint records a call from the learner's own CLI this way, with the keys that signed it.
@Suite struct ShellAssignmentTests {
    @Test func variablesBeforeACommandHoldForThatCommandOnly() {
        var shell = SandboxShell(state: .initial())
        let keys = shell.world.state.learnerCredentials
        #expect(shell.run("export AWS_DEFAULT_REGION=eu-west-1").exitCode == 0)
        let once = shell.run("AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=\(keys.accessKeyID) AWS_SECRET_ACCESS_KEY=\(keys.secretAccessKey) aws sts get-caller-identity --query Arn --output text")
        #expect(once.exitCode == 0, "\(once.stderr)")
        #expect(once.stdout == "arn:aws:iam::123456789012:user/learner\n")
        // The checks see the command itself.
        #expect(once.words.first == "aws" && once.command == "aws")
        #expect(shell.run("printenv").stdout == "AWS_DEFAULT_REGION=eu-west-1\n")
        // A line of assignments alone sets them, as in a shell.
        _ = shell.run("TEAM=blue")
        #expect(shell.run("echo $TEAM").stdout == "blue\n")
        // A plain assignment makes a shell variable: `$NAME` sees it, the aws CLI does not, until it is exported.
        _ = shell.run("AWS_DEFAULT_OUTPUT=text")
        #expect(shell.run("echo $AWS_DEFAULT_OUTPUT").stdout == "text\n")
        #expect(shell.run("aws sts get-caller-identity --query Account").stdout == "\"123456789012\"\n", "not exported: JSON still")
        #expect(!shell.run("printenv").stdout.contains("AWS_DEFAULT_OUTPUT"))
        _ = shell.run("export AWS_DEFAULT_OUTPUT")
        #expect(shell.run("aws sts get-caller-identity --query Account").stdout == "123456789012\n", "exported: text")
        _ = shell.run("unset AWS_DEFAULT_OUTPUT")
        _ = shell.run("AWS_DEFAULT_OUTPUT=text")
        #expect(shell.run("AWS_DEFAULT_OUTPUT=text aws sts get-caller-identity --query Account").stdout == "123456789012\n", "given to the one command, it is in its environment")
        #expect(shell.run("aws sts get-caller-identity --query Account").stdout == "\"123456789012\"\n", "and a shell variable again after it")
        // A word with = that is not a name is the command, as in a shell.
        #expect(shell.run("1X=2 aws sts get-caller-identity").exitCode == 127)
    }

    /// `$?` is the last line's exit status, as in a POSIX shell: it printed itself, `$?`, so a learner could not see
    /// the 254 of a denial or the 252 of a usage error the way tutorials show them.
    @Test func dollarQuestionMarkIsTheLastStatus() {
        var shell = SandboxShell(state: .initial())
        #expect(shell.run("echo $?").stdout == "0\n")
        #expect(shell.run("aws iam get-role --role-name Nobody").exitCode == 254)
        #expect(shell.run("echo $?").stdout == "254\n")
        #expect(shell.run("echo $?").stdout == "0\n", "echo itself succeeded")
        #expect(shell.run("aws iam get-role").exitCode == 252)
        _ = shell.run("")
        _ = shell.run("   # a comment")
        #expect(shell.run("echo \"status $?\" '$?'").stdout == "status 252 $?\n", "blank lines and comments keep it; single quotes keep the text")
        _ = shell.run("nosuchcommand")
        let status = shell.run("STATUS=$?")
        #expect(status.exitCode == 0)
        #expect(shell.run("echo $STATUS").stdout == "127\n")
        // Not saved: a shell started again begins at 0, as a new terminal does.
        _ = shell.run("aws iam get-role --role-name Nobody")
        var restarted = SandboxShell(state: shell.state)
        #expect(restarted.run("echo $?").stdout == "0\n")
    }

    /// A trailing `&` (run in the background, in bash) reached aws as an unknown option; it is refused for what it is.
    @Test func anAmpersandIsRefusedRatherThanPassedOn() {
        var shell = SandboxShell(state: .initial())
        for line in ["aws sts get-caller-identity &", "aws sts get-caller-identity&"] {
            let outcome = shell.run(line)
            #expect(outcome.exitCode == 2, "\(line)")
            #expect(outcome.stderr == "rolecall: this shell runs one command at a time, in the foreground: '&' is not supported; leave it out.\n", "\(line)")
        }
        #expect(shell.run("echo 'a & b' \"c&\" d\\&").stdout == "a & b c& d&\n", "quoted, it is text")
        #expect(shell.run("aws sts get-caller-identity &&").stderr.contains("'&&' is not supported"))
    }

    /// A web identity from the environment or a profile, as botocore finds it: the token file and role from
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` unless `--profile` is given.
    @Test func webIdentityCredentialsFromTheEnvironment() {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#
        _ = shell.run("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com")
        #expect(shell.run("aws iam create-role --role-name Deploy --assume-role-policy-document '\(trust)'").exitCode == 0)
        _ = shell.run("github-token --repo acme/site > token.jwt")
        _ = shell.run("export AWS_WEB_IDENTITY_TOKEN_FILE=token.jwt AWS_ROLE_ARN=arn:aws:iam::123456789012:role/Deploy AWS_ROLE_SESSION_NAME=ci")
        let asRole = shell.run("aws sts get-caller-identity --query Arn --output text")
        #expect(asRole.stdout == "arn:aws:sts::123456789012:assumed-role/Deploy/ci\n", "\(asRole.stderr)")
        #expect(shell.run("aws sts get-caller-identity --profile default --query Arn --output text").stdout == "arn:aws:iam::123456789012:user/learner\n")
        _ = shell.run("unset AWS_ROLE_ARN")
        let noRole = shell.run("aws sts get-caller-identity")
        #expect(noRole.exitCode == 255 && noRole.stderr.contains("has no role ARN configured"), "\(noRole.stderr)")
    }

    /// `aws configure export-credentials` (CLI v2) and `eval "$(…)"`, as AWS's documentation pairs them: a
    /// profile's role credentials in the environment, which then run out as handed-over keys do.
    @Test func exportedCredentialsComeFromTheProfileAndExpire() {
        var shell = SandboxShell(state: .initial())
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
        #expect(shell.run("aws iam create-role --role-name Short --assume-role-policy-document '\(trust)'").exitCode == 0)
        for line in ["aws configure set role_arn arn:aws:iam::123456789012:role/Short --profile short",
                     "aws configure set source_profile default --profile short", "aws configure set duration_seconds 900 --profile short"] {
            #expect(shell.run(line).exitCode == 0)
        }
        let process = shell.run("aws configure export-credentials --profile short")
        #expect(process.stdout.hasPrefix("{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIA"), "\(process.stdout)\(process.stderr)")
        #expect(process.stdout.contains("\"Expiration\": \"2026-01-15T09:15:"))
        let env = shell.run("aws configure export-credentials --profile short --format env").stdout.split(separator: "\n")
        #expect(env.map { $0.prefix { $0 != "=" } } == ["export AWS_ACCESS_KEY_ID", "export AWS_SECRET_ACCESS_KEY", "export AWS_SESSION_TOKEN", "export AWS_CREDENTIAL_EXPIRATION"])
        #expect(shell.run("aws configure export-credentials --format yaml").exitCode == 252)
        // A user's own keys have no expiration to export.
        #expect(!shell.run("aws configure export-credentials --format env").stdout.contains("EXPIRATION"))

        // `env-no-export` sets shell variables only: as in bash, the CLI does not see them.
        _ = shell.run("eval \"$(aws configure export-credentials --profile short --format env-no-export)\"")
        #expect(shell.run("aws sts get-caller-identity --query Arn --output text").stdout == "arn:aws:iam::123456789012:user/learner\n")
        _ = shell.run("unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION")
        let evaluated = shell.run("eval \"$(aws configure export-credentials --profile short --format env)\"")
        #expect(evaluated.exitCode == 0 && evaluated.command == "eval", "\(evaluated.stderr)")
        #expect(shell.run("aws sts get-caller-identity --query Arn --output text").stdout.contains("assumed-role/Short/"))
        _ = shell.run("clock advance 20m")
        // Knowing the expiration, the CLI stops before sending anything, as botocore does.
        let known = shell.run("aws sts get-caller-identity")
        #expect(known.exitCode == 255 && known.stderr.contains("Credentials were refreshed, but the refreshed credentials are still expired."), "\(known.stderr)")
        // Without it, AWS answers.
        _ = shell.run("unset AWS_CREDENTIAL_EXPIRATION")
        let expired = shell.run("aws sts get-caller-identity")
        #expect(expired.exitCode == 254 && expired.stderr.contains("(ExpiredToken)"), "\(expired.stderr)")
        // The profile itself renews: a new session, no error.
        #expect(shell.run("aws sts get-caller-identity --profile short").exitCode == 0)
        #expect(shell.run("eval echo hi").exitCode == 2)
        // An eval whose output is itself again stops (found in review: it once recursed until the stack overflowed).
        _ = shell.run("export X='eval $(echo $X)'")
        let looping = shell.run("eval $(echo $X)")
        #expect(looping.exitCode == 2 && looping.stderr.contains("nested too deeply"), "\(looping.stderr)")
        #expect(shell.run("eval \"$(aws configure export-credentials --profile nobody --format env)\"").exitCode != 0)
    }

    /// Sessions recorded before format 3 exported every assignment line; the regrader replays them so.
    @Test func olderSessionsExportedEveryAssignmentLine() {
        #expect(SandboxShell.asRunBeforeFormat3("AWS_PROFILE=ghost") == "export AWS_PROFILE=ghost")
        #expect(SandboxShell.asRunBeforeFormat3("  A=1 B='x y'") == "export A=1 B='x y'")
        #expect(SandboxShell.asRunBeforeFormat3("TOKEN=$(instance exec latest -- curl -s http://169.254.169.254/latest/api/token)")
                == "export TOKEN=$(instance exec latest -- curl -s http://169.254.169.254/latest/api/token)")
        for unchanged in ["A=1 aws sts get-caller-identity", "export A=1", "aws s3 ls", "echo A=1", "", "=1", "aws lambda invoke --function-name f out.json"] {
            #expect(SandboxShell.asRunBeforeFormat3(unchanged) == unchanged)
        }
    }

    /// Sessions before format 3 read a blob typed on the command line as raw text, whichever way the line was
    /// written (`aws --profile x lambda …` too); their replay sets `blobsAreRaw`.
    @Test func olderSessionsReadBlobsRaw() {
        var shell = SandboxShell(state: .initial())
        #expect(shell.run("aws --output json lambda invoke --function-name f --payload '{\"a\":1}' out.json").stderr.contains("Invalid base64"))
        shell.blobsAreRaw = true
        let raw = shell.run("aws --output json lambda invoke --function-name f --payload '{\"a\":1}' out.json")
        #expect(!raw.stderr.contains("Invalid base64"), "\(raw.stderr)")
        #expect(raw.stderr.contains("ResourceNotFoundException"))
    }
}

/// `TOKEN=$(…` without its `)`: a shell reads on for the rest, as for an open quote; a line that ends so is a
/// syntax error, not an assignment followed by a command named after the substitution's second word.
@Suite struct OpenSubstitutionTests {
    @Test func anOpenSubstitutionAsksForMore() {
        #expect(ShellInput.needsMore("TOKEN=$(aws sts get-caller-identity --query Account --output text"))
        #expect(!ShellInput.needsMore("TOKEN=$(aws sts get-caller-identity --query Account --output text)"))
        #expect(ShellInput.needsMore("echo \"$(echo a\""), "in double quotes it is still a substitution")
        #expect(!ShellInput.needsMore("echo '$(echo a'"), "in single quotes it is text")
        #expect(!ShellInput.needsMore("echo \\$(echo a"), "escaped, it is text")
        #expect(!ShellInput.needsMore("X=$(echo $(echo a))"))
        #expect(ShellInput.needsMore("X=$(echo $(echo a)"))
    }

    @Test func aLineThatEndsInsideOneIsASyntaxError() {
        var shell = SandboxShell(state: .initial())
        let open = shell.run("TOKEN=$( aws iam create-role --role-name Stray --assume-role-policy-document '{}'")
        #expect(open.exitCode == 2)
        #expect(open.stderr == "rolecall: syntax error: the line ended while looking for the `)` that closes `$(`\n")
        #expect(shell.run("aws iam get-role --role-name Stray").exitCode == 254, "nothing ran")
        // Finished on the next line, as the tutor joins it, it runs.
        let joined = ShellInput.join("TOKEN=$(aws sts get-caller-identity --query Account --output text", ")")
        #expect(shell.run(joined).exitCode == 0)
        #expect(shell.run("echo $TOKEN").stdout == "123456789012\n")
    }
}
