/// A member of a structure shape, in the model's order (which is also the order of the CLI's options).
struct StructureMember: Sendable {
    let name: String
    let shape: String
}
