import PositionedJSON
/// `rolecall policy simulate FILE`, minus the file reading and printing: the executable reads the file,
/// calls `Simulator.run`, and prints `text` or `json` of the result.
public enum Simulator {
    public struct Output: Sendable {
        public let evaluations: [Evaluation]
        /// Whether the file held an array of requests (JSON output then is an array too).
        public let isArray: Bool

        public var text: String { SimulationFormat.text(evaluations) }
        public var json: String { SimulationFormat.json(evaluations, asArray: isArray) }
    }

    /// Decodes the file, evaluates each request in order, and explains each decision.
    public static func run(_ fileText: String) -> Result<Output, SimulationError> {
        SimulationFile.decode(fileText).map { decoded in
            Output(evaluations: decoded.cases.map { $0.policies.explain($0.request) }, isArray: decoded.isArray)
        }
    }
}

/// How simulation results are shown: plain text for a person, JSON for tools and tests.
public enum SimulationFormat {
    public static func text(_ evaluations: [Evaluation]) -> String {
        var blocks: [String] = []
        for (index, evaluation) in evaluations.enumerated() {
            let request = evaluation.request
            var lines: [String] = []
            let number = evaluations.count > 1 ? "[\(index + 1)] " : ""
            lines.append("\(number)\(evaluation.decision.outcome.rawValue): \(request.principal.text) → \(request.action) on \(request.resource)")
            lines += evaluation.explanation.map { "  \($0)" }
            if let message = evaluation.accessDeniedMessage {
                lines.append("  AWS would answer: AccessDenied: \(message)")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    public static func json(_ evaluations: [Evaluation], asArray: Bool) -> String {
        let objects = evaluations.map(object)
        let value: JSONOutput = asArray || objects.count != 1 ? .array(objects) : objects[0]
        return value.rendered() + "\n"
    }

    static func object(_ evaluation: Evaluation) -> JSONOutput {
        let decision = evaluation.decision
        var members: [(String, JSONOutput)] = [
            ("decision", .string(decision.outcome.rawValue)),
            ("principal", .string(evaluation.request.principal.text)),
            ("action", .string(evaluation.request.action)),
            ("resource", .string(evaluation.request.resource)),
        ]
        if let hit = decision.decidingStatement {
            members.append(("decidedBy", .object([
                ("policyType", .string(hit.layer.awsName)),
                ("policy", evaluation.decidingPolicy.map(JSONOutput.string) ?? .null),
                ("statement", evaluation.decidingStatement.map(JSONOutput.string) ?? .null),
            ])))
        } else {
            members.append(("decidedBy", .null))
        }
        members.append(("layerWithoutAllow", decision.layerWithoutAllow.map { .string($0.awsName) } ?? .null))
        members.append(("explanation", .array(evaluation.explanation.map(JSONOutput.string))))
        members.append(("accessDeniedMessage", evaluation.accessDeniedMessage.map(JSONOutput.string) ?? .null))
        return .object(members)
    }
}
