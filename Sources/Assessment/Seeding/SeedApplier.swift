import AWSModel
import Lessons
import Sandbox
import SandboxShell

/// Builds a lesson's starting state in the sandbox by making the calls an administrator would, so a seed is
/// checked by the same rules as the learner's own commands.
public enum SeedApplier {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var step: String
        public var error: ServiceError
        public var description: String { "\(step): \(error.code): \(error.message)" }
    }

    /// A lesson's starting shell state: a fresh world with the lesson's seed applied. Its ids come from a generator
    /// seeded by the lesson's id, so each lesson has its own keys and role ids; `idsByLesson: false` gives the one
    /// shared sequence every lesson used before (transcript format 1), which replays of those transcripts need.
    public static func startingState(for lesson: Lesson, idsByLesson: Bool = true) -> ShellState {
        startingState(lesson: lesson.id, seed: lesson.sandbox, idsByLesson: idsByLesson)
    }

    /// The same from the lesson's id and seed alone, as an exam paper carries them.
    public static func startingState(lesson id: String, seed: SandboxSeed, idsByLesson: Bool = true) -> ShellState {
        var state = ShellState.initial(idSeed: idsByLesson ? idSeed(forLesson: id) : 0)
        _ = apply(seed, to: &state.sandbox)
        return state
    }

    /// FNV-1a of the lesson id: stable across runs and machines (Swift's `Hasher` is seeded per process).
    static func idSeed(forLesson id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    public static func apply(_ seed: SandboxSeed, to world: inout SandboxState) -> [Failure] {
        var sandbox = Sandbox(state: world)
        let admin = world.learnerCredentials
        var failures: [Failure] = []

        func call(_ service: String, _ operation: String, _ parameters: [AWSValue.Member], step: String) {
            let result = sandbox.send(ServiceRequest(service: service, operation: operation, parameters: .object(parameters), credentials: admin))
            if case .failure(let error) = result, !["EntityAlreadyExists", "BucketAlreadyOwnedByYou", "ResourceInUseException"].contains(error.code) {
                failures.append(Failure(step: step, error: error))
            }
        }

        for file in seed.files { sandbox.state.files[file.key] = file.value }
        for bucket in seed.buckets {
            call("s3", "CreateBucket", [.init("Bucket", .string(bucket.name))], step: "bucket \(bucket.name)")
            for object in bucket.objects {
                call("s3", "PutObject", [.init("Bucket", .string(bucket.name)), .init("Key", .string(object.key)), .init("Body", .string(object.value))], step: "object \(object.key)")
            }
        }
        for table in seed.tables {
            call("dynamodb", "CreateTable", [
                .init("TableName", .string(table.name)),
                .init("KeySchema", .list([.object([.init("AttributeName", .string(table.key)), .init("KeyType", "HASH")])])),
                .init("AttributeDefinitions", .list([.object([.init("AttributeName", .string(table.key)), .init("AttributeType", "S")])])),
                .init("BillingMode", "PAY_PER_REQUEST"),
            ], step: "table \(table.name)")
        }
        for user in seed.users {
            call("iam", "CreateUser", [.init("UserName", .string(user.name))], step: "user \(user.name)")
            for policy in user.managedPolicies {
                call("iam", "AttachUserPolicy", [.init("UserName", .string(user.name)), .init("PolicyArn", .string(policy))], step: "policy of user \(user.name)")
            }
        }
        for role in seed.roles {
            guard let trust = seed.file(named: role.trustFile) else { continue }
            var parameters: [AWSValue.Member] = [.init("RoleName", .string(role.name)), .init("AssumeRolePolicyDocument", .string(trust))]
            if !role.description.isEmpty { parameters.append(.init("Description", .string(role.description))) }
            call("iam", "CreateRole", parameters, step: "role \(role.name)")
            for policy in role.managedPolicies {
                call("iam", "AttachRolePolicy", [.init("RoleName", .string(role.name)), .init("PolicyArn", .string(policy))], step: "policy of role \(role.name)")
            }
        }
        // Bucket policies last: S3 refuses one naming a user or role that does not exist yet.
        for bucket in seed.buckets {
            if let file = bucket.policyFile, let policy = seed.file(named: file) {
                call("s3", "PutBucketPolicy", [.init("Bucket", .string(bucket.name)), .init("Policy", .string(policy))], step: "policy of bucket \(bucket.name)")
            }
        }
        world = sandbox.state
        return failures
    }
}
