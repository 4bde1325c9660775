import Foundation
import SandboxShell
import SavedFiles
import Testing
@testable import Tutor

/// Files written by every released format load, forever (Tests/Fixtures/SavedFormats), and the rule that keeps
/// them loading is tested on its own: a field added to a saved type never makes an older file unreadable.
@Suite struct SavedFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SavedFormats")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    static func scratchStore() -> ProgressStore {
        ProgressStore(dataDirectory: NSTemporaryDirectory() + "formats-\(UUID().uuidString)", learner: "sam")
    }

    @Test func progressOfFormat1LoadsThroughTheStore() throws {
        let store = Self.scratchStore()
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        try Self.fixture("progress-v1.json").write(to: URL(fileURLWithPath: store.progressPath))
        guard case .loaded(let progress) = store.load() else {
            Issue.record("progress-v1.json did not load: \(store.load())")
            return
        }
        #expect(progress.learner == "sam")
        #expect(progress.currentLesson == "why-services-need-roles")
        #expect(progress.questions["role-definition"]?.attempts == ["a", "b"])
        #expect(progress.questions["role-definition"]?.hintsUsed == 1)
        #expect(progress.questions["role-belongs-to-person"]?.skipped == true)
        #expect(progress.tasks["inspect-auditor-role"]?.completed == true)
        #expect(progress.sandboxes.count == 2)
        for sandbox in progress.sandboxes.values {
            #expect(sandbox.formatVersion == ShellState.currentFormatVersion, "nested sandboxes are migrated too")
            #expect(sandbox.roleCredentialCache.isEmpty)
        }
        #expect(progress.sandboxes["what-are-roles"]?.sandbox.files["trust-ec2.json"] != nil)
        // Saved again, it loads again the same.
        try store.save(progress)
        #expect(store.load() == .loaded(progress))
    }

    @Test func sandboxStateOfFormat1Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v1.json"))
        #expect(loaded.writtenVersion == 1)
        #expect(!loaded.isFromNewerVersion, "profileSessionCounter is a field since removed, not a newer one")
        let state = loaded.value
        #expect(state.formatVersion == ShellState.currentFormatVersion)
        #expect(state.configuration.profiles["bounded"]?["role_arn"] == "arn:aws:iam::123456789012:role/Bounded")
        // Every service's resources are there: the world runs on.
        var shell = SandboxShell(state: state)
        let roles = shell.run("aws iam list-roles --query 'Roles[].RoleName' --output text")
        #expect(roles.stdout.contains("S3Reader") && roles.stdout.contains("CFNDeployer") && roles.stdout.contains("Bounded"))
        #expect(shell.run("aws dynamodb get-item --table-name Scores --key '{\"id\":{\"S\":\"u1\"}}' --query Item.meta.M.list.L[0].N --output text").stdout == "1\n")
        #expect(shell.run("aws cloudformation describe-stacks --stack-name reports --query 'Stacks[0].StackStatus' --output text").stdout == "CREATE_COMPLETE\n")
        #expect(shell.run("aws lambda get-function --function-name report --query Configuration.Role --output text").stdout == "arn:aws:iam::123456789012:role/ReportRole\n")
        #expect(shell.run("aws s3api get-bucket-policy --bucket course-data --query Policy --output text").exitCode == 0)
        #expect(shell.run("aws logs describe-log-groups --query 'length(logGroups)'").stdout == "2\n")
        #expect(shell.run("aws ec2 describe-instances --query 'Reservations[0].Instances[0].State.Name' --output text").stdout == "running\n")
        let encoded = try state.encoded()
        #expect(try ShellState.decoded(from: encoded).value == state)
    }

    /// Format 2, written by `rolecall sandbox --state` of that version (the role credential cache was new; the
    /// sandbox could still hold a pending Lambda invocation, never set in a save): it loads as an older file, and its
    /// cached role session, bucket, table and variable are all there.
    @Test func sandboxStateOfFormat2Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v2.json"))
        #expect(loaded.writtenVersion == 2)
        #expect(!loaded.isFromNewerVersion)
        #expect(loaded.unknownFields.isEmpty)
        let state = loaded.value
        #expect(state.formatVersion == ShellState.currentFormatVersion)
        #expect(state.roleCredentialCache.count == 1, "the bounded profile's assumed credentials")
        #expect(state.variables["REPORT"] == "yes")
        var shell = SandboxShell(state: state)
        #expect(shell.run("aws s3api head-bucket --bucket course-data").exitCode == 0)
        #expect(shell.run("aws dynamodb describe-table --table-name Scores --query Table.TableStatus --output text").stdout == "ACTIVE\n")
        #expect(shell.run("aws iam list-attached-role-policies --role-name Bounded --query 'AttachedPolicies[0].PolicyName' --output text").stdout
            == "ReadOnlyAccess\n")
        #expect(shell.run("aws sts get-caller-identity --profile bounded --query Arn --output text").stdout.hasPrefix(
            "arn:aws:sts::123456789012:assumed-role/Bounded/botocore-session-"))
        #expect(try ShellState.decoded(from: state.encoded()).value == state)
    }

    /// Format 3, written by `rolecall sandbox --state`: the current format loads as it was saved, role credential
    /// cache, metadata options and all.
    @Test func sandboxStateOfFormat3Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v3.json"))
        #expect(loaded.writtenVersion == 3)
        #expect(loaded.unknownFields.isEmpty)
        let state = loaded.value
        #expect(state.roleCredentialCache.count == 1, "the bounded profile's assumed credentials")
        #expect(state.variables["REPORT"] == "yes")
        var shell = SandboxShell(state: state)
        #expect(shell.run("aws s3 cp s3://course-data/notes.txt -").stdout == "hello\n")
        #expect(shell.run("aws ec2 describe-instances --query 'Reservations[0].Instances[0].MetadataOptions.HttpTokens' --output text").stdout == "required\n")
        #expect(shell.run("aws sts get-caller-identity --profile bounded --query Arn --output text").stdout
            == "arn:aws:sts::123456789012:assumed-role/Bounded/botocore-session-1768467604\n", "the cached session is reused")
        #expect(try ShellState.decoded(from: state.encoded()).value == state)
    }

    /// Format 4, written by `rolecall sandbox --state`: OIDC providers, service-linked roles and their deletion
    /// tasks, and a shell variable that is not exported all load as saved; format 3 files (above) load with every
    /// variable exported, as they were.
    @Test func sandboxStateOfFormat4Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v4.json"))
        #expect(loaded.writtenVersion == 4)
        #expect(loaded.unknownFields.isEmpty)
        let state = loaded.value
        #expect(state.unexported == ["REPORT"])
        #expect(state.environment["TEAM"] == "blue" && state.environment["REPORT"] == nil && state.variables["REPORT"] == "local")
        var shell = SandboxShell(state: state)
        #expect(shell.run("aws iam list-open-id-connect-providers --query 'OpenIDConnectProviderList[0].Arn' --output text").stdout
            == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\n")
        #expect(shell.run("aws iam delete-role --role-name AWSServiceRoleForAutoScaling").stderr.contains("(UnmodifiableEntity)"))
        #expect(shell.run("echo $REPORT").stdout == "local\n")
        #expect(try ShellState.decoded(from: state.encoded()).value == state)
        // A format-3 file has no shell-only variables: everything it set stays in the environment.
        let older = try ShellState.decoded(from: Self.fixture("sandbox-state-v3.json")).value
        #expect(older.unexported == nil && older.environment == older.variables)
    }

    /// Format 5, written by `rolecall sandbox --state`: a session keeps its managed session policies and its tags,
    /// so loading it does not give the session back what `--policy-arns` took away.
    @Test func sandboxStateOfFormat5Loads() throws {
        let data = try Self.fixture("sandbox-state-v5.json")
        let loaded = try ShellState.decoded(from: data)
        #expect(loaded.writtenVersion == 5)
        #expect(loaded.unknownFields.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sessions = try #require((json["sandbox"] as? [String: Any])?["sessions"] as? [String: [String: Any]])
        let (keyID, session) = try #require(sessions.first)
        let secret = try #require(session["secretAccessKey"] as? String), token = try #require(session["sessionToken"] as? String)
        var shell = SandboxShell(state: loaded.value)
        let asSession = "AWS_ACCESS_KEY_ID=\(keyID) AWS_SECRET_ACCESS_KEY=\(secret) AWS_SESSION_TOKEN=\(token) "
        #expect(shell.run(asSession + "aws iam list-roles --query 'Roles[0].RoleName' --output text").stdout == "Team\n")
        #expect(shell.run(asSession + "aws iam create-user --user-name u1").stderr.contains("because no session policy allows the iam:CreateUser action"))
        #expect(try ShellState.decoded(from: loaded.value.encoded()).value == loaded.value)
    }

    /// Format 6, written by `rolecall sandbox --state`: a bucket keeps Block Public Access as the learner set it, so a
    /// public policy is still refused where it was, and let in where the learner turned the block off.
    @Test func sandboxStateOfFormat6Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v6.json"))
        #expect(loaded.writtenVersion == 6)
        #expect(loaded.unknownFields.isEmpty)
        var shell = SandboxShell(state: loaded.value)
        func publicPolicy(_ bucket: String) -> String {
            "aws s3api put-bucket-policy --bucket \(bucket) --policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::\(bucket)/*\"}]}'"
        }
        #expect(shell.run(publicPolicy("private-data")).stderr.contains("because public policies are blocked by the BlockPublicPolicy block public access setting"))
        #expect(shell.run(publicPolicy("open-site")).exitCode == 0)
        #expect(shell.run("aws s3api get-public-access-block --bucket open-site --output text").stdout == "PUBLICACCESSBLOCKCONFIGURATION\tTrue\tFalse\tTrue\tTrue\n")
        // An instance keeps the tags it was launched with.
        #expect(shell.run("aws ec2 describe-instances --filters Name=tag:team,Values=blue --query 'length(Reservations)'").stdout == "1\n")
        // A function keeps its environment variables.
        #expect(shell.run("aws lambda get-function-configuration --function-name report --query Environment.Variables.STAGE --output text").stdout == "prod\n")
        #expect(try ShellState.decoded(from: loaded.value.encoded()).value == loaded.value)
        // A bucket saved before format 6 has no settings, as a bucket AWS made before April 2023.
        var older = SandboxShell(state: try ShellState.decoded(from: Self.fixture("sandbox-state-v3.json")).value)
        #expect(older.run("aws s3api get-public-access-block --bucket course-data").stderr.contains("(NoSuchPublicAccessBlockConfiguration)"))
        #expect(older.run(publicPolicy("course-data")).exitCode == 0)
    }

    /// A learner named `.ana` kept progress in `learners/.ana` before folder names stopped starting with a dot:
    /// that folder is still the learner's, so upgrading loses nothing; a new such learner gets `_ana`.
    @Test func aDotNamedLearnersFolderIsKeptAcrossTheUpgrade() throws {
        let data = NSTemporaryDirectory() + "dot-learner-\(UUID().uuidString)"
        #expect(ProgressStore(dataDirectory: data, learner: ".ana").directory == data + "/learners/_ana")
        try FileManager.default.createDirectory(atPath: data + "/learners/.ana", withIntermediateDirectories: true)
        #expect(ProgressStore(dataDirectory: data, learner: ".ana").directory == data + "/learners/.ana")
        try FileManager.default.createDirectory(atPath: data + "/learners/..", withIntermediateDirectories: true)
        #expect(ProgressStore(dataDirectory: data, learner: "..").directory == data + "/learners/__", "never the folder above")
    }

    /// Format 7 keeps a user's session from get-session-token (written by `rolecall sandbox --state`, the session's
    /// keys exported): it still signs as the user, and IAM still refuses it.
    @Test func sandboxStateOfFormat7Loads() throws {
        let loaded = try ShellState.decoded(from: Self.fixture("sandbox-state-v7.json"))
        #expect(loaded.writtenVersion == 7)
        #expect(loaded.unknownFields.isEmpty)
        var shell = SandboxShell(state: loaded.value)
        #expect(shell.run("aws sts get-caller-identity --query Arn --output text").stdout == "arn:aws:iam::123456789012:user/learner\n")
        #expect(shell.run("aws iam list-roles").stderr
                == "\nAn error occurred (InvalidClientTokenId) when calling the ListRoles operation: The security token included in the request is invalid.\n")
        #expect(try ShellState.decoded(from: loaded.value.encoded()).value == loaded.value)
    }

    /// Format 3 dropped `pendingInvocation` from the sandbox. Saves never had it set, but a file that carries the
    /// key still loads as an older file (not as one from a newer RoleCall), and the key is simply not read.
    @Test func aSandboxWithThePendingInvocationOfFormat1Loads() throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Self.fixture("sandbox-state-v1.json")) as? [String: Any])
        var sandbox = try #require(json["sandbox"] as? [String: Any])
        sandbox["pendingInvocation"] = ["function": "report", "payload": "{}"]
        json["sandbox"] = sandbox
        let loaded = try ShellState.decoded(from: JSONSerialization.data(withJSONObject: json))
        #expect(loaded.writtenVersion == 1)
        #expect(!loaded.isFromNewerVersion)
        var shell = SandboxShell(state: loaded.value)
        #expect(shell.run("aws lambda get-function --function-name report --query Configuration.Role --output text").stdout == "arn:aws:iam::123456789012:role/ReportRole\n")
    }

    /// A file from a newer RoleCall: loaded as far as understood, the original kept, and the learner told.
    @Test func aFileFromANewerVersionLoadsAndIsKept() throws {
        let store = Self.scratchStore()
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        var json = try #require(try JSONSerialization.jsonObject(with: Self.fixture("progress-v1.json")) as? [String: Any])
        json["formatVersion"] = LearnerProgress.currentFormatVersion + 1
        json["streaks"] = ["days": 4]
        let newer = try JSONSerialization.data(withJSONObject: json)
        try newer.write(to: URL(fileURLWithPath: store.progressPath))
        guard case .loadedFromNewerVersion(let progress, let notice) = store.load() else {
            Issue.record("expected a newer-version load, got \(store.load())")
            return
        }
        #expect(progress.questions.count == 4)
        #expect(notice.contains("was written by a newer RoleCall (progress format \(LearnerProgress.currentFormatVersion + 1))"))
        #expect(notice.contains("streaks"))
        let kept = store.progressPath + ".from-format-\(LearnerProgress.currentFormatVersion + 1)"
        #expect(FileManager.default.contents(atPath: kept) == newer)
    }

    // MARK: The rule itself

    /// LearnerProgress as a later version might have it: fields added at every level, none optional.
    struct ProgressWithNewFields: Decodable {
        struct Question: Decodable {
            var attempts: [String]
            var correct: Bool
            var secondsToAnswer: Int
            var confidence: [String: Double]
        }
        struct Streak: Decodable {
            var days: Int
            var best: Int
        }
        var formatVersion: Int
        var learner: String
        var questions: [String: Question]
        var streak: Streak
        var badges: [String]
        var nickname: String
    }

    @Test func addingFieldsToASavedTypeKeepsOlderFilesLoading() throws {
        let data = try Self.fixture("progress-v1.json")
        #expect(throws: DecodingError.self, "JSONDecoder, which the first release used, fails on the same change") {
            _ = try JSONDecoder().decode(ProgressWithNewFields.self, from: data)
        }
        let (value, report) = try TolerantDecoder.decode(ProgressWithNewFields.self, from: data)
        #expect(value.learner == "sam")
        #expect(value.questions["role-definition"]?.attempts == ["a", "b"])
        #expect(value.questions["role-definition"]?.secondsToAnswer == 0)
        #expect(value.streak.days == 0 && value.badges.isEmpty && value.nickname.isEmpty)
        #expect(report.missing.contains("streak"))
        #expect(report.missing.contains("questions.role-definition.secondsToAnswer"))
        // What this copy does not know is reported, not silently dropped.
        #expect(report.unknown.contains("sandboxes"))
        #expect(report.unknown.contains("questions.role-definition.hintsUsed"))
    }
}
