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
        // A word with = that is not a name is the command, as in a shell.
        #expect(shell.run("1X=2 aws sts get-caller-identity").exitCode == 127)
    }
}
