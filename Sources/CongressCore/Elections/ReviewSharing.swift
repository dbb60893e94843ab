/// How several members of the counting committee share the review queue (chia nhau xem
/// phiếu chờ quyết định): each review page shows a sheet nobody else has open, so that two
/// members never decide the same paper while the rest wait. A sheet is held for the member
/// it was shown to until they decide it, open another, or leave it alone `holdSeconds`; a
/// decision is still checked by the store (a sheet decided already is refused), so a
/// hold only keeps people apart, it never decides anything.
public struct ReviewSharing: Sendable, Equatable {
    /// Long enough to look at a sheet and type (12 s is usual), short enough that a member
    /// who walks away does not keep a sheet from the others for long.
    public static let holdSeconds = 180.0

    public struct Hold: Sendable, Equatable {
        /// The member's sign-in name (the key) and the name the others read.
        public var member: String
        public var name: String
        public var until: Double
    }

    /// Sheet id → who has it open, until when (seconds on a monotonic clock).
    public private(set) var holds: [Int64: Hold] = [:]

    public init() {}

    /// What a member's review page shows.
    public struct Choice: Sendable, Equatable {
        /// The sheet shown, nil when the queue is empty.
        public var sheet: Int64?
        /// Another member has it open too: chosen by its number, or every waiting sheet is
        /// open elsewhere (then the oldest hold is shared rather than nobody working).
        public var alsoOpenBy: String?
        /// Waiting sheets open at other members' pages now.
        public var openElsewhere: Int
        /// Shown because it was asked for by its number (not because every other is open).
        public var asked = false
    }

    /// The sheet for `member`: the one asked for by number when it waits; else the one they
    /// hold already; else the first in the queue nobody holds. `waiting` is the queue in
    /// order; holds of sheets no longer waiting are forgotten.
    public mutating func choose(for member: String, name: String? = nil, waiting: [Int64], asked: Int64? = nil, now: Double) -> Choice {
        let open = Set(waiting)
        holds = holds.filter { open.contains($0.key) && $0.value.until > now }
        let othersHold = holds.filter { $0.value.member != member }
        let mine = waiting.first { holds[$0]?.member == member }
        let pick: Int64?
        if let asked, open.contains(asked) {
            pick = asked
        } else if let mine {
            pick = mine
        } else {
            pick = waiting.first { othersHold[$0] == nil }
                ?? othersHold.min { ($0.value.until, $0.key) < ($1.value.until, $1.key) }?.key
        }
        // one sheet open per member: the one shown now
        holds = holds.filter { $0.value.member != member }
        guard let pick else { return Choice(sheet: nil, alsoOpenBy: nil, openElsewhere: 0) }
        let other = othersHold[pick]?.name
        if other == nil { holds[pick] = Hold(member: member, name: name ?? member, until: now + Self.holdSeconds) }
        return Choice(sheet: pick, alsoOpenBy: other, openElsewhere: othersHold.count, asked: asked == pick)
    }

    /// The member decided (or left) the sheet: it is nobody's.
    public mutating func release(_ sheet: Int64) {
        holds[sheet] = nil
    }
}
