import AWSModel
/// The parameters of one operation call plus the CLI-side options that are not parameters.
struct OperationRequest {
    var parameters: AWSValue
    var startingToken: String?
    var pageSize: Int?
    var maxItems: Int?
    var outfile: (path: String, responseMember: String)?
    /// API members the learner set directly; setting a paging token or limit turns auto-paging off.
    var explicitMembers: Set<String>

    func userSetPagingMember(_ paging: PagingSpec) -> Bool {
        !explicitMembers.isDisjoint(with: paging.inputTokens + [paging.limitKey].compactMap { $0 })
    }
}
