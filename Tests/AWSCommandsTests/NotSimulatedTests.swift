import AWSModel
@testable import AWSCommands
import Testing

/// A real AWS operation or service the sandbox does not simulate is said to be one: the CLI's "Invalid choice"
/// would tell a learner it does not exist at all.
struct NotSimulatedTests {
    @Test func aRealOperationIsNamedAsNotSimulated() {
        let result = aws("sts get-federation-token --name x")
        #expect(result.stderr == "\n`aws sts get-federation-token` is an AWS operation that RoleCall's sandbox does not simulate. "
                + "In the sandbox, sts offers: assume-role, assume-role-with-web-identity, get-caller-identity, get-session-token.\n")
        #expect(result.exitCode == 255)
        #expect(result.stdout == "")
    }

    @Test func aLongListIsLeftToTheHelpPage() {
        let result = aws("iam list-groups")
        #expect(result.stderr.hasPrefix("\n`aws iam list-groups` is an AWS operation that RoleCall's sandbox does not simulate. `aws iam help` lists the "))
    }

    @Test func aRealServiceIsNamedAsNotSimulated() {
        let result = aws("organizations list-accounts")
        #expect(result.stderr == "\n`aws organizations` is an AWS service that RoleCall's sandbox does not simulate. "
                + "The sandbox offers: cloudformation, dynamodb, ec2, iam, lambda, logs, s3, s3api, sts.\n")
        #expect(result.exitCode == 255)
    }

    /// `aws s3 mv` and `sync` are the CLI's own commands: real, so not "Invalid choice", but not simulated.
    @Test func aRealS3CommandIsNamedAsNotSimulated() {
        for command in ["mv a.txt s3://b/a.txt", "sync . s3://b", "presign s3://b/k", "website s3://b"] {
            let result = aws("s3 " + command)
            #expect(result.stderr == "\n`aws s3 \(command.split(separator: " ")[0])` is an aws CLI command that RoleCall's sandbox does not simulate. "
                    + "In the sandbox, s3 offers: ls, cp, rm, mb, rb.\n", "\(command)")
            #expect(result.exitCode == 255)
        }
        // A name that is no command lists all nine, as the CLI does (checked against awscli 1.45).
        let invalid = aws("s3 bogus a s3://b/a")
        #expect(invalid.exitCode == 252)
        #expect(invalid.stderr.hasSuffix("""
            aws: error: argument subcommand: Invalid choice, valid choices are:

            ls                                       | website                                 
            cp                                       | mv                                      
            rm                                       | sync                                    
            mb                                       | rb                                      
            presign                                 

            """), "\(invalid.stderr)")
    }

    /// aws CLI v2's own commands (`configure list-profiles`, `configure sso`) are real too, and its
    /// `--[no-]cli-auto-prompt` options are accepted like the other options the sandbox has no use for.
    /// (`logs tail`, also v2's own, is simulated: LogsTailTests.)
    @Test func v2sOwnCommandsAreNamedAsNotSimulated() {
        for subcommand in ["list-profiles", "sso"] {
            let result = aws("configure " + subcommand)
            #expect(result.stderr == "\n`aws configure \(subcommand)` is an aws CLI command that RoleCall's sandbox does not simulate. "
                    + "In the sandbox, configure offers: export-credentials, get, list, set.\n")
        }
        #expect(aws("configure lst").exitCode == 252, "a misspelling is still an invalid choice")
        #expect(aws("sts get-caller-identity --no-cli-auto-prompt").exitCode == 0)
    }

    /// A misspelt name is still an invalid choice, with the CLI's suggestion.
    @Test func aMisspeltNameIsStillAnInvalidChoice() {
        let result = aws("sts get-caller-identiy")
        #expect(result.exitCode == 252)
        #expect(result.stderr.contains("Invalid choice: 'get-caller-identiy', maybe you meant:"))
        #expect(aws("organisations list-accounts").exitCode == 252)
    }

    /// The names are the CLI's, not botocore's: `config` is a typo of `configure` (awscli calls AWS Config
    /// `configservice`), and operations awscli removes are not offered (found by a review).
    @Test func theNamesAreTheCLIs() {
        #expect(aws("config list").exitCode == 252)
        #expect(aws("configservice describe-config-rules").exitCode == 255)
        #expect(aws("deploy list-applications").exitCode == 255)
        #expect(aws("ec2 import-instance").exitCode == 252)
        #expect(aws("lambda invoke-with-response-stream").exitCode == 252)
    }
}
