/// A class as the store keeps it.
public struct ClassRecord: Equatable, Sendable {
    public var id: Int64
    public var name: String
    /// The course folder the class follows (the server folds every learner's events with its rules).
    public var coursePath: String
    public var joinCode: String
    /// Seconds since 1970 after which the join code no longer admits anyone.
    public var joinCodeExpiresAt: Int64
    public var instructorTokenDigest: String
    /// The key the server signs its copy of each learner's transcript with.
    public var signingKey: String
    public var createdAt: Int64

    public init(id: Int64 = 0, name: String, coursePath: String, joinCode: String, joinCodeExpiresAt: Int64,
                instructorTokenDigest: String, signingKey: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.coursePath = coursePath
        self.joinCode = joinCode
        self.joinCodeExpiresAt = joinCodeExpiresAt
        self.instructorTokenDigest = instructorTokenDigest
        self.signingKey = signingKey
        self.createdAt = createdAt
    }
}

/// A learner who joined a class. Email, SIS id and section are what an LMS matches grades on; the instructor
/// sets them (`classroom roster`), a learner never does.
public struct LearnerRecord: Equatable, Sendable {
    public var id: Int64
    public var classID: Int64
    public var name: String
    public var tokenDigest: String
    public var joinedAt: Int64
    public var email: String?
    public var sisID: String?
    public var section: String?

    public init(id: Int64 = 0, classID: Int64, name: String, tokenDigest: String, joinedAt: Int64,
                email: String? = nil, sisID: String? = nil, section: String? = nil) {
        self.id = id
        self.classID = classID
        self.name = name
        self.tokenDigest = tokenDigest
        self.joinedAt = joinedAt
        self.email = email
        self.sisID = sisID
        self.section = section
    }
}

/// One event as the server holds it: the learner's record hash (to recognise a resend) and the server's own
/// record of it, chained and signed with the server's time, as one transcript line.
public struct StoredEvent: Equatable, Sendable {
    public var seq: Int
    public var learnerHash: String
    public var receivedAt: Int64
    /// The server's record: a transcript line (JSON, no newline).
    public var line: String

    public init(seq: Int, learnerHash: String, receivedAt: Int64, line: String) {
        self.seq = seq
        self.learnerHash = learnerHash
        self.receivedAt = receivedAt
        self.line = line
    }
}

/// An instructor's message to every learner of a class.
public struct Broadcast: Equatable, Sendable, Codable {
    public var id: Int64
    public var text: String
    public var sentAt: Int64

    public init(id: Int64, text: String, sentAt: Int64) {
        self.id = id
        self.text = text
        self.sentAt = sentAt
    }
}

/// An exam the instructor set for a class: the lessons it covers, whether it includes their tasks, the time each
/// learner has from the moment they start, and the seed that shuffles each learner's choices. The latest one
/// not closed is the class's exam.
public struct ExamRecord: Equatable, Sendable {
    public var id: Int64
    public var classID: Int64
    public var lessons: [String]
    public var withTasks: Bool
    /// Seconds from a learner's start, if limited.
    public var timeLimit: Int?
    public var seed: Int
    public var openedAt: Int64
    public var closedAt: Int64?

    public init(id: Int64 = 0, classID: Int64, lessons: [String], withTasks: Bool, timeLimit: Int?, seed: Int, openedAt: Int64,
                closedAt: Int64? = nil) {
        self.id = id
        self.classID = classID
        self.lessons = lessons
        self.withTasks = withTasks
        self.timeLimit = timeLimit
        self.seed = seed
        self.openedAt = openedAt
        self.closedAt = closedAt
    }

    /// The id every event of this exam carries; the class counts exam events with its own exams' ids only.
    public var examID: String { "class-exam-\(id)" }
}

/// A learner's sitting of a class exam: when the server handed them the paper (its clock keeps the time).
public struct SittingRecord: Equatable, Sendable {
    public var examID: Int64
    public var learnerID: Int64
    public var startedAt: Int64

    public init(examID: Int64, learnerID: Int64, startedAt: Int64) {
        self.examID = examID
        self.learnerID = learnerID
        self.startedAt = startedAt
    }
}
