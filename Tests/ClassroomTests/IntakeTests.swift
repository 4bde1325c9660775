import Foundation
import Testing
import Transcripts
@testable import Classroom

/// Accepting a learner's records exactly once, in the server's own chain.
@Suite struct IntakeTests {
    static let learnerSigner = TranscriptSigner(secret: nil)
    static let classSigner = TranscriptSigner(secret: "class-key")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A learner's transcript of `count` records, as the tutor writes it.
    static func transcript(_ count: Int, answer: String = "b") -> [TranscriptRecord] {
        var records: [TranscriptRecord] = []
        for index in 0..<count {
            let event = index == 0 ? LearningEvent.sessionStart(learner: "ana")
                : LearningEvent(.answer, lesson: "basics", step: "pick-one", item: "pick-one", input: "\(answer)\(index)")
            records.append(learnerSigner.record(event, time: "2026-11-30T10:00:0\(index % 10)Z", after: records.last))
        }
        return records
    }

    static func lines(_ records: some Collection<TranscriptRecord>) -> Data {
        Data(records.map { Intake.encode($0) + "\n" }.joined().utf8)
    }

    /// Holds what was accepted, as a store would.
    struct Held {
        var events: [StoredEvent] = []
        var tail: Intake.Tail? {
            guard let last = events.last else { return nil }
            let server = try! JSONDecoder().decode(TranscriptRecord.self, from: Data(last.line.utf8))
            return Intake.Tail(seq: last.seq, learnerHash: last.learnerHash, serverRecord: server)
        }
        mutating func send(_ data: Data) -> Result<Intake.Outcome, Intake.Refusal> {
            let held = events
            let result = Intake.judge(data, tail: tail, heldHash: { seq in held.first { $0.seq == seq }?.learnerHash },
                                      signer: IntakeTests.classSigner, now: IntakeTests.now)
            if case .success(let outcome) = result { events += outcome.accepted }
            return result
        }
    }

    @Test func aWholeTranscriptIsAcceptedAndTheServerCopyVerifiesWithTheClassKey() throws {
        var held = Held()
        let records = Self.transcript(5)
        let outcome = try held.send(Self.lines(records)).get()
        #expect(outcome.accepted.count == 5)
        #expect(outcome.nextSeq == 6)
        let copy = Data(held.events.map { $0.line + "\n" }.joined().utf8)
        let audit = TranscriptVerifier.verify(copy, signer: Self.classSigner)
        #expect(audit.problems.isEmpty)
        #expect(audit.records.map(\.event) == records.map(\.event))
        // The server's time, not the learner's.
        #expect(audit.records.allSatisfy { $0.time == "2027-01-15T08:00:00Z" })
        #expect(!TranscriptVerifier.verify(copy, signer: TranscriptSigner(secret: "another key")).problems.isEmpty)
    }

    @Test func recordsSentInPartsContinueTheChain() throws {
        var held = Held()
        let records = Self.transcript(7)
        _ = try held.send(Self.lines(records[0..<3])).get()
        let second = try held.send(Self.lines(records[3..<7])).get()
        #expect(second.accepted.map(\.seq) == [4, 5, 6, 7])
        #expect(TranscriptVerifier.verify(Data(held.events.map { $0.line + "\n" }.joined().utf8), signer: Self.classSigner).problems.isEmpty)
    }

    @Test func aResendAfterALostReplyIsRecognisedNotCountedTwice() throws {
        var held = Held()
        let records = Self.transcript(4)
        _ = try held.send(Self.lines(records[0..<3])).get()
        let again = try held.send(Self.lines(records)).get()
        #expect(again.duplicates == 3)
        #expect(again.accepted.map(\.seq) == [4])
        #expect(held.events.count == 4)
    }

