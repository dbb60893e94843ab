/// What one delegate's badge (thẻ đại biểu) shows, as data; Documents draws it.
public struct Badge: Sendable, Hashable {
    public var congressName: String
    public var term: String?
    public var code: String
    public var name: String
    public var delegation: String
    public var kind: DelegateKind
    public var seat: String?
    /// The signed QR payload.
    public var payload: String

    public init(congress: Congress, delegate: Delegate, payload: String) {
        congressName = congress.name
        term = congress.term
        code = delegate.code
        name = delegate.name
        delegation = delegate.delegation
        kind = delegate.kind
        seat = delegate.seat
        self.payload = payload
    }

    /// How a run of badges is ordered for printing.
    public enum Order: String, Sendable, CaseIterable {
        /// By delegation (in the order delegations first appear in the list), then ballot
        /// order inside each: how the secretariat hands badges out.
        case delegation
        case code
    }

    /// Puts delegates in printing order. `delegations` gives the delegations' order; any not
    /// named there follow, alphabetically.
    public static func ordered(_ delegates: [Delegate], by order: Order, delegations: [String]) -> [Delegate] {
        switch order {
        case .code:
            return delegates.sorted { $0.code < $1.code }
        case .delegation:
            let rank = Dictionary(delegations.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let groups = Dictionary(grouping: delegates, by: \.delegation)
            let names = groups.keys.sorted { a, b in
                switch (rank[a], rank[b]) {
                case let (x?, y?): x < y
                case (.some, nil): true
                case (nil, .some): false
                default: a < b
                }
            }
            return names.flatMap { BallotOrder.sorted(groups[$0] ?? [], by: \.ballotSortKey) }
        }
    }
}
