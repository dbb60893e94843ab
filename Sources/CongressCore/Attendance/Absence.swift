/// A recorded reason for a delegate's absence (vắng mặt có lý do): for one sitting, or for
/// the whole congress. Reports show it beside an absent delegate; a delegate absent with no
/// reason recorded is counted as absent without reason (RULES.md §3).
public struct Absence: Sendable, Hashable, Codable {
    public enum Scope: Sendable, Hashable, Codable {
        case sitting(Int64)
        case wholeCongress
    }

    public var code: String
    public var scope: Scope
    public var reason: String
    public var recordedAt: String
    public var actor: String

    public init(code: String, scope: Scope, reason: String, recordedAt: String, actor: String) {
        self.code = code
        self.scope = scope
        self.reason = reason
        self.recordedAt = recordedAt
        self.actor = actor
    }

    /// The reasons that apply at one sitting: the sitting's own over the whole congress's.
    public static func reasons(_ absences: [Absence], sitting: Int64?) -> [String: String] {
        var reasons: [String: String] = [:]
        for a in absences where a.scope == .wholeCongress { reasons[a.code] = a.reason }
        if let sitting {
            for a in absences where a.scope == .sitting(sitting) { reasons[a.code] = a.reason }
        }
        return reasons
    }
}
