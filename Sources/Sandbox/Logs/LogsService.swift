import AWSModel

/// CloudWatch Logs: where Lambda functions write, when their execution role allows it.
extension Sandbox {
    /// CloudWatch Logs's operations, dispatched by `Sandbox.dispatch`.
    static let logsService = SimulatedService(name: "logs", operations: [
        "CreateLogGroup": { sandbox, call throws(ServiceError) in try sandbox.createLogGroup(call) },
        "CreateLogStream": { sandbox, call throws(ServiceError) in try sandbox.createLogStream(call) },
        "PutLogEvents": { sandbox, call throws(ServiceError) in try sandbox.putLogEvents(call) },
        "DescribeLogGroups": { sandbox, call throws(ServiceError) in try sandbox.describeLogGroups(call) },
        "DescribeLogStreams": { sandbox, call throws(ServiceError) in try sandbox.describeLogStreams(call) },
        "GetLogEvents": { sandbox, call throws(ServiceError) in try sandbox.getLogEvents(call) },
        "FilterLogEvents": { sandbox, call throws(ServiceError) in try sandbox.filterLogEvents(call) },
        "DeleteLogGroup": { sandbox, call throws(ServiceError) in try sandbox.deleteLogGroup(call) },
    ])

    static func logGroupARN(account: String, group: String, stream: String? = nil) -> String {
        ResourceARN.logGroup(account: account, group: group, stream: stream)
    }

    private func existingLogGroup(_ call: Call, _ name: String) throws(ServiceError) -> LogGroup {
        guard let group = state[account: call.caller.account].logGroups[name] else {
            throw ServiceError(code: "ResourceNotFoundException", message: "The specified log group does not exist.")
        }
        return group
    }

    mutating func createLogGroup(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("logGroupName")
        try authorize(call, action: "logs:CreateLogGroup", resource: Self.logGroupARN(account: call.caller.account, group: name))
        if state[account: call.caller.account].logGroups[name] != nil {
            throw ServiceError(code: "ResourceAlreadyExistsException", message: "The specified log group already exists")
        }
        state.accounts[call.caller.account, default: AccountResources()].logGroups[name] = LogGroup(name: name, account: call.caller.account, created: state.clock.now)
        return .object([])
    }

    mutating func deleteLogGroup(_ call: Call) throws(ServiceError) -> AWSValue {
        let name = try call.required("logGroupName")
        try authorize(call, action: "logs:DeleteLogGroup", resource: Self.logGroupARN(account: call.caller.account, group: name))
        _ = try existingLogGroup(call, name)
        state.accounts[call.caller.account]?.logGroups[name] = nil
        return .object([])
    }

    mutating func createLogStream(_ call: Call) throws(ServiceError) -> AWSValue {
        let groupName = try call.required("logGroupName")
        let streamName = try call.required("logStreamName")
        try authorize(call, action: "logs:CreateLogStream", resource: Self.logGroupARN(account: call.caller.account, group: groupName, stream: streamName))
        let group = try existingLogGroup(call, groupName)
        if group.streams.contains(where: { $0.name == streamName }) {
            throw ServiceError(code: "ResourceAlreadyExistsException", message: "The specified log stream already exists")
        }
        state.accounts[call.caller.account]?.logGroups[groupName]?.streams.append(LogStream(name: streamName, created: state.clock.now))
        return .object([])
    }

    mutating func putLogEvents(_ call: Call) throws(ServiceError) -> AWSValue {
        let groupName = try call.required("logGroupName")
        let streamName = try call.required("logStreamName")
        try authorize(call, action: "logs:PutLogEvents", resource: Self.logGroupARN(account: call.caller.account, group: groupName, stream: streamName))
        let group = try existingLogGroup(call, groupName)
        guard let index = group.streams.firstIndex(where: { $0.name == streamName }) else {
            throw ServiceError(code: "ResourceNotFoundException", message: "The specified log stream does not exist.")
        }
        let now = state.clock.now * 1000
        let events = call.list("logEvents").map { event in
            LogEvent(timestamp: event["timestamp"]?.intValue ?? now, message: event["message"]?.stringValue ?? "", ingested: now)
        }
        if zip(events, events.dropFirst()).contains(where: { $0.timestamp > $1.timestamp }) {
            throw ServiceError(code: "InvalidParameterException", message: "Log events in a single PutLogEvents request must be in chronological order.")
        }
        // CloudWatch Logs takes events from the last 14 days up to 2 hours ahead; the rest are answered as rejected
        // and not stored.
        let tooOld = events.lastIndex { $0.timestamp < now - 14 * 86_400_000 }
        let tooNew = events.firstIndex { $0.timestamp > now + 2 * 3_600_000 }
        let kept = events.indices.filter { index in index > (tooOld ?? -1) && index < (tooNew ?? events.count) }.map { events[$0] }
        state.accounts[call.caller.account]?.logGroups[groupName]?.streams[index].events += kept
        var members: [AWSValue.Member] = [.init("nextSequenceToken", .string(state.ids.hex(56)))]
        if tooOld != nil || tooNew != nil {
            var rejected: [AWSValue.Member] = []
            if let tooNew { rejected.append(.init("tooNewLogEventStartIndex", .integer(tooNew))) }
            // "This field is exclusive" (API Reference, RejectedLogEventsInfo): one past the last event too old.
            if let tooOld { rejected.append(.init("tooOldLogEventEndIndex", .integer(tooOld + 1))) }
            members.append(.init("rejectedLogEventsInfo", .object(rejected)))
        }
        return .object(members)
    }

