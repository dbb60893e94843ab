import CongressCore

/// Who has which waiting sheet open at the review page, per election (ReviewSharing is the
/// rule). Kept in the server's memory: a hold only keeps members apart while they work,
/// and a restarted server simply shares the queue afresh.
actor ReviewHolds {
    private var elections: [Int64: ReviewSharing] = [:]
    /// Seconds on a monotonic clock; injected so that tests move time instead of sleeping.
    private let now: @Sendable () -> Double

    init(now: @escaping @Sendable () -> Double = SignInThrottle.monotonicSeconds) { self.now = now }

    func choose(election: Int64, member: String, name: String, waiting: [Int64], asked: Int64?) -> ReviewSharing.Choice {
        elections[election, default: ReviewSharing()].choose(for: member, name: name, waiting: waiting, asked: asked, now: now())
    }

    func release(election: Int64, sheet: Int64) {
        elections[election]?.release(sheet)
    }
}
