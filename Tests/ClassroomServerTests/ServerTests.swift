import ClassLink
import ClassroomTesting
import Classroom
import ClassroomServer
import ClassroomStore
import Foundation
import Testing
import Transcripts

/// The class server over real HTTP on loopback, with a real SQLite file.
@Suite(.serialized) struct ServerTests {
    @Test(arguments: Backend.available) func aLearnerJoinsSendsTheirRecordsAndAppearsOnTheRoster(_ backend: Backend) async throws {
        let server = try await TestServer(database: try await TestServer.newDatabase(backend))
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode.lowercased(), as: "ana")
        #expect(token.hasPrefix("rcl_"))

        let records = LearnerTranscript.records(LearnerTranscript.basics)
        let sent = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records))
        #expect(sent.status == 200)
        #expect(server.json(sent)["accepted"] as? Int == 4)
        #expect(server.json(sent)["nextSeq"] as? Int == 5)
        // The same again: recognised, not counted twice.
        let again = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records))
        #expect(server.json(again)["duplicates"] as? Int == 4)
        #expect(server.json(await server.request("GET", "/api/me", token: token))["nextSeq"] as? Int == 5)

        let snapshot = await server.request("GET", "/classes/Tuesday/snapshot", token: made.instructorToken)
        #expect(snapshot.status == 200)
        let learners = server.json(snapshot)["learners"] as? [[String: Any]] ?? []
        #expect(learners.first?["learner"] as? String == "ana")
        #expect(learners.first?["lesson"] as? String == "basics")
        #expect(learners.first?["events"] as? Int == 4)
        let answers = server.json(snapshot)["answers"] as? [[String: Any]] ?? []
        #expect((answers.first?["counts"] as? [[String: Any]])?.count == 2)
    }

    @Test func tokensGuardTheDashboardAndEachLearnersData() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let learner = try await server.join(made.record.joinCode, as: "ana")

        #expect(await server.request("GET", "/classes/Tuesday").status == 401)
        #expect(await server.request("GET", "/classes/Tuesday", token: learner).status == 401)
        #expect(await server.request("GET", "/classes/Tuesday/snapshot", token: "rci_wrong").status == 401)
        #expect(await server.request("GET", "/classes/Nope", token: made.instructorToken).status == 404)
        // An address the server does not serve is a JSON error like the others (it had an empty body).
        let nowhere = await server.request("GET", "/api/nowhere")
        #expect(nowhere.status == 404)
        #expect(server.json(nowhere)["error"] as? String == "no such address: GET /api/nowhere")
        // A name with a space is found from its percent-encoded path.
        let spaced = try await server.makeClass("Lab one")
        #expect(await server.request("GET", "/classes/Lab%20one/snapshot", token: spaced.instructorToken).status == 200)
        #expect(await server.request("GET", "/api/me", token: made.instructorToken).status == 401)
        #expect(await server.request("GET", "/api/me").status == 401)

        // The instructor's link: the token becomes an HTTP-only cookie and leaves the address bar.
        let link = await server.request("GET", "/classes/Tuesday?token=\(made.instructorToken)")
        #expect(link.status == 303)
        let page = await server.request("GET", "/classes/Tuesday", headers: ["Cookie: rolecall_instructor=\(made.instructorToken)"])
        #expect(page.status == 200)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<th scope=\"row\"><a href=\"/classes/Tuesday/learners/ana\">ana</a></th>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the page fetches nothing from elsewhere")

        // A name already in the class, an unknown code, an expired code.
        #expect(await server.request("POST", "/api/join", body: Data(#"{"code":"\#(made.record.joinCode)","learner":"ana"}"#.utf8)).status == 409)
        #expect(await server.request("POST", "/api/join", body: Data(#"{"code":"ZZZZ-ZZZZ","learner":"bo"}"#.utf8)).status == 404)
        #expect(await server.request("POST", "/api/join", body: Data("not json".utf8)).status == 400)
        let expired = try await server.makeClass("Old", joinValidFor: -1)
        let late = await server.request("POST", "/api/join", body: Data(#"{"code":"\#(expired.record.joinCode)","learner":"bo"}"#.utf8))
        #expect(late.status == 410)
        #expect(server.json(late)["error"] as? String == "this join code has expired; ask the instructor for a new one")
    }

    @Test func aForgedOrRewrittenRecordIsRefusedAndNothingHeldChanges() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode, as: "ana")
        let records = LearnerTranscript.records(LearnerTranscript.basics)
        _ = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records))

        var rewritten = LearnerTranscript.basics
        rewritten[2].input = "b"
        let refused = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(LearnerTranscript.records(rewritten)))
        #expect(refused.status == 409)
        #expect(server.json(refused)["nextSeq"] as? Int == 5)

        var edited = LearnerTranscript.records(LearnerTranscript.basics + [LearningEvent(.hint, lesson: "basics", item: "pick-one")])
        edited[4].event.kind = .skip
        let forged = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(edited[4...]))
        #expect(forged.status == 409)
        #expect((server.json(forged)["error"] as? String)?.contains("does not match its hash") == true)

        // A runaway client is slowed down, not served without end.
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<400 { group.addTask { await server.request("GET", "/api/me", token: token).status } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 429 }.count > 0)
        #expect(statuses.filter { $0 == 200 }.count >= 100, "a burst of 100 is served")
        try await Task.sleep(nanoseconds: 2_000_000_000)

        let big = Data(repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024)
        #expect(await server.request("POST", "/api/me/events", token: token, body: big).status == 400)
        #expect(server.json(await server.request("GET", "/api/me", token: token))["nextSeq"] as? Int == 5)
    }

    @Test func theDashboardExplainsDenialsFromTheServersOwnReplay() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let token = try await server.join(made.record.joinCode, as: "ana")
        let commands = ["aws iam create-role --role-name Worker --assume-role-policy-document file://trust-ec2.json",
                        "aws sts assume-role --role-arn arn:aws:iam::123456789012:role/Worker --role-session-name s1"]
        let events = [LearningEvent.sessionStart(learner: "ana"), LearningEvent(.lessonEntered, lesson: "basics")]
            + commands.map { LearningEvent(.command, lesson: "basics", item: "make-role", input: $0, exitCode: 0) }
        _ = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(LearnerTranscript.records(events)))
        let snapshot = server.json(await server.request("GET", "/classes/Tuesday/snapshot", token: made.instructorToken))
        let denials = snapshot["denials"] as? [[String: Any]] ?? []
        #expect(denials.first?["action"] as? String == "sts:AssumeRole")
        #expect(denials.first?["learners"] as? [String] == ["ana"])
        let page = await server.request("GET", "/classes/Tuesday", token: made.instructorToken)
        #expect(String(decoding: page.body, as: UTF8.self).contains("No policy allows sts:AssumeRole"))
        // The session recorded the assume-role as a success (exit 0): the server's replay, denied, parted from it.
        let row = (snapshot["learners"] as? [[String: Any]])?.first
        #expect(row?["replayDisagreementCount"] as? Int == 1 && row?["sessionClaimCount"] as? Int == 0)
        #expect(row?["replayNote"] as? String == "replay differs: 1 command")
        #expect(String(decoding: page.body, as: UTF8.self).contains("<small class=\"replay\">replay differs: 1 command</small>"))

        // The learner's own page: their sandbox as the server replayed it.
        let about = await server.request("GET", "/classes/Tuesday/learners/ana", token: made.instructorToken)
        let text = String(decoding: about.body, as: UTF8.self)
        #expect(about.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("href=\"/classes/Tuesday/learners/ana\""))
        #expect(text.contains("$ aws sts assume-role"))
        #expect(text.contains("AccessDenied"))
        #expect(text.contains("arn:aws:iam::123456789012:role/Worker"), "the roles in the replayed sandbox")
        #expect(text.contains("arn:aws:iam::123456789012:user/learner"), "who the learner is in it")
        #expect(text.contains("<h2 id=\"replay-heading\">Where the replay differs from the session</h2>"))
        #expect(text.contains("ended with exit code 0 in the session and 254 when replayed"))
        let detail = server.json(await server.request("GET", "/classes/Tuesday/learners/ana", token: made.instructorToken,
                                                      headers: ["Accept: application/json"]))
        #expect((detail["recent"] as? [[String: Any]])?.first?["exitCode"] as? Int == 254)
        #expect(await server.request("GET", "/classes/Tuesday/learners/nobody", token: made.instructorToken).status == 404)
    }

    @Test func theLiveFeedShowsALearnerMoveWithoutReloadAndBeats() async throws {
        let server = try await TestServer(heartbeat: 1)
        defer { Task { await server.stop() } }
        let made = try await server.makeClass()
        let feed = try EventStreamReader(port: server.port, path: "/classes/Tuesday/live", token: made.instructorToken)
        #expect(feed.read(until: { $0.contains("event: snapshot") }) != nil)

        let token = try await server.join(made.record.joinCode, as: "bo")
        let records = LearnerTranscript.records(LearnerTranscript.basics)
        _ = await server.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records))
        let seen = feed.read(until: { $0.contains("event: learner") && $0.contains("\"lesson\":\"basics\"") && $0.contains("event: answers") })
        #expect(seen != nil, "the dashboard's feed did not carry the learner's move")
        #expect(feed.read(until: { $0.contains(": heartbeat") }, seconds: 5) != nil)

        let message = await server.request("POST", "/classes/Tuesday/broadcasts", token: made.instructorToken,
                                           headers: ["Content-Type: application/json"], body: Data(#"{"text":"Break until 11"}"#.utf8))
        #expect(message.status == 201)
        #expect(feed.read(until: { $0.contains("event: broadcast") && $0.contains("Break until 11") }) != nil)
        let inbox = await server.request("GET", "/api/me/broadcasts?after=0", token: token)
        #expect(String(decoding: inbox.body, as: UTF8.self).contains("Break until 11"))
    }

    @Test(arguments: Backend.available) func aRestartedServerShowsWhatItHeldAndTakesTheNextRecords(_ backend: Backend) async throws {
        let first = try await TestServer(database: try await TestServer.newDatabase(backend))
        let made = try await first.makeClass()
        let token = try await first.join(made.record.joinCode, as: "ana")
        let records = LearnerTranscript.records(LearnerTranscript.basics + [LearningEvent(.stepEntered, lesson: "basics", step: "is-true")])
        _ = await first.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records[0..<3]))
        await first.stop()

        let second = try await TestServer(database: first.databasePath)
        defer { Task { await second.stop() } }
        let next = await second.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(records))
        #expect(server(second, next)["duplicates"] as? Int == 3)
        #expect(server(second, next)["accepted"] as? Int == 2)
        let learners = second.json(await second.request("GET", "/classes/Tuesday/snapshot", token: made.instructorToken))["learners"] as? [[String: Any]]
        #expect(learners?.first?["events"] as? Int == 5)
        #expect(learners?.first?["step"] as? String == "is-true")
    }

    @Test(.enabled(if: PostgresTest.available, Comment(rawValue: PostgresTest.skipReason)))
    func twoServerProcessesOnOnePostgresShowEveryLearner() async throws {
        let database = try await PostgresTest.freshDatabase()
        let first = try await TestServer(database: database)
        let second = try await TestServer(database: database)
        defer { Task { await first.stop(); await second.stop() } }
        let made = try await first.makeClass()
        // The dashboard is on the second process; the learner reaches the first.
        let feed = try EventStreamReader(port: second.port, path: "/classes/Tuesday/live", token: made.instructorToken)
        #expect(feed.read(until: { $0.contains("event: snapshot") }) != nil)
        let token = try await first.join(made.record.joinCode, as: "ana")
        _ = await first.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(LearnerTranscript.records(LearnerTranscript.basics)))
        #expect(feed.read(until: { $0.contains("event: learner") && $0.contains("\"events\":4") }) != nil,
                "the second process's dashboard did not hear of the first's learner")
        // The learner's next records may reach either process: the chain continues across them.
        let more = LearnerTranscript.records(LearnerTranscript.basics + [LearningEvent(.stepEntered, lesson: "basics", step: "is-true")])
        let next = await second.request("POST", "/api/me/events", token: token, body: LearnerTranscript.lines(more[4...]))
        #expect(second.json(next)["nextSeq"] as? Int == 6)
        // A message sent from the first process's dashboard shows on the second's.
        _ = await first.request("POST", "/classes/Tuesday/broadcasts", token: made.instructorToken,
                                headers: ["Content-Type: application/json"], body: Data(#"{"text":"Across processes"}"#.utf8))
        #expect(feed.read(until: { $0.contains("event: broadcast") && $0.contains("Across processes") }) != nil)
    }

    private func server(_ server: TestServer, _ reply: HTTPReply) -> [String: Any] { server.json(reply) }
}

