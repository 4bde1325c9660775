/// Findings IAM accepts but a learner should hear about, each with a one-line reason.
enum LearnerWarnings {
    /// Actions that hand out more power than they seem to when granted on every resource, in AWS's casing (the
    /// warnings name them as the service authorization reference writes them; matching ignores case).
    static let sensitiveActions = [
        "iam:PassRole", "iam:CreateAccessKey", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy",
        "iam:PutUserPolicy", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy", "sts:AssumeRole", "iam:CreateLoginProfile",
        "iam:UpdateLoginProfile", "lambda:UpdateFunctionCode",
    ]

    /// Global keys that always hold a single value, where ForAllValues/ForAnyValue mislead.
    static let singleValuedKeyPrefixes = [
        "aws:username", "aws:userid", "aws:principalarn", "aws:principalaccount", "aws:sourceip", "aws:currenttime",
        "aws:epochtime", "aws:multifactorauthpresent", "aws:securetransport", "aws:requestedregion", "aws:principaltag/",
        "aws:resourcetag/", "aws:requesttag/", "aws:sourcevpc", "aws:sourcevpce", "aws:principalorgid", "aws:sourcearn",
        "aws:sourceaccount", "iam:passedtoservice", "s3:prefix", "sts:externalid", "aws:principaltype", "aws:tokenissuetime",
    ]

    static func check(_ statement: PolicyStatement, version: PolicyVersion) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let isAllow = statement.effect.value == .allow
        if isAllow, let action = statement.action, action.isNegated {
            warnings.append(.warning(
                "NotAction with Allow grants every action not listed, including actions AWS adds later; list the actions to allow instead",
                at: action.position))
        }
        if isAllow, let resource = statement.resource, resource.isNegated {
            warnings.append(.warning("NotResource with Allow grants access to every resource not listed, including future ones", at: resource.position))
        }
        if isAllow, let principal = statement.principal, principal.isNegated {
            warnings.append(.warning("NotPrincipal with Allow grants access to everyone not listed, including anonymous callers", at: principal.position))
        }
        if isAllow, let resource = statement.resource, !resource.isNegated, resource.patterns.contains(where: { $0.value == "*" }),
           let action = statement.action, !action.isNegated {
            for pattern in action.patterns {
                let compiled = WildcardPattern(pattern.value, caseInsensitive: true)
                let covered = sensitiveActions.filter { compiled.matches($0) }
                if let first = covered.first {
                    let named = covered.count > 3 ? covered.prefix(3).joined(separator: ", ") + " and \(covered.count - 3) more" : covered.joined(separator: ", ")
                    let passRole = covered.contains("iam:PassRole") ? " (iam:PassRole on \"*\" lets the caller hand any role, admin roles included, to a service)" : ""
                    warnings.append(.warning(
                        "\(pattern.value) on Resource \"*\" covers \(covered.count == 1 ? first : named) for every resource\(passRole); name the resources instead",
                        at: pattern.position))
                }
            }
        }
        for block in statement.conditions {
            guard let resolved = ConditionOperatorTable.resolve(block.operatorName.value) else { continue }
            for entry in block.entries {
                let key = entry.key.value.lowercased()
                if resolved.setOperator == .forAllValues, singleValuedKeyPrefixes.contains(where: { key.hasPrefix($0) }) {
                    warnings.append(.warning(
                        "ForAllValues on the single-valued key \(entry.key.value) is also true when the key is missing; use \(resolved.base.name) without a set operator",
                        at: block.operatorName.position))
                }
                if resolved.base.family == .string, !resolved.base.acceptsWildcards {
                    for value in entry.values where value.value.contains("*") || value.value.contains("?") {
                        let literal = value.value.contains("${*}") || value.value.contains("${?}")
                        if !literal {
                            warnings.append(.warning(
                                "\(resolved.base.name) compares \"\(value.value)\" literally, wildcards included; use StringLike to match a pattern",
                                at: value.position))
                        }
                    }
                }
            }
        }
        if version == .legacy {
            let usesVariables = (statement.resource?.patterns ?? []).contains { $0.value.contains("${") }
                || statement.conditions.contains { $0.entries.contains { $0.values.contains { $0.value.contains("${") } } }
            if usesVariables {
                warnings.append(.warning(
                    "policy variables such as ${aws:username} are only replaced under \"Version\": \"2012-10-17\"; here they are literal text",
                    at: statement.position))
            }
        }
        return warnings
    }
}
