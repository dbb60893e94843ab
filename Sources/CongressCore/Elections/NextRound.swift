/// What follows a count that did not fill every seat (RULES.md §4.3): a run-off among
/// exactly the candidates tied at the cut-off, for the tied seats; or a further round for
/// the seats left open, among those not elected. The elected stay elected. Pure: the store
/// only writes the plan down.
public enum NextRound: Sendable, Hashable {
    /// Every seat was filled: nothing follows.
    case notNeeded
    /// Tied at the cut-off: `candidates` (ids, in ballot order) compete for `seats`.
    case runoff(seats: Int, candidates: [String])
    /// Fewer passed than seats: `seats` remain, `candidates` (those not elected) may stand.
    case furtherRound(seats: Int, candidates: [String])

    /// The plan after `result`; `list` is the round's candidate ids in ballot order.
    public static func plan(after result: TallyResult, list: [String]) -> NextRound {
        switch result.status {
        case .complete:
            return .notNeeded
        case .runoffNeeded:
            let tied = Set(result.tied)
            return .runoff(seats: result.tiedSeats, candidates: list.filter { tied.contains($0) })
        case .seatsOpen:
            let elected = Set(result.elected)
            return .furtherRound(seats: result.seatsOpen, candidates: list.filter { !elected.contains($0) })
        }
    }

    /// The words added to the title of the next round.
    public var vietnameseSuffix: String {
        switch self {
        case .notNeeded: ""
        case .runoff: "bầu lại giữa những người bằng phiếu"
        case .furtherRound: "bầu bổ sung số còn thiếu"
        }
    }
}