    @Test func aHeldRecordCannotBeRewritten() throws {
        var held = Held()
        _ = try held.send(Self.lines(Self.transcript(3))).get()
        // The same numbers, other answers from record 2 on: a rewritten history, chained correctly from scratch.
        let forged = Self.transcript(3, answer: "c")
        #expect(held.send(Self.lines(forged)) == .failure(.rewritten(seq: 2)))
        #expect(held.events.count == 3)
    }

    @Test func aGapIsRefusedWithWhatTheServerExpects() throws {
        var held = Held()
        let records = Self.transcript(6)
        _ = try held.send(Self.lines(records[0..<2])).get()
        #expect(held.send(Self.lines(records[4..<6])) == .failure(.gap(expected: 3, received: 5)))
    }

    @Test func anEditedRecordIsRefused() throws {
        var held = Held()
        var records = Self.transcript(3)
        records[1].event.input = "a"
        guard case .failure(.broken(let seq, _)) = held.send(Self.lines(records)) else {
            Issue.record("an edited record was accepted")
            return
        }
        #expect(seq == 2)
        #expect(held.events.isEmpty)
    }

    @Test func aRecordThatDoesNotFollowTheHeldOneIsRefused() throws {
        var held = Held()
        _ = try held.send(Self.lines(Self.transcript(2))).get()
        // A chain of its own whose record 3 links to something else.
        let other = Self.transcript(3, answer: "z")
        guard case .failure(.broken(let seq, _)) = held.send(Self.lines(other[2...])) else {
            Issue.record("a record not following the held chain was accepted")
            return
        }
        #expect(seq == 3)
    }

    @Test func unreadableLinesAndHugeBatchesAreRefused() throws {
        var held = Held()
        #expect(held.send(Data("not json\n".utf8)) == .failure(.unreadable(line: 1)))
        let many = Data(String(repeating: "{}\n", count: Intake.batchLimit + 1).utf8)
        #expect(held.send(many) == .failure(.tooLarge(limit: Intake.batchLimit)))
        #expect(try held.send(Data()).get().accepted.isEmpty)
    }
}

@Suite struct CredentialsTests {
    @Test func joinCodesAreReadableAndTypedAnyWay() {
        var generator = SystemRandomNumberGenerator()
        let code = Credentials.newJoinCode(using: &generator)
        #expect(code.count == 9)
        #expect(!code.contains { "01OIL".contains($0) })
        #expect(Credentials.normalizedJoinCode(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
    }

    @Test func tokensAreStoredAsDigestsAndComparedWhole() {
        let token = Credentials.newToken(.learner)
        #expect(token.hasPrefix("rcl_"))
        #expect(token != Credentials.newToken(.learner))
        let digest = Credentials.digest(token)
        #expect(digest.count == 64 && !digest.contains(token))
        #expect(Credentials.matches(token, digest: digest))
        #expect(!Credentials.matches(token + "x", digest: digest))
        #expect(!Credentials.constantTimeEquals("abc", "abd"))
        #expect(!Credentials.constantTimeEquals("abc", "abcd"))
    }
}

@Suite struct RateLimiterTests {
    @Test func aBurstIsAllowedThenTheAverageRate() {
        var limiter = RateLimiter(perSecond: 2, burst: 3)
        var allowed = 0
        for _ in 0..<3 where limiter.allow("a", now: 0) { allowed += 1 }
        #expect(allowed == 3)
        let answer1 = limiter.allow("a", now: 0)
        #expect(!answer1)
        let answer2 = limiter.allow("b", now: 0)
        #expect(answer2, "each key has its own bucket")
        let answer3 = limiter.allow("a", now: 0.5)
        #expect(answer3)
        let answer4 = limiter.allow("a", now: 0.6)
        #expect(!answer4)
        allowed = 0
        for _ in 0..<3 where limiter.allow("a", now: 100) { allowed += 1 }
        #expect(allowed == 3, "a bucket refills up to its burst, no further")
        let answer5 = limiter.allow("a", now: 100)
        #expect(!answer5)
    }
}