    mutating func describeLogGroups(_ call: Call) throws(ServiceError) -> AWSValue {
        // CloudWatch Logs authorizes a listing of groups on `log-group::log-stream:`, as its AccessDenied shows.
        try authorize(call, action: "logs:DescribeLogGroups", resource: Self.logGroupARN(account: call.caller.account, group: "", stream: ""))
        let prefix = call.optional("logGroupNamePrefix") ?? ""
        let groups = state[account: call.caller.account].logGroups.values.filter { $0.name.hasPrefix(prefix) }.sorted { $0.name < $1.name }
        return .object([.init("logGroups", .list(groups.map { group in
            .object([
                .init("logGroupName", .string(group.name)), .init("creationTime", .integer(group.created * 1000)),
                .init("metricFilterCount", 0), .init("arn", .string(group.arn)),
                .init("storedBytes", .integer(group.streams.reduce(0) { $0 + $1.events.reduce(0) { $0 + $1.message.utf8.count } })),
                .init("logGroupClass", "STANDARD"), .init("logGroupArn", .string(String(group.arn.dropLast(2)))),
            ])
        }))])
    }

    mutating func describeLogStreams(_ call: Call) throws(ServiceError) -> AWSValue {
        let groupName = try call.required("logGroupName")
        try authorize(call, action: "logs:DescribeLogStreams", resource: Self.logGroupARN(account: call.caller.account, group: groupName, stream: "*"))
        let group = try existingLogGroup(call, groupName)
        var streams = group.streams
        if call.optional("orderBy") == "LastEventTime" { streams.sort { ($0.events.last?.timestamp ?? 0) < ($1.events.last?.timestamp ?? 0) } }
        if call.bool("descending") == true { streams.reverse() }
        return .object([.init("logStreams", .list(streams.map { stream in
            var members: [AWSValue.Member] = [.init("logStreamName", .string(stream.name)), .init("creationTime", .integer(stream.created * 1000))]
            if let first = stream.events.first, let last = stream.events.last {
                members += [.init("firstEventTimestamp", .integer(first.timestamp)), .init("lastEventTimestamp", .integer(last.timestamp)),
                            .init("lastIngestionTime", .integer(last.ingested))]
            }
            members += [.init("uploadSequenceToken", "49039859612345678901234567890123456789012345678901234"),
                        .init("arn", .string(Self.logGroupARN(account: group.account, group: group.name, stream: stream.name))), .init("storedBytes", 0)]
            return .object(members)
        }))])
    }

    mutating func getLogEvents(_ call: Call) throws(ServiceError) -> AWSValue {
        let groupName = try call.required("logGroupName")
        let streamName = try call.required("logStreamName")
        try authorize(call, action: "logs:GetLogEvents", resource: Self.logGroupARN(account: call.caller.account, group: groupName, stream: streamName))
        let group = try existingLogGroup(call, groupName)
        guard let stream = group.streams.first(where: { $0.name == streamName }) else {
            throw ServiceError(code: "ResourceNotFoundException", message: "The specified log stream does not exist.")
        }
        // startTime is inclusive, endTime exclusive; without startFromHead the page is the latest events, still
        // oldest first within it (API Reference, GetLogEvents).
        let start = try call.integer("startTime"), end = try call.integer("endTime")
        var events = stream.events.filter { event in
            event.timestamp >= (start ?? Int.min) && event.timestamp < (end ?? Int.max)
        }
        if let limit = try call.integer("limit") {
            let count = max(0, limit)
            events = call.bool("startFromHead") == true ? Array(events.prefix(count)) : Array(events.suffix(count))
        }
        return .object([
            .init("events", .list(events.map { .object([.init("timestamp", .integer($0.timestamp)), .init("message", .string($0.message)), .init("ingestionTime", .integer($0.ingested))]) })),
            .init("nextForwardToken", .string("f/3" + String(repeating: "0", count: 53))),
            .init("nextBackwardToken", .string("b/3" + String(repeating: "0", count: 53))),
        ])
    }

