import AWSModel
@testable import AWSCommands
import Foundation
import Testing

/// `aws help`, `aws SERVICE help`, `aws SERVICE OPERATION help` and `aws --version`: the usage text tells a
/// learner to run these, so they must work (they used to fail with "Invalid choice").
struct HelpPageTests {
    @Test func topLevelHelpListsTheSandboxServices() {
        let result = aws("help")
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("AWS()"))
        for service in ["iam", "sts", "s3", "s3api", "ec2", "lambda", "cloudformation", "dynamodb", "logs", "configure"] {
            #expect(result.stdout.contains("       o \(service)\n"), "missing \(service)")
        }
        #expect(result.stdout.contains("--region (string)"))
    }

    @Test func serviceHelpDescribesTheServiceFromItsModel() {
        let page = aws("iam help").stdout
        #expect(page.contains("       Identity and Access Management (IAM) is a web service for securely"))
        #expect(!page.contains("<p>") && !page.contains("&amp;"), "the model's HTML is turned into text")
    }

    @Test func serviceHelpListsItsCommandsInTheCLIsOrder() {
        let result = aws("iam help")
        #expect(result.exitCode == 0)
        let commands = result.stdout.split(separator: "\n").filter { $0.hasPrefix("       o ") }.map { $0.dropFirst(9) }
        #expect(commands.contains("create-role"))
        #expect(commands.map(String.init) == AWSCLI.operations(of: "iam"))
        #expect(aws("s3 help").stdout.contains("       o cp\n"))
        #expect(aws("configure help").stdout.contains("       o set\n"))
    }

    @Test func operationHelpShowsTheSynopsisEvenWithoutRequiredOptions() {
        let result = aws("iam create-role help")
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "CREATE-ROLE()                                                    CREATE-ROLE()")
        // Checked against `aws iam create-role help` from awscli 1.45: required options bare, the rest bracketed.
        let synopsis = Array(lines.drop { $0 != "SYNOPSIS" }.dropFirst().prefix(8))
        #expect(synopsis == [
            "            create-role",
            "          [--path <value>]",
            "          --role-name <value>",
            "          --assume-role-policy-document <value>",
            "          [--description <value>]",
            "          [--max-session-duration <value>]",
            "          [--permissions-boundary <value>]",
            "          [--tags <value>]",
        ])
        // The description and each option's text are the botocore model's documentation, wrapped at words.
        #expect(lines.contains("       Creates a new role for your Amazon Web Services account."))
        #expect(lines.contains("          The name of the role to create."))
        #expect(lines.allSatisfy { $0.count <= 80 || $0.hasSuffix(".html") })
        #expect(lines.contains("       --max-session-duration (integer)"))
        #expect(lines.contains("       --role-name (string) [required]"))
        #expect(result.stdout.contains("https://docs.aws.amazon.com/cli/latest/reference/iam/create-role.html"))
    }

    @Test func operationHelpAfterOptionsAndForFlagsAndPaging() {
        let listRoles = aws("iam list-roles --max-items 2 help")
        #expect(listRoles.exitCode == 0)
        #expect(listRoles.stdout.contains("          [--starting-token <value>]\n"))
        #expect(listRoles.stdout.contains("       --max-items (integer)\n"))
        #expect(!listRoles.stdout.contains("--marker"), "paging members the CLI hides are not listed")
        #expect(aws("ec2 describe-instances help").stdout.contains("          [--dry-run | --no-dry-run]\n"))
        #expect(aws("s3api get-object help").stdout.contains("          <outfile>\n"))
    }

    /// `aws s3 ls help` once listed a bucket named "help" (NoSuchBucket).
    @Test func s3CommandsHaveTheirOwnPages() {
        var backend = FakeBackend()
        let ls = aws("s3 ls help", backend: &backend)
        #expect(ls.exitCode == 0)
        #expect(ls.stdout.hasPrefix("LS()"))
        #expect(ls.stdout.contains("          <S3Uri> or NONE\n          [--recursive]\n"))
        #expect(backend.requests.isEmpty, "no call is made for a help page")
        let cp = aws("s3 cp a.txt s3://b/ help")
        #expect(cp.stdout.contains("          <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\n"))
        #expect(!cp.stdout.contains("--force"), "only the options the command accepts")
        #expect(aws("s3 rb help").stdout.contains("          [--force]\n"))
    }

    @Test func everyOperationHasAPage() {
        for service in AWSCLI.services where !ServiceCatalog.customCommands.contains(service) {
            for operation in AWSCLI.operations(of: service) {
                let result = aws("\(service) \(operation) help")
                #expect(result.exitCode == 0 && result.stdout.hasPrefix(operation.uppercased() + "()"), "\(service) \(operation)")
            }
        }
    }

    @Test func helpAsAnOptionValueIsAValue() {
        var backend = FakeBackend()
        let result = aws("iam get-role --role-name help", backend: &backend)
        #expect(result.exitCode == 0)
        #expect(!result.stdout.contains("GET-ROLE()"))
        #expect(backend.requests.map(\.operation) == ["GetRole"])
        #expect(backend.requests.first?.parameters["RoleName"]?.stringValue == "help")
        // Without `help`, a missing required option is still the CLI's usage error, and a misspelt help is not help.
        #expect(aws("iam create-role --role-name x").stderr.contains("the following arguments are required: --assume-role-policy-document"))
        #expect(aws("iam helpp").stderr.contains("Invalid choice"))
    }

    @Test func versionWinsWhereverItIs() {
        for line in ["--version", "iam list-roles --version", "--version iam nonsense"] {
            let result = aws(line)
            #expect(result.exitCode == 0, "\(line)")
            #expect(result.stdout == "aws-cli/2 Python/3.11.7 Linux/6.1.0 source/rolecall-sandbox botocore/1.43.11\n", "\(line)")
        }
    }

    /// The version printed is the awscli release the command specs are generated from.
    @Test func versionMatchesThePinnedGenerator() throws {
        let requirements = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/generate-requirements.txt")
        let text = try String(contentsOf: requirements, encoding: .utf8)
        #expect(text.contains("awscli==\(CLIVersion.awscli)\n"))
        #expect(text.contains("botocore==\(CLIVersion.botocore)\n"))
    }
}
