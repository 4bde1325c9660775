import Foundation

/// The class exam's two calls: the paper (which starts the learner's sitting on the server's clock) and, at the
/// end, the server's marks. Bodies are returned as the server sent them; the caller decodes them.
extension ClassMembership {
    /// Asks for the paper of the class's open exam.
    public func sitExam() -> Result<Data, LinkFailure> {
        call("POST", "/api/me/exam", body: Data())
    }

    /// Asks for the marks of the latest class exam this learner sat.
    public func examResult() -> Result<Data, LinkFailure> {
        call("GET", "/api/me/exam/result", body: nil)
    }

    private func call(_ method: String, _ path: String, body: Data?) -> Result<Data, LinkFailure> {
        HTTPRequest.send(method, server + path, headers: ["Authorization: Bearer " + token], body: body, timeoutMilliseconds: 10_000)
            .flatMap { reply in
                reply.status == 200 ? .success(reply.body) : .failure(.refused(status: reply.status, message: ClassSync.errorMessage(reply)))
            }
    }
}
