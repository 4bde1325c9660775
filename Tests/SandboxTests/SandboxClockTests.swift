import Foundation
import Testing
@testable import Sandbox

@Suite struct SandboxClockTests {
    @Test(arguments: [0, 951_782_400, 1_709_164_800, SandboxClock.start, 4_102_444_799, 1_234_567_890, -86_401])
    func formatsLikeFoundation(epoch: Int) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
        #expect(SandboxClock.iso8601Zulu(epoch) == expected)
        #expect(SandboxClock.iso8601(epoch) == expected.dropLast() + "+00:00")
    }

    @Test func parsesDurationsAsLearnersWriteThem() {
        #expect(SandboxClock.parseDuration("90s") == 90)
        #expect(SandboxClock.parseDuration("20m") == 1200)
        #expect(SandboxClock.parseDuration("1h30m") == 5400)
        #expect(SandboxClock.parseDuration("2h") == 7200)
        #expect(SandboxClock.parseDuration("3600") == 3600)
        #expect(SandboxClock.parseDuration("soon") == nil)
        #expect(SandboxClock.parseDuration("-5") == nil)
    }
}
