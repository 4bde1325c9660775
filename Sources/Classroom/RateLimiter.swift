/// Token buckets, one per key: each key may make `burst` requests at once and `perSecond` on average. A learner's
/// `rolecall` makes one request per event (a person manages a few a second) or one per batch of queued events, so
/// the limits only ever stop a runaway or hostile client. Pure: the caller passes the time.
public struct RateLimiter: Sendable {
    public let perSecond: Double
    public let burst: Double
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    public init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Whether `key` may make a request at `now` (seconds); takes a token when it may.
    public mutating func allow(_ key: String, now: Double) -> Bool {
        var bucket = buckets[key] ?? (burst, now)
        bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.at) * perSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        // Full buckets carry no information: forget them now and then, so keys never seen again cost nothing.
        if buckets.count > 10_000 { buckets = buckets.filter { $0.value.tokens + (now - $0.value.at) * perSecond < burst } }
        return true
    }
}
