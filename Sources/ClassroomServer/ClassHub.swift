import Assessment
import Classroom
import ClassroomStore
import Foundation
import Grading
import Lessons
import Transcripts

/// What the dashboard of a class is told as it happens.
public enum DashboardUpdate: Sendable, Equatable {
    case learner(RosterRow)
    case answers(AnswerDistribution)
    case denials(DenialGroup)
    case broadcast(Broadcast)
}

/// The class server's state and operations, apart from HTTP: classes, joining, taking in learners' records
/// exactly once, the live fold of every class, and the dashboards listening to it. Live state is rebuilt from
/// the store on first use, so a restarted server shows what it showed before.
public actor ClassHub {
    let store: any ClassroomStore
    let thresholds: StuckThresholds
    let clock: @Sendable () -> Date
    private var live: [Int64: LiveClass] = [:]
    /// Classes by id and learners by token digest, once read: neither changes while the server runs (a roster's
    /// identities do, and are read from the store when exporting).
    private var classesByID: [Int64: ClassRecord] = [:]
    private var learnersByDigest: [String: LearnerRecord] = [:]
    private var learnersByID: [Int64: LearnerRecord] = [:]
    /// Messages already on this process's dashboards (its own come back from PostgreSQL too).
    private var publishedBroadcasts = Set<Int64>()
    /// Each learner's last held record, as last stored here: spares decoding it from the store on every request
    /// (used only when the store's last record is this one).
    private var tails: [Int64: Intake.Tail] = [:]
    /// The same record as stored, offered to the store as the tail it believes is last (see `append`).
    private var lastStored: [Int64: StoredEvent] = [:]
    private var courses: [String: Course] = [:]
    private var listeners: [Int64: [UUID: AsyncStream<DashboardUpdate>.Continuation]] = [:]
    /// Per token: 20 requests a second, 100 at once. Joining, for everyone together: 50 a second, 200 at once (a
    /// large class joining in its first minute), so guessing a join code (31^8 of them) stays hopeless for as long
    /// as it is valid (2 million guesses in 12 hours: one chance in 400,000).
    private var perToken = RateLimiter(perSecond: 20, burst: 100)
    private var joins = RateLimiter(perSecond: 50, burst: 200)

    /// Counts a request of `key` against its limit.
    func admit(_ key: String) throws(ClassroomFailure) {
        guard perToken.allow(key, now: clock().timeIntervalSince1970) else { throw .tooManyRequests }
    }

    public init(store: any ClassroomStore, thresholds: StuckThresholds = StuckThresholds(),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.thresholds = thresholds
        self.clock = clock
    }

    var now: Int64 { Int64(clock().timeIntervalSince1970) }

    // MARK: Classes

    public struct NewClass: Sendable {
        public var record: ClassRecord
        /// Shown once; only its digest is stored.
        public var instructorToken: String
    }

    /// A name shown on the dashboard and in exports, and kept in files: no control or invisible formatting
    /// characters (a NUL cut `a\u{0}b` to `a` in the export; U+202E turns the text after it around), but for the
    /// joiners ordinary Persian and Indic spelling (and emoji) need, and a soft hyphen pasted with a name.
    static func isPrintable(_ name: String) -> Bool {
        name.unicodeScalars.allSatisfy { scalar in
            if ["\u{200C}", "\u{200D}", "\u{00AD}"].contains(scalar) { return true }
            return switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: false
            default: true
            }
        }
    }

    /// Makes a class following the course in `coursePath` (which must load without errors).
    public func createClass(name: String, coursePath: String, joinValidFor seconds: Int64) async throws(ClassroomFailure) -> NewClass {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains("/"), Self.isPrintable(trimmed) else {
            throw .badRequest("a class name is 1 to 100 characters, without '/' or control characters")
        }
        _ = try course(at: coursePath)
        let token = Credentials.newToken(.instructor)
        let record = ClassRecord(name: trimmed, coursePath: coursePath, joinCode: Credentials.newJoinCode(),
                                 joinCodeExpiresAt: now + seconds, instructorTokenDigest: Credentials.digest(token),
                                 signingKey: Credentials.newSigningKey(), createdAt: now)
        do {
            return NewClass(record: try await store.createClass(record), instructorToken: token)
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    func course(at path: String) throws(ClassroomFailure) -> Course {
        if let course = courses[path] { return course }
        let result = CourseLoader.load(directory: path)
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard let course = result.course, errors.isEmpty else {
            throw .badRequest("the course in \(path) does not load: \(errors.first.map { "\($0)" } ?? "no course")")
        }
        courses[path] = course
        return course
    }

    /// The class named `name`, if `token` is its instructor's.
    public func instructorClass(named name: String, token: String?) async throws(ClassroomFailure) -> ClassRecord {
        let found: ClassRecord?
        do { found = try await store.classNamed(name) } catch { throw ClassroomFailure.from(error) }
        guard let record = found else { throw .notFound("class '\(name)'") }
        guard let token else { throw .unauthorized }
        // Keyed by the token presented, so someone guessing cannot use up the instructor's own allowance.
        try admit(Credentials.digest(token))
        guard Credentials.matches(token, digest: record.instructorTokenDigest) else { throw .unauthorized }
        return record
    }

    // MARK: Learners

    public struct Joined: Sendable {
        public var record: ClassRecord
        public var learner: LearnerRecord
        /// The learner's token, shown once.
        public var token: String
    }

    public func join(code: String, learner name: String) async throws(ClassroomFailure) -> Joined {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, trimmed.allSatisfy({ !$0.isNewline && $0 != "/" }), Self.isPrintable(trimmed) else {
            throw .badRequest("a learner name is 1 to 100 characters on one line, without '/' or control characters")
        }
        guard joins.allow("join", now: clock().timeIntervalSince1970) else { throw .tooManyRequests }
        do {
            guard let record = try await store.classWithJoinCode(Credentials.normalizedJoinCode(code)) else {
                throw ClassroomFailure.notFound("class with the join code '\(code)'")
            }
            guard now <= record.joinCodeExpiresAt else { throw ClassroomFailure.joinCodeExpired }
            let token = Credentials.newToken(.learner)
            let learner = try await store.addLearner(LearnerRecord(classID: record.id, name: trimmed, tokenDigest: Credentials.digest(token), joinedAt: now))
            _ = try await liveClass(record)
            live[record.id]?.add(learner: trimmed, at: now)
            if let row = live[record.id]?.row(trimmed, now: now) { publish(.learner(row), to: record.id) }
            return Joined(record: record, learner: learner, token: token)
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// The learner whose token this is.
    public func learner(token: String?) async throws(ClassroomFailure) -> LearnerRecord {
        guard let token, token.hasPrefix(Credentials.TokenKind.learner.rawValue + "_") else { throw .unauthorized }
        let digest = Credentials.digest(token)
        try admit(digest)
        if let known = learnersByDigest[digest] { return known }
        let found: LearnerRecord?
        do { found = try await store.learner(tokenDigest: digest) } catch { throw ClassroomFailure.from(error) }
        if let found {
            learnersByDigest[digest] = found
            learnersByID[found.id] = found
        }
        guard let found else { throw .unauthorized }
        return found
    }

    /// The learner's class (classes never change while the server runs, so they are read once).
    func classRecord(of learner: LearnerRecord) async throws -> ClassRecord {
        if classesByID[learner.classID] == nil {
            for known in try await store.classes() { classesByID[known.id] = known }
        }
        guard let record = classesByID[learner.classID] else { throw ClassroomFailure.notFound("class") }
        return record
    }

    /// The number of the next record the server expects from the learner.
    public func nextSeq(of learner: LearnerRecord) async throws(ClassroomFailure) -> Int {
        do {
            return (try await store.events(learnerID: learner.id, after: 0).last?.seq ?? 0) + 1
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// Takes in a batch of the learner's transcript lines: accepted exactly once, in the server's own chain.
    public func ingest(_ data: Data, from learner: LearnerRecord) async throws(ClassroomFailure) -> Intake.Outcome {
        do {
            let record = try await classRecord(of: learner)
            // Built before the append, so the new records are folded once, below.
            _ = try await liveClass(record)
            let signer = TranscriptSigner(secret: record.signingKey)
            let date = clock()
            let cached = tails[learner.id]
            let result: Result<Intake.Outcome, Intake.Refusal> = try await store.append(learnerID: learner.id, believedLast: lastStored[learner.id]) { last, heldHash in
                let tail = try last.map { stored -> Intake.Tail in
                    if let cached, cached.seq == stored.seq, cached.learnerHash == stored.learnerHash { return cached }
                    guard let server = TranscriptRecord(line: Array(stored.line.utf8)) else {
                        throw ClassroomFailure.unavailable("the held record \(stored.seq) cannot be read")
                    }
                    return Intake.Tail(seq: stored.seq, learnerHash: stored.learnerHash, serverRecord: server)
                }
                let verdict = try Intake.judge(data, tail: tail, heldHash: heldHash, signer: signer, now: date)
                if case .success(let outcome) = verdict { return (verdict, outcome.accepted) }
                return (verdict, [])
            }
            switch result {
            case .success(let outcome):
                if let server = outcome.serverRecords.last, let stored = outcome.accepted.last {
                    tails[learner.id] = Intake.Tail(seq: stored.seq, learnerHash: stored.learnerHash, serverRecord: server)
                    lastStored[learner.id] = stored
                }
                _ = try await liveClass(record)
                try await learnSittings(of: learner, in: record, before: outcome.serverRecords)
                let time = Int64(date.timeIntervalSince1970)
                var questions = Set<String>()
                var groups: [DenialGroup] = []
                // Folded in place: a copy of the class's fold per request would cost as much as the class is large.
                for server in outcome.serverRecords {
                    if let group = live[record.id]?.apply(server, learner: learner.name, at: time) { groups.append(group) }
                    if server.event.kind == .answer, let item = server.event.item { questions.insert(item) }
                }
                if !outcome.records.isEmpty, let row = live[record.id]?.row(learner.name, now: time) { publish(.learner(row), to: record.id) }
                for question in questions.sorted() {
                    if let distribution = live[record.id]?.distribution(of: question) { publish(.answers(distribution), to: record.id) }
                }
                for group in groups { publish(.denials(group), to: record.id) }
                return outcome
            case .failure(let refusal):
                throw ClassroomFailure.refused(refusal, nextSeq: try await nextSeq(of: learner))
            }
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    // MARK: Time passing

    /// Whether each learner was last shown as stuck, per class: time alone can make a learner stuck.
    private var shownStuck: [Int64: [String: Bool]] = [:]
    /// Likewise each learner's exam status (time runs out with nobody typing).
    private var shownExam: [Int64: [String: ExamStatus]] = [:]

    /// Re-evaluates every learner of every class being watched, and sends the rows whose stuck flag changed
    /// because time passed (a learner who stopped sending anything is still flagged). Run every few seconds.
    public func refreshStuckFlags() {
        let time = now
        for (classID, fold) in live where !(listeners[classID]?.isEmpty ?? true) {
            for row in fold.roster(now: time)
            where shownStuck[classID]?[row.learner] != row.stuck || shownExam[classID]?[row.learner] != row.exam {
                shownStuck[classID, default: [:]][row.learner] = row.stuck
                shownExam[classID, default: [:]][row.learner] = row.exam
                publish(.learner(row), to: classID)
            }
        }
    }

    // MARK: Other server processes

    /// Folds what other server processes sharing the store take in (PostgreSQL's NOTIFY), until cancelled, so a
    /// dashboard on any process shows every learner. Returns at once for a store only this process writes.
    public func followOtherProcesses() async {
        guard let changes = store.changes() else { return }
        for await change in changes {
            switch change {
            case .events(let learnerID, let lastSeq):
                // This process's own appends come back too; they are folded already.
                if let learner = learnersByID[learnerID], let classLive = live[learner.classID],
                   (classLive.learners[learner.name]?.seq ?? 0) >= lastSeq { continue }
                await foldStored(learnerID)
            case .broadcast(let classID, let id):
                guard !publishedBroadcasts.contains(id),
                      let message = try? await store.broadcasts(classID: classID, after: id - 1).first(where: { $0.id == id }),
                      publishedBroadcasts.insert(id).inserted else { continue }
                publish(.broadcast(message), to: classID)
            }
        }
    }

    /// Folds a learner's stored events this process has not folded yet (a record is folded once however it comes).
    func foldStored(_ learnerID: Int64) async {
        var known = learnersByID[learnerID]
        if known == nil { known = try? await store.learner(id: learnerID) }
        guard let learner = known else { return }
        learnersByID[learnerID] = learner
        if classesByID[learner.classID] == nil, let all = try? await store.classes() {
            for known in all { classesByID[known.id] = known }
        }
        // A class nobody looks at yet is read from the store when its view is first built.
        guard let record = classesByID[learner.classID], live[record.id] != nil else { return }
        live[record.id]?.add(learner: learner.name, at: learner.joinedAt)
        let folded = live[record.id]?.learners[learner.name]?.seq ?? 0
        guard let events = try? await store.events(learnerID: learnerID, after: folded), !events.isEmpty else { return }
        let records = events.map { TranscriptRecord(line: Array($0.line.utf8)) }
        try? await learnSittings(of: learner, in: record, before: records.compactMap { $0 })
        var questions = Set<String>()
        var groups: [DenialGroup] = []
        for (stored, server) in zip(events, records) {
            guard let server else { continue }
            if let group = live[record.id]?.apply(server, learner: learner.name, at: stored.receivedAt) { groups.append(group) }
            if server.event.kind == .answer, let item = server.event.item { questions.insert(item) }
        }
        if let row = live[record.id]?.row(learner.name, now: now) { publish(.learner(row), to: record.id) }
        for question in questions.sorted() {
            if let distribution = live[record.id]?.distribution(of: question) { publish(.answers(distribution), to: record.id) }
        }
        for group in groups { publish(.denials(group), to: record.id) }
    }

    // MARK: Live view

    /// The class's live fold, rebuilt from the store the first time it is needed.
    func liveClass(_ record: ClassRecord) async throws -> LiveClass {
        if let existing = live[record.id] { return existing }
        let course = try course(at: record.coursePath)
        var fold = LiveClass(regrader: regrader(for: record.coursePath, course: course), thresholds: thresholds)
        let sittings = try await sittingsByLearner(of: record)
        for learner in try await store.learners(classID: record.id) {
            fold.add(learner: learner.name, at: learner.joinedAt)
            for (exam, sitting) in sittings[learner.id] ?? [:] { fold.add(sitting: sitting, exam: exam, learner: learner.name, at: learner.joinedAt) }
            for stored in try await store.events(learnerID: learner.id, after: 0) {
                guard let server = TranscriptRecord(line: Array(stored.line.utf8)) else { continue }
                fold.apply(server, learner: learner.name, at: stored.receivedAt)
            }
        }
        // Another request may have built it meanwhile (the actor was free while the store was read).
        if let existing = live[record.id] { return existing }
        live[record.id] = fold
        return fold
    }

    /// One regrader per course: its seeded sandboxes and replay results are shared by every learner of it.
    private var regraders: [String: Regrader] = [:]

    func regrader(for path: String, course: Course) -> Regrader {
        if let known = regraders[path] { return known }
        let made = Regrader(course: course)
        regraders[path] = made
        return made
    }

    /// The class's open exam, as the dashboard's header shows it.
    public struct ExamSummary: Codable, Sendable, Equatable {
        public var lessons: [String]
        public var withTasks: Bool
        public var timeLimit: Int?
    }

    /// A lesson of the class's course, for the dashboard's lock control.
    public struct LessonChoice: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
    }

    public struct Snapshot: Codable, Sendable {
        public var className: String
        public var exam: ExamSummary?
        public var lessons: [LessonChoice]
        /// The last lesson open to learners; nil: every lesson.
        public var openThrough: String?
        public var now: Int64
        public var learners: [RosterRow]
        public var answers: [AnswerDistribution]
        public var denials: [DenialGroup]
        public var broadcasts: [Broadcast]
    }

    public func snapshot(of record: ClassRecord) async throws(ClassroomFailure) -> Snapshot {
        do {
            let fold = try await liveClass(record)
            let exam = try await openExam(of: record.id).map { ExamSummary(lessons: $0.lessons, withTasks: $0.withTasks, timeLimit: $0.timeLimit) }
            let lessons = try course(at: record.coursePath).lessons.map { LessonChoice(id: $0.id, title: $0.title) }
            return Snapshot(className: record.name, exam: exam, lessons: lessons, openThrough: try await store.openThrough(classID: record.id), now: now, learners: fold.roster(now: now), answers: fold.distributions,
                            denials: fold.denialGroups, broadcasts: try await store.broadcasts(classID: record.id, after: 0))
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// One learner's replayed sandbox.
    public func detail(of name: String, in record: ClassRecord) async throws(ClassroomFailure) -> LearnerDetail {
        do {
            let fold = try await liveClass(record)
            guard let detail = fold.detail(name) else { throw ClassroomFailure.notFound("learner '\(name)'") }
            return detail
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// Updates for one class's dashboards, from now on, until the stream is dropped.
    public func updates(of record: ClassRecord) -> AsyncStream<DashboardUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardUpdate.self, bufferingPolicy: .bufferingNewest(1000))
        let id = UUID()
        listeners[record.id, default: [:]][id] = continuation
        continuation.onTermination = { _ in Task { await self.stopListening(record.id, id) } }
        return stream
    }

    private func stopListening(_ classID: Int64, _ id: UUID) {
        listeners[classID]?[id] = nil
    }

    private func publish(_ update: DashboardUpdate, to classID: Int64) {
        for continuation in listeners[classID, default: [:]].values { continuation.yield(update) }
    }

    // MARK: Broadcasts

    public func broadcast(_ text: String, to record: ClassRecord) async throws(ClassroomFailure) -> Broadcast {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 500 else { throw .badRequest("a message is 1 to 500 characters") }
        do {
            let message = try await store.addBroadcast(classID: record.id, text: trimmed, at: now)
            // This process's own NOTIFY may have been heard first (PostgreSQL): each message is shown once.
            if publishedBroadcasts.insert(message.id).inserted { publish(.broadcast(message), to: record.id) }
            return message
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    public func broadcasts(for learner: LearnerRecord, after id: Int64) async throws(ClassroomFailure) -> [Broadcast] {
        do { return try await store.broadcasts(classID: learner.classID, after: id) } catch { throw ClassroomFailure.from(error) }
    }

    // MARK: Grades and records out

    public func hasClasses() async throws(ClassroomFailure) -> Bool {
        do { return try await !store.classes().isEmpty } catch { throw ClassroomFailure.from(error) }
    }

    public func classRecord(named name: String) async throws(ClassroomFailure) -> ClassRecord {
        let found: ClassRecord?
        do { found = try await store.classNamed(name) } catch { throw ClassroomFailure.from(error) }
        guard let found else { throw .notFound("class '\(name)'") }
        return found
    }

    /// Each learner of the class with the server's copy of their transcript.
    public func heldTranscripts(of record: ClassRecord) async throws(ClassroomFailure) -> [(LearnerRecord, [StoredEvent])] {
        do {
            var result: [(LearnerRecord, [StoredEvent])] = []
            for learner in try await store.learners(classID: record.id) {
                result.append((learner, try await store.events(learnerID: learner.id, after: 0)))
            }
            return result
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// The class re-graded from the server's copies, as `rolecall grade` grades files.
    public func grades(of record: ClassRecord) async throws(ClassroomFailure) -> (Course, [GradedLearner]) {
        let course = try course(at: record.coursePath)
        let held = try await heldTranscripts(of: record)
        let sittings: [Int64: [String: ExamGate.Sitting]]
        do { sittings = try await sittingsByLearner(of: record) } catch { throw ClassroomFailure.from(error) }
        return (course, ClassGrades.grade(course: course, signingKey: record.signingKey, learners: held, sittings: sittings))
    }

    /// Sets learners' LMS identities; returns the names that are not in the class.
    public func setIdentities(_ roster: RosterFile.Roster, in record: ClassRecord) async throws(ClassroomFailure) -> [String] {
        do {
            let learners = Dictionary(uniqueKeysWithValues: try await store.learners(classID: record.id).map { ($0.name, $0) })
            var unknown: [String] = []
            for row in roster.rows {
                guard var learner = learners[row.name] else { unknown.append(row.name); continue }
                // Only the columns the file has: the others keep what the class holds.
                if roster.columns.contains(.email) { learner.email = row.email }
                if roster.columns.contains(.sisID) { learner.sisID = row.sisID }
                if roster.columns.contains(.section) { learner.section = row.section }
                try await store.updateLearner(learner)
            }
            return unknown
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    // MARK: Exams

    /// Opens an exam of `lessons` for the class (closing the one open before). The lessons must be the course's
    /// and hold at least one question (or task, with `withTasks`).
    public func openExam(in record: ClassRecord, lessons: [String], withTasks: Bool, timeLimit: Int?, seed: Int) async throws(ClassroomFailure) -> ExamRecord {
        let lessons = try checkExam(coursePath: record.coursePath, lessons: lessons, withTasks: withTasks, seed: seed)
        do {
            return try await store.openExam(ExamRecord(classID: record.id, lessons: lessons, withTasks: withTasks, timeLimit: timeLimit, seed: seed, openedAt: now))
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// The exam's lessons, each once, when the course at `coursePath` can set it: asked before a class is made
    /// with `--exam`, so a mistyped lesson does not leave a class made and its exam refused.
    public func checkExam(coursePath: String, lessons: [String], withTasks: Bool, seed: Int = 1) throws(ClassroomFailure) -> [String] {
        let course = try course(at: coursePath)
        var seen = Set<String>()
        let lessons = lessons.filter { seen.insert($0).inserted }
        guard !lessons.isEmpty else { throw .badRequest("name the lessons the exam covers") }
        for id in lessons where course.lesson(withID: id) == nil {
            throw .badRequest("no lesson '\(id)' in the class's course (its lessons: \(course.lessons.map(\.id).joined(separator: ", ")))")
        }
        let paper = ExamPaper(course: course, lessons: lessons, learner: "", seed: seed, withTasks: withTasks, exam: "", timeLimit: nil)
        guard !paper.items.isEmpty else {
            throw .badRequest(withTasks ? "these lessons have no questions or tasks" : "these lessons have no questions (add --with-tasks to include their tasks)")
        }
        return lessons
    }

    public func closeExam(in record: ClassRecord) async throws(ClassroomFailure) {
        do { try await store.closeExam(classID: record.id, at: now) } catch { throw ClassroomFailure.from(error) }
        await refreshExams()
    }

    /// The class's open exam, read from the store each time: the instructor opens and closes exams from the
    /// command line while the server runs.
    public func openExam(of classID: Int64) async throws(ClassroomFailure) -> ExamRecord? {
        do { return try await store.exams(classID: classID).last { $0.closedAt == nil } } catch { throw ClassroomFailure.from(error) }
    }

    /// Hands the learner the paper of their class's open exam, starting their sitting (its clock is the server's
    /// and starts once: asking again gives the same paper, the time left and what they answered already).
    public func sitExam(_ learner: LearnerRecord) async throws(ClassroomFailure) -> ExamPaper {
        guard let exam = try await openExam(of: learner.classID) else { throw .notFound("exam open in your class") }
        do {
            let record = try await classRecord(of: learner)
            let course = try course(at: record.coursePath)
            let sitting = try await store.startSitting(examID: exam.id, learnerID: learner.id, at: now)
            let handedOut = Self.paper(of: exam, for: learner.name, course: course)
            let gateSitting = ExamGate.Sitting(startedAt: sitting.startedAt, timeLimit: exam.timeLimit, paper: handedOut)
            _ = try await liveClass(record)
            live[record.id]?.add(sitting: gateSitting, exam: exam.examID, learner: learner.name, at: now)
            if live[record.id]?.hasHandedIn(exam: exam.examID, learner: learner.name) == true {
                throw ClassroomFailure.examOver("you have handed in this exam; your teacher has your answers")
            }
            var secondsLeft: Int?
            if let deadline = gateSitting.deadline {
                guard now < deadline else { throw ClassroomFailure.examOver("your time for this exam has run out; your teacher has what you handed in") }
                secondsLeft = Int(deadline - now)
            }
            var paper = handedOut
            paper.secondsLeft = secondsLeft
            paper.answered = live[record.id]?.examResult(exam, learner: learner.name)?.answered ?? []
            paper.earlierCommands = live[record.id]?.examCommands(exam, learner: learner.name) ?? [:]
            return paper
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// The learner's marks in the latest class exam they sat, by the server's fold.
    public func examResult(_ learner: LearnerRecord) async throws(ClassroomFailure) -> ExamResult {
        do {
            let record = try await classRecord(of: learner)
            let fold = try await liveClass(record)
            for exam in try await store.exams(classID: learner.classID).reversed() {
                guard let result = fold.examResult(exam, learner: learner.name) else { continue }
                // Marks during a sitting would tell the learner (and their neighbours) which answers and tasks are
                // right while they can still act on it.
                let over = fold.hasHandedIn(exam: exam.examID, learner: learner.name) || exam.closedAt != nil
                    || (fold.sitting(of: exam.examID, learner: learner.name)?.deadline.map { now > $0 } ?? false)
                guard over else { throw ClassroomFailure.badRequest("your marks come when you have handed the exam in") }
                return result
            }
            throw ClassroomFailure.notFound("exam you have sat in this class")
        } catch {
            throw ClassroomFailure.from(error)
        }
    }

    /// The paper of `exam` as handed to `learner`: the same every time it is made, on the learner's side of the
    /// wire and in the gate that reads their answers.
    static func paper(of exam: ExamRecord, for learner: String, course: Course) -> ExamPaper {
        ExamPaper(course: course, lessons: exam.lessons, learner: learner, seed: exam.seed, withTasks: exam.withTasks,
                  exam: exam.examID, timeLimit: exam.timeLimit)
    }

    /// Each learner's sittings of the class's exams, as the exam gate takes them.
    func sittingsByLearner(of record: ClassRecord) async throws -> [Int64: [String: ExamGate.Sitting]] {
        let course = try course(at: record.coursePath)
        let exams = Dictionary(uniqueKeysWithValues: try await store.exams(classID: record.id).map { ($0.id, $0) })
        let names = Dictionary(uniqueKeysWithValues: try await store.learners(classID: record.id).map { ($0.id, $0.name) })
        var result: [Int64: [String: ExamGate.Sitting]] = [:]
        for sitting in try await store.sittings(classID: record.id) {
            guard let exam = exams[sitting.examID], let name = names[sitting.learnerID] else { continue }
            result[sitting.learnerID, default: [:]][exam.examID] = ExamGate.Sitting(
                startedAt: sitting.startedAt, timeLimit: exam.timeLimit, closedAt: exam.closedAt, paper: Self.paper(of: exam, for: name, course: course))
        }
        knownClosings[record.id] = Dictionary(uniqueKeysWithValues: exams.values.map { ($0.id, $0.closedAt) })
        return result
    }

    /// Per class, when each exam was closed, as the live fold last read it.
    private var knownClosings: [Int64: [Int64: Int64?]] = [:]

    /// An exam closed from the command line (another process) ends its sittings here too: the live classes'
    /// sittings are read again when an exam's closing changed. Run every few seconds.
    public func refreshExams() async {
        for classID in live.keys {
            guard let record = classesByID[classID], let exams = try? await store.exams(classID: classID) else { continue }
            let closings = Dictionary(uniqueKeysWithValues: exams.map { ($0.id, $0.closedAt) })
            guard closings != knownClosings[classID] ?? [:], let sittings = try? await sittingsByLearner(of: record),
                  let learners = try? await store.learners(classID: classID) else { continue }
            for learner in learners {
                for (exam, sitting) in sittings[learner.id] ?? [:] { live[classID]?.add(sitting: sitting, exam: exam, learner: learner.name, at: now) }
            }
        }
    }

    /// Before folding records of a class exam this process did not hand out (another server process on the same
    /// PostgreSQL did), reads the learner's sittings from the store.
    func learnSittings(of learner: LearnerRecord, in record: ClassRecord, before records: [TranscriptRecord]) async throws {
        let unknown = records.contains { record in
            guard let exam = record.event.exam, exam.hasPrefix("class-exam-") else { return false }
            return !(live[learner.classID]?.knows(exam: exam, of: learner.name) ?? true)
        }
        guard unknown else { return }
        for (exam, sitting) in try await sittingsByLearner(of: record)[learner.id] ?? [:] {
            live[learner.classID]?.add(sitting: sitting, exam: exam, learner: learner.name, at: now)
        }
    }

    // MARK: Lesson locks

    /// Opens the course's lessons up to `lesson` (the ones after it are locked for the class's learners: their
    /// tutor will not go there); nil opens every lesson.
    /// The lesson is named by id or by number, as the tutor's `open` takes it; returns its place and id.
    @discardableResult
    public func setOpenThrough(_ lesson: String?, in record: ClassRecord) async throws(ClassroomFailure) -> (position: Int, id: String)? {
        let course = try course(at: record.coursePath)
        var opened: (position: Int, id: String)?
        if let lesson {
            guard let index = course.lessonIndex(named: lesson) else {
                throw .badRequest("no lesson '\(lesson)' in the class's course (its lessons: \(course.lessons.map(\.id).joined(separator: ", ")), or 1 to \(course.lessons.count))")
            }
            opened = (index + 1, course.lessons[index].id)
        }
        do { try await store.setOpenThrough(classID: record.id, lesson: opened?.id) } catch { throw ClassroomFailure.from(error) }
        return opened
    }

    /// What a learner's `rolecall` asks of its class every few seconds: the instructor's messages after `id`, and
    /// the last lesson open.
    public struct ClassNews: Codable, Sendable {
        public var broadcasts: [Broadcast]
        public var openThrough: String?
    }

    public func news(for learner: LearnerRecord, after id: Int64) async throws(ClassroomFailure) -> ClassNews {
        do {
            return ClassNews(broadcasts: try await store.broadcasts(classID: learner.classID, after: id),
                             openThrough: try await store.openThrough(classID: learner.classID))
        } catch {
            throw ClassroomFailure.from(error)
        }
    }
}
