import AWSModel
import PolicyEngine

extension Sandbox {
    /// A document's size as IAM counts it against a quota: characters other than white space. Counted byte by
    /// byte when the text is ASCII, as policies nearly always are (classifying each Character was most of the
    /// cost of putting an inline policy).
    static func quotaSize(of text: String) -> Int {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.filter { !$0.isWhitespace }.count }
        return text.utf8.reduce(0) { count, byte in
            count + (byte == 0x20 || (0x09...0x0D).contains(byte) ? 0 : 1)
        }
    }

    /// Validates a policy document as IAM does and returns it unchanged, or throws IAM's error for it. An inline
    /// policy has no size quota of its own (6,144 characters is a managed policy's): the caller checks the total
    /// of the role's or user's inline policies.
    func validatedDocument(_ text: String, as type: PolicyType, inline: Bool = false) throws(ServiceError) -> String {
        let check = PolicyCache.shared.check(text, as: type)
        if let error = check.errors.first(where: { !inline || $0.code != "LimitExceeded" }) {
            throw ServiceError(code: error.code ?? "MalformedPolicyDocument", message: error.message)
        }
        if type == .trust, let document = check.document { try requireExistingPrincipals(document) }
        return text
    }

    /// IAM refuses a trust policy that names a user or role that does not exist, because it stores principals by
    /// their unique ids. The sandbox can only know the accounts it simulates.
    func requireExistingPrincipals(_ document: PolicyDocument) throws(ServiceError) {
        if let value = firstInvalidPrincipal(in: document) {
            throw ServiceError(code: "MalformedPolicyDocument", message: "Invalid principal in policy: \"AWS\":\"\(value)\"")
        }
    }

    /// The first `"AWS"` principal of a resource-based policy (a trust policy, a bucket policy) that AWS would refuse:
    /// not `*`, an account id or an ARN of an IAM principal, or a user or role of a simulated account that does not
    /// exist (IAM and S3 store such principals by their unique ids, so they must exist when the policy is saved).
    /// Role sessions and federated users are taken as written, as AWS takes them.
    func firstInvalidPrincipal(in document: PolicyDocument) -> String? {
        for statement in document.statements {
            for entry in statement.principal?.entries ?? [] where entry.kind == .aws {
                let value = entry.value.value
                if value == "*" { continue }
                if value.count == 12, value.allSatisfy(\.isNumber) { continue }
                guard let arn = ARN(value) else { return value }
                if arn.service == "sts", arn.resource.hasPrefix("assumed-role/") || arn.resource.hasPrefix("federated-user/") { continue }
                guard arn.service == "iam" else { return value }
                if arn.resource == "root" { continue }
                guard arn.resource.hasPrefix("user/") || arn.resource.hasPrefix("role/") else { return value }
                guard state.accounts[arn.account] != nil else { continue }
                let iam = state[account: arn.account].iam
                let name = String(arn.resource.split(separator: "/").last ?? "")
                let exists = arn.resource.hasPrefix("user/") ? iam.user(named: name)?.arn == value : iam.role(named: name)?.arn == value
                if !exists { return value }
            }
        }
        return nil
    }
}
