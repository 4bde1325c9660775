import AWSModel
import Testing
@testable import Sandbox

/// CloudWatch Logs' searches: FilterLogEvents across a group's streams, and GetLogEvents' time range and ends.
struct LogSearchTests {
    /// A group `/app` with streams a and b, events one second apart, interleaved across the two.
    static func world() -> (TestWorld, Int) {
        var world = TestWorld()
        world.ok("logs", "CreateLogGroup", ["logGroupName": "/app"])
        world.ok("logs", "CreateLogStream", ["logGroupName": "/app", "logStreamName": "a"])
        world.ok("logs", "CreateLogStream", ["logGroupName": "/app", "logStreamName": "b"])
        let now = world.sandbox.state.clock.now * 1000
        func put(_ stream: String, _ events: [(Int, String)]) {
            let list = AWSValue.list(events.map { .object([.init("timestamp", .integer(now + $0.0)), .init("message", .string($0.1))]) })
            world.ok("logs", "PutLogEvents", ["logGroupName": "/app", "logStreamName": .string(stream), "logEvents": list])
        }
        put("a", [(0, "START job"), (2000, "ERROR disk full"), (4000, "END job")])
        put("b", [(1000, "WARN slow"), (3000, "ERROR: timeout")])
        return (world, now)
    }

    static func messages(_ world: inout TestWorld, _ parameters: KeyValuePairs<String, AWSValue?>) -> [String] {
        var all: [AWSValue.Member] = [.init("logGroupName", "/app")]
        for (key, value) in parameters { if let value { all.append(.init(key, value)) } }
        guard case .success(let answer) = world.sandbox.send(ServiceRequest(service: "logs", operation: "FilterLogEvents", parameters: .object(all), credentials: world.credentials)) else {
            Issue.record("FilterLogEvents failed")
            return []
        }
        return answer["events"]?.listValue?.compactMap { $0["message"]?.stringValue } ?? []
    }

    @Test func filterPatternsMatchAsTheUserGuideSays() {
        var (world, _) = Self.world()
        #expect(Self.messages(&world, [:]) == ["START job", "WARN slow", "ERROR disk full", "ERROR: timeout", "END job"], "interleaved by time")
        #expect(Self.messages(&world, ["filterPattern": "ERROR"]) == ["ERROR disk full", "ERROR: timeout"])
        #expect(Self.messages(&world, ["filterPattern": "ERROR full"]) == ["ERROR disk full"], "every term must occur")
        #expect(Self.messages(&world, ["filterPattern": "ERROR -timeout"]) == ["ERROR disk full"])
        #expect(Self.messages(&world, ["filterPattern": "-ERROR"]) == ["START job", "WARN slow", "END job"])
        #expect(Self.messages(&world, ["filterPattern": "?WARN ?END"]) == ["WARN slow", "END job"])
        #expect(Self.messages(&world, ["filterPattern": "\"ERROR: time\""]) == ["ERROR: timeout"], "a quoted phrase may hold any character")
        #expect(Self.messages(&world, ["filterPattern": "error"]) == [], "terms are case sensitive")
        #expect(Self.messages(&world, ["filterPattern": "  "]).count == 5, "a blank pattern matches everything")
    }

    @Test func streamsAndTimesNarrowTheSearch() {
        var (world, now) = Self.world()
        #expect(Self.messages(&world, ["logStreamNames": ["b"]]) == ["WARN slow", "ERROR: timeout"])
        #expect(Self.messages(&world, ["logStreamNamePrefix": "a"]) == ["START job", "ERROR disk full", "END job"])
        // Both ends are inclusive (API Reference, FilterLogEvents).
        #expect(Self.messages(&world, ["startTime": .integer(now + 1000), "endTime": .integer(now + 3000)]) == ["WARN slow", "ERROR disk full", "ERROR: timeout"])
    }

