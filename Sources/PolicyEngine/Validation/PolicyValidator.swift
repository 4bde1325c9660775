/// Checks a parsed policy against the grammar of the policy type it will be attached as, in IAM's words.
enum PolicyValidator {
    static func validate(_ document: PolicyDocument, as type: PolicyType, origin: DocumentOrigin) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let version = document.effectiveVersion
        let quota = type.sizeQuota
        if origin == .submitted, document.size > quota.limit {
            diagnostics.append(Diagnostic(
                severity: .error, code: "LimitExceeded", message: IAMMessage.sizeQuota(quota.quotaName, quota.limit),
                detail: "the policy has \(document.size) characters without whitespace", position: .start))
        }
        if document.version == nil {
            diagnostics.append(.warning(
                "the policy has no Version, so IAM reads it as 2008-10-17, which does not replace policy variables; add \"Version\": \"2012-10-17\"",
                at: .start))
        }
        diagnostics += sidDiagnostics(document, type)
        for statement in document.statements {
            diagnostics += statementDiagnostics(statement, type, version, origin)
            diagnostics += LearnerWarnings.check(statement, version: version)
        }
        return diagnostics
    }

    private static func sidDiagnostics(_ document: PolicyDocument, _ type: PolicyType) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let managedByIAM = type == .identity || type == .trust || type == .boundary
        var seen = Set<String>()
        for statement in document.statements {
            guard let sid = statement.sid else { continue }
            if managedByIAM, !sid.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                diagnostics.append(.malformed(
                    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
                    at: sid.position))
            }
            if !sid.value.isEmpty, !seen.insert(sid.value).inserted {
                diagnostics.append(managedByIAM
                    ? .malformed(IAMMessage.uniqueSids, detail: "Sid \"\(sid.value)\" is used twice", at: sid.position)
                    : .warning("Sid \"\(sid.value)\" is used by more than one statement; explanations that name it become ambiguous", at: sid.position))
            }
        }
        return diagnostics
    }

    private static func statementDiagnostics(_ statement: PolicyStatement, _ type: PolicyType, _ version: PolicyVersion, _ origin: DocumentOrigin) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let principal = statement.principal {
            if !type.namesPrincipal {
                diagnostics.append(.malformed(IAMMessage.shouldNotSpecifyPrincipal, at: principal.position))
            } else {
                diagnostics += principal.entries.compactMap { PrincipalRules.check($0, origin: origin) }
            }
        } else if type.namesPrincipal {
            diagnostics.append(.malformed(IAMMessage.missingPrincipal, at: statement.position))
        }

        if let action = statement.action, !action.patterns.isEmpty {
            diagnostics += action.patterns.compactMap(ActionRules.check)
            if type == .trust {
                let allowed = !action.isNegated && action.patterns.allSatisfy { ActionRules.isAllowedInTrustPolicy($0.value) }
                if !allowed { diagnostics.append(.malformed(IAMMessage.trustActionsOnly, at: action.position)) }
            }
        } else {
            diagnostics.append(.malformed(IAMMessage.mustContainActions, at: statement.action?.position ?? statement.position))
        }

        if type == .trust {
            if let resource = statement.resource {
                diagnostics.append(.malformed(IAMMessage.prohibitedResource, at: resource.position))
            }
        } else if let resource = statement.resource, !resource.patterns.isEmpty {
            diagnostics += resource.patterns.compactMap(ResourceRules.check)
        } else {
            diagnostics.append(.malformed(IAMMessage.mustContainResources, at: statement.resource?.position ?? statement.position))
        }

        for block in statement.conditions {
            diagnostics += ConditionRules.check(block, version: version)
        }
        return diagnostics
    }
}