    /// Searches a group's events across its streams, oldest first, by time range, stream and filter pattern.
    mutating func filterLogEvents(_ call: Call) throws(ServiceError) -> AWSValue {
        let groupName = try Self.logGroupName(call)
        if let account = Self.logGroupAccount(call), account != call.caller.account {
            // Another account's group is reached only through CloudWatch's cross-account observability, which the
            // sandbox does not have.
            throw ServiceError(code: "ResourceNotFoundException", message: "The specified log group does not exist.")
        }
        // Checked on the group, as `log-group:NAME:log-stream:` (the resource AWS's AccessDenied names).
        try authorize(call, action: "logs:FilterLogEvents", resource: Self.logGroupARN(account: call.caller.account, group: groupName, stream: ""))
        let group = try existingLogGroup(call, groupName)
        let names = call.strings("logStreamNames"), prefix = call.optional("logStreamNamePrefix")
        if !names.isEmpty, prefix != nil {
            throw ServiceError(code: "InvalidParameterException", message: "logStreamNames and logStreamNamePrefix cannot both be specified.")
        }
        for name in names where !group.streams.contains(where: { $0.name == name }) {
            throw ServiceError(code: "ResourceNotFoundException", message: "The specified log stream does not exist.")
        }
        let pattern = try call.optional("filterPattern").map { text throws(ServiceError) in try LogFilterPattern(parsing: text) } ?? .matchesEverything
        // startTime and endTime are both inclusive here (API Reference, FilterLogEvents).
        let start = try call.integer("startTime"), end = try call.integer("endTime")
        var found: [(stream: String, streamIndex: Int, eventIndex: Int, event: LogEvent)] = []
        for (streamIndex, stream) in group.streams.enumerated()
        where (names.isEmpty || names.contains(stream.name)) && stream.name.hasPrefix(prefix ?? "") {
            for (eventIndex, event) in stream.events.enumerated()
            where event.timestamp >= (start ?? Int.min) && event.timestamp <= (end ?? Int.max) && pattern.matches(event.message) {
                found.append((stream.name, streamIndex, eventIndex, event))
            }
        }
        // Interleaved across streams by time, as every search has been since `interleaved` was retired.
        found.sort { ($0.event.timestamp, $0.streamIndex, $0.eventIndex) < ($1.event.timestamp, $1.streamIndex, $1.eventIndex) }
        var offset = 0
        if let token = call.optional("nextToken") {
            guard let value = PageToken.offset(of: token, "events", count: found.count) else {
                throw ServiceError(code: "InvalidParameterException", message: "The specified nextToken is invalid.")
            }
            offset = value
        }
        // The model's bounds (1 to 10,000) are checked with every request's, before the call reaches here.
        let limit = max(1, try call.integer("limit") ?? 10_000)
        let page = found[offset..<(found.count - offset <= limit ? found.count : offset + limit)]
        var members: [AWSValue.Member] = [
            .init("events", .list(page.map { match in
                .object([
                    .init("logStreamName", .string(match.stream)), .init("timestamp", .integer(match.event.timestamp)),
                    .init("message", .string(match.event.message)), .init("ingestionTime", .integer(match.event.ingested)),
                    .init("eventId", .string(Self.eventID(match.event, streamIndex: match.streamIndex, eventIndex: match.eventIndex))),
                ])
            })),
            // "As of May 15, 2020, this parameter is no longer supported. This parameter returns an empty list."
            .init("searchedLogStreams", .list([])),
        ]
        if page.endIndex < found.count {
            members.append(.init("nextToken", .string(PageToken.make("events", offset: page.endIndex))))
        }
        return .object(members)
    }

    /// The group a search names, by `logGroupName` or by `logGroupIdentifier` (its name or ARN), never both.
    private static func logGroupName(_ call: Call) throws(ServiceError) -> String {
        let name = call.optional("logGroupName"), identifier = call.optional("logGroupIdentifier")
        switch (name, identifier) {
        case (let name?, nil):
            return name
        case (nil, let identifier?):
            guard identifier.hasPrefix("arn:") else { return identifier }
            let parts = identifier.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 7, parts[2] == "logs", parts[5] == "log-group" else {
                throw ServiceError(code: "InvalidParameterException", message: "Invalid logGroupIdentifier: \(identifier)")
            }
            return String(parts[6])
        case (nil, nil):
            throw ServiceError(code: "InvalidParameterException", message: "Either logGroupName or logGroupIdentifier must be specified.")
        case (_?, _?):
            throw ServiceError(code: "InvalidParameterException", message: "LogGroupName and LogGroupIdentifier are mutually exclusive parameters.")
        }
    }

    /// The account of a group named by its ARN in `logGroupIdentifier`.
    private static func logGroupAccount(_ call: Call) -> String? {
        guard let identifier = call.optional("logGroupIdentifier"), identifier.hasPrefix("arn:") else { return nil }
        let parts = identifier.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 ? String(parts[4]) : nil
    }

    /// A search result's id: 56 digits, as CloudWatch Logs' are, made from the event's time and place so the
    /// same event always has the same id.
    private static func eventID(_ event: LogEvent, streamIndex: Int, eventIndex: Int) -> String {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(max(0, value))
            return String(repeating: "0", count: max(0, width - text.count)) + text.suffix(width)
        }
        return "3" + digits(event.timestamp, 15) + digits(event.ingested, 15) + digits(streamIndex, 12) + digits(eventIndex, 13)
    }
}
