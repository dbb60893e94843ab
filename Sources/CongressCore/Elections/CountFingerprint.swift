/// What the committee saw when it confirmed a count for publishing, in one short text: the
/// figures and every candidate's votes. Publishing compares it with the count it makes in
/// its own transaction, so that a ballot entered between the confirmation page and the
/// click (a scanner still reading, another desk typing) cannot go up unseen.
extension TallyResult {
    public var fingerprint: String {
        ([ballotsCollected, valid, invalid].map(String.init) + candidates.map { "\($0.id)=\($0.votes)" }).joined(separator: ".")
    }
}
