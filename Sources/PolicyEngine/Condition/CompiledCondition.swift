/// One operator applied to one key, e.g. `ForAllValues:StringLikeIfExists {"aws:TagKeys": ["env", "team"]}`,
/// ready to test against a request.
struct CompiledCondition: Sendable {
    enum PolicyValue: Sendable {
        case ready(ConditionOperand)
        /// Holds policy variables, so it is read per request.
        case template(PolicyTemplate)
        /// The operator cannot read it (validation reported it); it matches nothing.
        case unreadable
    }

    let operatorName: String
    let resolved: ConditionOperatorTable.Resolved
    let key: String
    let lookupKey: String
    let policyValues: [PolicyValue]
    let writtenValues: [String]

    init(operatorName: String, resolved: ConditionOperatorTable.Resolved, key: String, values: [String], version: PolicyVersion) {
        self.operatorName = operatorName
        self.resolved = resolved
        self.key = key
        lookupKey = key.lowercased()
        writtenValues = values
        let base = resolved.base
        policyValues = values.map { value in
            let template = PolicyTemplate(
                value, variablesEnabled: version.supportsPolicyVariables && base.acceptsPolicyVariables,
                wildcards: base.acceptsWildcards)
            if template.hasVariables { return .template(template) }
            return base.readOperand(template.constantTokens).map(PolicyValue.ready) ?? .unreadable
        }
    }

    /// Why a condition held or failed, in words a learner can follow.
    struct Verdict: Sendable {
        let holds: Bool
        let reason: String
    }

    func holds(in context: some ContextValueSource) -> Bool {
        evaluate(in: context, explaining: false).holds
    }

    func verdict(in context: some ContextValueSource) -> Verdict {
        evaluate(in: context, explaining: true)
    }

    private func evaluate(in context: some ContextValueSource, explaining: Bool) -> Verdict {
        let requestValues = context.contextValues(forLowercasedKey: lookupKey) ?? []
        let base = resolved.base
        let shownValues = explaining ? describe(writtenValues) : ""

        if base.family == .null {
            let present = !requestValues.isEmpty
            let holds = policyValues.contains { value in
                if case .ready(.boolean(let wantsAbsent)) = value { return wantsAbsent != present }
                return false
            }
            return Verdict(holds: holds, reason: explaining
                ? "\(operatorName) \(key) \(shownValues): the key is \(present ? "present" : "absent") in the request" : "")
        }

        if requestValues.isEmpty {
            let holds: Bool
            let rule: String
            if resolved.ifExists {
                holds = true
                rule = "…IfExists treats a missing key as a match"
            } else {
                switch resolved.setOperator {
                case .forAllValues:
                    holds = true
                    rule = "ForAllValues holds when the request has no values for the key"
                case .forAnyValue:
                    holds = false
                    rule = "ForAnyValue fails when the request has no values for the key"
                case .none:
                    holds = base.isNegated
                    rule = base.isNegated
                        ? "a negated operator holds when the key is missing"
                        : "a missing key matches nothing"
                }
            }
            return Verdict(holds: holds, reason: explaining
                ? "\(operatorName) \(key) \(shownValues): \(key) is not in the request, and \(rule)" : "")
        }

        let operands = policyValues.compactMap { value -> ConditionOperand? in
            switch value {
            case .ready(let operand): return operand
            case .template(let template):
                return template.resolve(in: context).flatMap(base.readOperand)
            case .unreadable: return nil
            }
        }
        func valueHolds(_ requestValue: String) -> Bool {
            let matched = operands.contains { base.compare(requestValue, $0) }
            return base.isNegated ? !matched : matched
        }
        let holds: Bool
        switch resolved.setOperator {
        case .forAllValues: holds = requestValues.allSatisfy(valueHolds)
        case .forAnyValue: holds = requestValues.contains(where: valueHolds)
        case .none:
            // Without a set operator, AWS compares each value of a multivalued key; a positive operator
            // needs one match and a negated operator needs every value to miss.
            holds = base.isNegated ? requestValues.allSatisfy(valueHolds) : requestValues.contains(where: valueHolds)
        }
        guard explaining else { return Verdict(holds: holds, reason: "") }
        let requestText = requestValues.count == 1 ? "\"\(requestValues[0])\"" : describe(requestValues)
        return Verdict(holds: holds, reason:
            "\(operatorName) \(key) \(shownValues): the request has \(requestText), so the condition \(holds ? "holds" : "does not hold")")
    }

    private func describe(_ values: [String]) -> String {
        values.count == 1 ? "\"\(values[0])\"" : "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
}
