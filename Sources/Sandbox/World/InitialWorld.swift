import Foundation
import AWSModel

extension SandboxState {
    /// The world a learner starts in: their account with the IAM user `learner` (long-term keys, administrator
    /// rights), and a second account whose administrator plays the partner in cross-account lessons.
    public static func initial(seed: UInt64 = 0) -> SandboxState {
        var state = SandboxState(clock: SandboxClock(), ids: IDGenerator(seed: seed), accounts: [:])
        state.addAdministrator(named: learnerUserName, in: learnerAccount)
        state.addAdministrator(named: partnerUserName, in: partnerAccount)
        return state
    }

    public static let partnerUserName = "partner-admin"
    static let administratorAccess = ResourceARN.awsManagedPolicy(path: "/", name: "AdministratorAccess")

    private mutating func addAdministrator(named name: String, in account: String) {
        let key = AccessKey(id: ids.uniqueID(prefix: "AKIA"), secret: ids.secretAccessKey(), isActive: true, created: clock.now)
        let user = IAMUser(name: name, id: ids.uniqueID(prefix: "AIDA"), path: "/", account: account, created: clock.now,
                           attachedPolicies: [Self.administratorAccess], accessKeys: [key])
        accounts[account, default: AccountResources()].iam.users[name.lowercased()] = user
    }

    /// The first access key of a user, as the learner's shell starts out configured with.
    public func credentials(ofUser name: String, in account: String = learnerAccount) -> AWSCredentials? {
        guard let key = self[account: account].iam.user(named: name)?.accessKeys.first else { return nil }
        return AWSCredentials(accessKeyID: key.id, secretAccessKey: key.secret)
    }

    public var learnerCredentials: AWSCredentials { credentials(ofUser: Self.learnerUserName)! }
    public var partnerCredentials: AWSCredentials { credentials(ofUser: Self.partnerUserName, in: Self.partnerAccount)! }

    /// The state as JSON, for saving.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    public static func decoded(from data: Data) throws -> SandboxState {
        try JSONDecoder().decode(SandboxState.self, from: data)
    }
}
