/// Where an election stands: draft (the list may change) → printed (the list is fixed,
/// ballots are issued and entered) → published (the result is public and final).
public enum ElectionStatus: String, Sendable, Hashable, Codable {
    /// Being set up: candidates and committee may change.
    case draft
    /// Ballots printed: the list is fixed.
    case printed
    /// The committee published the result: visible to all, final.
    case published
}
