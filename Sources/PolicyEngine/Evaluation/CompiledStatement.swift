/// A statement compiled for evaluation: matchers built once, checked cheapest first.
struct CompiledStatement: Sendable {
    let effect: Effect
    let index: Int
    let label: String
    /// Nil only when the statement has no Action element (validation reports it); such a statement matches nothing.
    let actions: ActionMatcher?
    /// Nil when the statement has no Resource element, as in trust policies: it covers the resource it is attached to.
    let resources: ResourceMatcher?
    let principals: PrincipalMatcher?
    let conditions: [CompiledCondition]

    init(_ statement: PolicyStatement, version: PolicyVersion) {
        effect = statement.effect.value
        index = statement.index
        label = statement.label
        actions = statement.action.map(ActionMatcher.init)
        resources = statement.resource.map { ResourceMatcher($0, version: version) }
        principals = statement.principal.map(PrincipalMatcher.init)
        conditions = statement.conditions.flatMap { block -> [CompiledCondition] in
            guard let resolved = ConditionOperatorTable.resolve(block.operatorName.value) else { return [] }
            return block.entries.map {
                CompiledCondition(
                    operatorName: block.operatorName.value, resolved: resolved, key: $0.key.value,
                    values: $0.values.map(\.value), version: version)
            }
        }
    }

    /// A Deny with NotPrincipal in a resource-based policy always denies a principal that has a permissions
    /// boundary, whatever NotPrincipal lists (IAM User Guide, "Permissions boundaries for IAM entities"): such a
    /// statement applies when its action, resource and conditions do.
    func isNotPrincipalDenyIgnoringPrincipal(action: UnsafeBufferPointer<UInt8>, resource: UnsafeBufferPointer<UInt8>, request: AccessRequest) -> Bool {
        guard effect == .deny, principals?.isNegated == true, let actions, actions.covers(action) else { return false }
        if let resources, !resources.covers(resource, context: request) { return false }
        return conditions.allSatisfy { $0.holds(in: request) }
    }

    /// Whether the statement applies to the request, and for policies with a Principal element, how it named
    /// the caller (`.exact` when there is no Principal element, since the policy is attached to the caller).
    @inline(__always)
    func applies(action: UnsafeBufferPointer<UInt8>, resource: UnsafeBufferPointer<UInt8>, request: AccessRequest) -> PrincipalGrant? {
        guard let actions, actions.covers(action) else { return nil }
        if let resources, !resources.covers(resource, context: request) { return nil }
        var grant = PrincipalGrant.exact
        if let principals {
            guard let named = principals.applies(to: request.principal) else { return nil }
            grant = named
        }
        for condition in conditions where !condition.holds(in: request) { return nil }
        return grant
    }

    /// The same decision as `applies`, with the reason for each element checked, stopping at the first miss.
    func verdict(for request: AccessRequest) -> (applies: Bool, reasons: [String]) {
        var reasons: [String] = []
        guard let actions else { return (false, ["the statement has no Action element"]) }
        let action = actions.verdict(for: request.action)
        reasons.append(action.reason)
        guard action.matches else { return (false, reasons) }
        if let resources {
            let resource = resources.verdict(for: request.resource, context: request)
            reasons.append(resource.reason)
            guard resource.matches else { return (false, reasons) }
        }
        if let principals {
            let principal = principals.verdict(for: request.principal)
            reasons.append(principal.reason)
            guard principal.matches else { return (false, reasons) }
        }
        for condition in conditions {
            let verdict = condition.verdict(in: request)
            reasons.append(verdict.reason)
            guard verdict.holds else { return (false, reasons) }
        }
        return (true, reasons)
    }
}