    @Test func pagesCarryATokenAndEventsAStableID() throws {
        var (world, _) = Self.world()
        let first = world.ok("logs", "FilterLogEvents", ["logGroupName": "/app", "limit": 2])
        #expect(first["events"]?.listValue?.count == 2)
        #expect(first["searchedLogStreams"] == .list([]))
        let token = try #require(first["nextToken"])
        let second = world.ok("logs", "FilterLogEvents", ["logGroupName": "/app", "limit": 2, "nextToken": token])
        #expect(second["events"]?.listValue?.compactMap { $0["message"]?.stringValue } == ["ERROR disk full", "ERROR: timeout"])
        let secondToken = try #require(second["nextToken"])
        let last = world.ok("logs", "FilterLogEvents", ["logGroupName": "/app", "limit": 2, "nextToken": secondToken])
        #expect(last["events"]?.listValue?.count == 1 && last["nextToken"] == nil)
        let ids = world.ok("logs", "FilterLogEvents", ["logGroupName": "/app"])["events"]?.listValue?.compactMap { $0["eventId"]?.stringValue } ?? []
        #expect(ids.count == 5 && Set(ids).count == 5 && ids.allSatisfy { $0.count == 56 && $0.allSatisfy(\.isNumber) })
        #expect(world.ok("logs", "FilterLogEvents", ["logGroupName": "/app"])["events"]?.listValue?.compactMap { $0["eventId"]?.stringValue } == ids)
    }

    @Test func wrongSearchesFailInCloudWatchLogsWords() {
        var (world, _) = Self.world()
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "filterPattern": "?Status: timeout"])
                == ServiceError(code: "InvalidParameterException", message: "Invalid character(s) in term ':'"))
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "filterPattern": "request-id"])?.message == "Invalid character(s) in term '-'")
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "filterPattern": "{ $.level = \"ERROR\" }"])?.code == "InvalidAction")
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "filterPattern": "%ERR.R%"])?.code == "InvalidAction")
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/nope"]) == ServiceError(code: "ResourceNotFoundException", message: "The specified log group does not exist."))
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "logStreamNames": ["c"]])?.code == "ResourceNotFoundException")
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "logStreamNames": ["a"], "logStreamNamePrefix": "a"])?.code == "InvalidParameterException")
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app", "filterPattern": "ERROR ?WARN"])?.code == "InvalidAction",
                "AWS's sources disagree on what ? beside other terms means, so the sandbox does not guess")
        #expect(world.ok("logs", "FilterLogEvents", ["logGroupIdentifier": "arn:aws:logs:us-east-1:123456789012:log-group:/app"])["events"]?.listValue?.count == 5)
        #expect(world.error("logs", "FilterLogEvents", ["logGroupIdentifier": "arn:aws:logs:us-east-1:210987654321:log-group:/app"])?.code
                == "ResourceNotFoundException", "another account's group is not reachable without cross-account observability")
    }

    @Test func searchingNeedsFilterLogEventsOnTheGroup() throws {
        var (world, _) = Self.world()
        world.ok("iam", "CreateRole", ["RoleName": "Reader", "AssumeRolePolicyDocument": .string(TestWorld.accountTrust)])
        let assumed = world.assume("Reader")
        let reader = try #require(assumed)
        #expect(world.error("logs", "FilterLogEvents", ["logGroupName": "/app"], as: reader)?.message
                == "User: arn:aws:sts::123456789012:assumed-role/Reader/s1 is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/app:log-stream: because no identity-based policy allows the logs:FilterLogEvents action")
        world.ok("iam", "AttachRolePolicy", ["RoleName": "Reader", "PolicyArn": "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"])
        #expect(world.ok("logs", "FilterLogEvents", ["logGroupName": "/app"], as: reader)["events"]?.listValue?.count == 5)
    }

    /// Without startFromHead the page is the latest events; startTime is inclusive, endTime exclusive here.
    @Test func getLogEventsReadsFromTheEndUnlessToldOtherwise() {
        var (world, now) = Self.world()
        func messages(_ extra: KeyValuePairs<String, AWSValue?>) -> [String] {
            var all: [AWSValue.Member] = [.init("logGroupName", "/app"), .init("logStreamName", "a")]
            for (key, value) in extra { if let value { all.append(.init(key, value)) } }
            guard case .success(let answer) = world.sandbox.send(ServiceRequest(service: "logs", operation: "GetLogEvents", parameters: .object(all), credentials: world.credentials)) else { return [] }
            return answer["events"]?.listValue?.compactMap { $0["message"]?.stringValue } ?? []
        }
        #expect(messages(["limit": 2]) == ["ERROR disk full", "END job"])
        #expect(messages(["limit": 2, "startFromHead": true]) == ["START job", "ERROR disk full"])
        #expect(messages(["startTime": .integer(now + 2000), "endTime": .integer(now + 4000)]) == ["ERROR disk full"])
    }
}
