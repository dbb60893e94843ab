/// What an API token or a signed-in person may do.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everything, including sittings and tokens.
    case admin
    /// The secretariat: delegates, substitutions, badges.
    case credentials
    /// A scan station.
    case kiosk
    /// The counting committee (ban kiểm phiếu).
    case counting
    /// Read-only: the hall screen, quorum.
    case viewer
}
