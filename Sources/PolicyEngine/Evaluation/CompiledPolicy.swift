/// A validated policy compiled for evaluation. Compile once, evaluate many times; it is immutable and
/// safe to share across threads.
public final class CompiledPolicy: Sendable {
    public let name: String
    public let type: PolicyType
    public let document: PolicyDocument
    let statements: [CompiledStatement]
    let program: StatementProgram

    public init(_ document: PolicyDocument, name: String, type: PolicyType) {
        self.name = name
        self.type = type
        self.document = document
        let version = document.effectiveVersion
        // Deny statements first: once one applies nothing else about this policy can change the outcome.
        let compiled = document.statements.map { CompiledStatement($0, version: version) }
        statements = compiled.filter { $0.effect == .deny } + compiled.filter { $0.effect == .allow }
        program = StatementProgram(statements, document: document)
    }

    func statement(at index: Int) -> CompiledStatement? {
        statements.first { $0.index == index }
    }
}
