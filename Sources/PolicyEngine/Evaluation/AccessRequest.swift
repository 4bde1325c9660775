/// One request to authorize: who, what, on which resource, and the request context.
///
/// Its fields live in one shared, immutable box so that handing a request to the evaluator costs a single
/// reference count, and the facts evaluation branches on are worked out once, here.
public struct AccessRequest: Sendable {
    final class Storage: Sendable {
        let principal: RequestPrincipal
        let action: String
        let resource: String
        let resourceAccount: String?
        let context: [String: [String]]
        let isCrossAccount: Bool
        let callerHasAccount: Bool
        let callerHasIdentityPolicies: Bool
        let callerIsAccountRoot: Bool
        let callerIsRoleSession: Bool
        /// The action and resource as UTF-8, kept so every evaluation reads plain buffers.
        let actionUTF8: [UInt8]
        let resourceUTF8: [UInt8]

        init(principal: RequestPrincipal, action: String, resource: String, resourceAccount: String?, context: [String: [String]]) {
            self.principal = principal
            self.action = action
            self.resource = resource
            self.resourceAccount = resourceAccount
            self.context = context
            actionUTF8 = Array(action.utf8)
            resourceUTF8 = Array(resource.utf8)
            if let callerAccount = principal.account, let resourceAccount {
                isCrossAccount = callerAccount != resourceAccount
            } else {
                isCrossAccount = false
            }
            callerHasAccount = principal.account != nil
            callerHasIdentityPolicies = principal.hasIdentityPolicies
            callerIsAccountRoot = principal.kind == .accountRoot
            if case .assumedRole = principal.kind { callerIsRoleSession = true } else { callerIsRoleSession = false }
        }
    }

    let storage: Storage

    public var principal: RequestPrincipal { storage.principal }
    public var action: String { storage.action }
    public var resource: String { storage.resource }
    /// The account that owns the resource: as given, else the ARN's account field, else the caller's
    /// account (S3 bucket ARNs carry no account).
    public var resourceAccount: String? { storage.resourceAccount }
    /// Context keys, lowercased, each with one or more values.
    public var context: [String: [String]] { storage.context }
    /// Whether the caller and the resource live in different accounts, which makes AWS require an
    /// allow from both the identity side and the resource side.
    public var isCrossAccount: Bool { storage.isCrossAccount }

    public init(
        principal: String, action: String, resource: String, resourceAccount: String? = nil,
        context: [String: [String]] = [:]
    ) {
        let caller = RequestPrincipal(principal)
        var lowered: [String: [String]]
        if context.keys.allSatisfy(Self.isLowercased) {
            // The sandbox writes its keys lowercased: the table is used as it is, without a copy.
            lowered = context
        } else {
            lowered = [:]
            lowered.reserveCapacity(context.count)
            for (key, values) in context { lowered[Self.lowercased(key), default: []] += values }
        }
        let owner: String?
        if let resourceAccount, !resourceAccount.isEmpty {
            owner = resourceAccount
        } else if let arn = ARN(resource), !arn.account.isEmpty {
            owner = arn.account
        } else {
            owner = caller.account
        }
        storage = Storage(principal: caller, action: action, resource: resource, resourceAccount: owner, context: lowered)
    }
}

extension AccessRequest {
    /// Whether a key is plain ASCII with no capitals, so lowercasing would not change it.
    static func isLowercased(_ key: String) -> Bool {
        !key.utf8.contains { (0x41...0x5A).contains($0) || $0 >= 0x80 }
    }

    /// A context key lowercased: byte by byte when ASCII, as keys are (every request lowercases a dozen).
    static func lowercased(_ key: String) -> String {
        guard !isLowercased(key) else { return key }
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return key.lowercased() }
        return String(decoding: key.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

extension AccessRequest: ContextValueSource {
    /// Explicit context first; then the global keys that follow from the caller's ARN, as AWS fills them in.
    func contextValues(forLowercasedKey key: String) -> [String]? {
        if let values = storage.context[key] { return values }
        let principal = storage.principal
        switch key {
        case "aws:principalarn":
            return principal.kind == .other || principal.kind == .service || principal.kind == .identityProvider ? nil : [principal.principalArn]
        case "aws:principalaccount":
            // A web identity has no AWS account of its own; the provider's account is the role's.
            return principal.kind == .identityProvider ? nil : principal.account.map { [$0] }
        case "aws:username":
            if case .user(let name) = principal.kind { return [name] }
            return nil
        case "aws:principaltype":
            switch principal.kind {
            case .accountRoot: return ["Account"]
            case .user: return ["User"]
            case .role, .assumedRole: return ["AssumedRole"]
            case .federatedUser: return ["FederatedUser"]
            case .service, .identityProvider, .other: return nil
            }
        case "aws:principalservicename":
            return principal.kind == .service ? [principal.text] : nil
        // In every signed request (IAM User Guide, global condition context keys): a principal's own call is not
        // made via a service, and only a service principal is one. An unsigned (anonymous) request has neither.
        case "aws:viaawsservice":
            return principal.kind == .other ? nil : ["false"]
        case "aws:principalisawsservice":
            return principal.kind == .other ? nil : [principal.kind == .service ? "true" : "false"]
        case "aws:resourceaccount":
            return storage.resourceAccount.map { [$0] }
        default:
            return nil
        }
    }
}