/// The hub's own rules, without HTTP.
@Suite struct ClassHubTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: Double = 1_800_000_000
        var now: Date { lock.withLock { Date(timeIntervalSince1970: seconds) } }
        func advance(_ by: Double) { lock.withLock { seconds += by } }
    }

    /// A roster of emails alone once erased every learner's SIS id and section, which an LMS matches grades on.
    @Test func aRosterSetsOnlyTheColumnsItHas() async throws {
        let store = try SQLiteClassroomStore(path: TestServer.newDatabase())
        let hub = ClassHub(store: store)
        let made = try await hub.createClass(name: "Tuesday", coursePath: TestServer.course, joinValidFor: 3600)
        _ = try await hub.join(code: made.record.joinCode, learner: "ana")
        _ = try await hub.setIdentities(try RosterFile.parse("learner,email,sis_id,section\nana,ana@x.edu,S1,A\n", classID: made.record.id), in: made.record)
        let unknown = try await hub.setIdentities(try RosterFile.parse("learner,email\nana,ana@y.edu\nzed,z@y.edu\n", classID: made.record.id), in: made.record)
        #expect(unknown == ["zed"])
        let ana = try #require(try await store.learners(classID: made.record.id).first { $0.name == "ana" })
        #expect(ana.email == "ana@y.edu")
        #expect(ana.sisID == "S1" && ana.section == "A", "kept: the file had no such columns")
        _ = try await hub.setIdentities(try RosterFile.parse("learner,email,section\nana,,\n", classID: made.record.id), in: made.record)
        let cleared = try #require(try await store.learners(classID: made.record.id).first { $0.name == "ana" })
        #expect(cleared.email == nil && cleared.section == nil && cleared.sisID == "S1", "an empty cell of a column it has clears it")
    }

    /// A name with a NUL showed as `a` in the export (and took `a` from the real ana); U+202E turned the dashboard's
    /// text around. Names with control or formatting characters are refused; any other script is welcome.
    @Test func aLearnerNameHasNoControlCharacters() async throws {
        let hub = ClassHub(store: try SQLiteClassroomStore(path: TestServer.newDatabase()))
        let made = try await hub.createClass(name: "Tuesday", coursePath: TestServer.course, joinValidFor: 3600)
        for name in ["a\u{0}b", "x\u{202E}y", "tab\there", "zero\u{200B}width"] {
            do {
                _ = try await hub.join(code: made.record.joinCode, learner: name)
                Issue.record("\(name.debugDescription) was let in")
            } catch {
                #expect("\(error)".contains("without '/' or control characters"), "\(error)")
            }
        }
        for name in ["Zoë", "李雷", "Jean Dupont", "حسین\u{200C}زاده", "👩\u{200D}💻 Ada"] { _ = try await hub.join(code: made.record.joinCode, learner: name) }
    }

    @Test func aLearnerWhoStopsSendingIsFlaggedStuckAsTimePasses() async throws {
        let clock = Clock()
        let hub = ClassHub(store: try SQLiteClassroomStore(path: TestServer.newDatabase()),
                           thresholds: StuckThresholds(failuresInARow: 3, secondsOnStep: 600), clock: { clock.now })
        let made = try await hub.createClass(name: "Tuesday", coursePath: TestServer.course, joinValidFor: 3600)
        let joined = try await hub.join(code: made.record.joinCode, learner: "ana")
        let learner = try await hub.learner(token: joined.token)
        _ = try await hub.ingest(LearnerTranscript.lines(LearnerTranscript.records(Array(LearnerTranscript.basics.prefix(2)))), from: learner)
        let updates = await hub.updates(of: made.record)
        var iterator = updates.makeAsyncIterator()
        await hub.refreshStuckFlags()
        guard case .learner(let fresh) = await iterator.next() else { Issue.record("no row"); return }
        #expect(!fresh.stuck)
        clock.advance(601)
        await hub.refreshStuckFlags()
        guard case .learner(let later) = await iterator.next() else { Issue.record("no row"); return }
        #expect(later.stuck)
        #expect(later.stuckReason == "10 min on this step")
    }
}
