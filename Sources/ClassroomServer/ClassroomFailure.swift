import Classroom
import ClassroomStore

/// Everything a classroom request can fail with, as values; `HTTPStatus`/message mapping is in one place
/// (`ClassroomRoutes.response(for:)`), and the command line prints the same messages.
public enum ClassroomFailure: Error, Equatable, CustomStringConvertible {
    case unauthorized
    case notFound(String)
    case joinCodeExpired
    /// A learner of that name is in the class already.
    case nameTaken(String)
    /// A class of that name exists already.
    case classNameTaken(String)
    case badRequest(String)
    /// The learner's records were refused; `nextSeq` is what the server expects next.
    case refused(Intake.Refusal, nextSeq: Int)
    case unavailable(String)
    /// The learner cannot sit the exam any more (time ran out, or they handed it in); the text says which.
    case examOver(String)
    /// More requests than a person or a learner's `rolecall` makes; try again shortly.
    case tooManyRequests

    public var description: String {
        switch self {
        case .unauthorized: "a valid token is needed for this"
        case .notFound(let what): "no such \(what)"
        case .joinCodeExpired: "this join code has expired; ask the instructor for a new one"
        case .nameTaken(let name): "the name '\(name)' is already taken in this class; choose another with --learner"
        case .classNameTaken(let name): "there is a class called '\(name)' already; choose another name"
        case .badRequest(let reason): reason
        case .refused(let refusal, _): "refused: \(refusal)"
        case .unavailable(let reason): "the class database is unavailable: \(reason)"
        case .examOver(let reason): reason
        case .tooManyRequests: "too many requests; try again in a moment"
        }
    }

    static func from(_ error: any Error) -> ClassroomFailure {
        switch error {
        case let failure as ClassroomFailure: failure
        case ClassroomStoreError.nameTaken(let name): .nameTaken(name)
        case ClassroomStoreError.classNameTaken(let name): .classNameTaken(name)
        case let store as ClassroomStoreError: .unavailable(store.description)
        default: .unavailable("\(error)")
        }
    }
}
