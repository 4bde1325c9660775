import AWSCommands
import AWSModel
import Foundation
import Sandbox

/// Everything a learner's sandbox session keeps: the simulated AWS, the shell's environment variables and the aws
/// CLI's configuration (profiles). It saves as one JSON document.
public struct ShellState: Codable, Sendable, Equatable {
    public var sandbox: SandboxState
    /// Variables set with `export`, as the aws CLI reads them (AWS_ACCESS_KEY_ID, AWS_PROFILE, …).
    public var variables: [String: String]
    public var configuration: CLIConfiguration
    /// How many sessions the CLI has started from profiles with role_arn, for its session names.
    public var profileSessionCounter: Int

    /// A fresh world, with the learner's access keys configured as the default profile, as `aws configure` leaves it.
    public static func initial() -> ShellState {
        let sandbox = SandboxState.initial()
        var configuration = CLIConfiguration()
        let keys = sandbox.learnerCredentials
        configuration.set("aws_access_key_id", to: keys.accessKeyID, inProfile: "default")
        configuration.set("aws_secret_access_key", to: keys.secretAccessKey, inProfile: "default")
        configuration.set("region", to: SandboxState.region, inProfile: "default")
        configuration.set("output", to: "json", inProfile: "default")
        // The partner account's administrator, for the cross-account lessons: `--profile partner`.
        let partner = sandbox.partnerCredentials
        configuration.set("aws_access_key_id", to: partner.accessKeyID, inProfile: "partner")
        configuration.set("aws_secret_access_key", to: partner.secretAccessKey, inProfile: "partner")
        configuration.set("region", to: SandboxState.region, inProfile: "partner")
        // Like AWS CloudShell, the shell starts with the region in the environment, so every profile has one.
        return ShellState(sandbox: sandbox, variables: ["AWS_DEFAULT_REGION": SandboxState.region], configuration: configuration, profileSessionCounter: 0)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func decoded(from data: Data) throws -> ShellState {
        try JSONDecoder().decode(ShellState.self, from: data)
    }
}
