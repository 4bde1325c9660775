/// Checks on the Condition element: known operators, vendor-prefixed keys, values the operator can read.
enum ConditionRules {
    static func check(_ block: ConditionBlock, version: PolicyVersion) -> [Diagnostic] {
        let name = block.operatorName
        guard let resolved = ConditionOperatorTable.resolve(name.value) else {
            return [.malformed(IAMMessage.invalidConditionType(name.value), at: name.position)]
        }
        var diagnostics: [Diagnostic] = []
        for entry in block.entries {
            if !entry.key.value.contains(":") {
                diagnostics.append(.malformed(IAMMessage.actionNeedsVendor, detail: "condition key \"\(entry.key.value)\"", at: entry.key.position))
            }
            if entry.values.isEmpty {
                diagnostics.append(.malformed(IAMMessage.syntaxErrors, detail: "\(name.value) \(entry.key.value) has no values", at: entry.key.position))
            }
            for value in entry.values {
                let template = PolicyTemplate(
                    value.value, variablesEnabled: version.supportsPolicyVariables && resolved.base.acceptsPolicyVariables,
                    wildcards: resolved.base.acceptsWildcards)
                guard !template.hasVariables, resolved.base.readOperand(template.constantTokens) == nil else { continue }
                let family = resolved.base.family
                if family.rejectsUnreadableValues {
                    diagnostics.append(.malformed(
                        IAMMessage.syntaxErrors, detail: "\(name.value) expects \(family.expectedValue), found \"\(value.value)\"",
                        at: value.position))
                } else {
                    diagnostics.append(.warning(
                        "\(name.value) expects \(family.expectedValue); \"\(value.value)\" can never match", at: value.position))
                }
            }
        }
        return diagnostics
    }
}
