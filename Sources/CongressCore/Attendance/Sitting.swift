/// A sitting (phiên họp) of the congress: attendance and quorum are counted per sitting,
/// and one is open at a time.
public struct Sitting: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var openedAt: String
    public var closedAt: String?

    public init(id: Int64, name: String, openedAt: String, closedAt: String? = nil) {
        self.id = id
        self.name = name
        self.openedAt = openedAt
        self.closedAt = closedAt
    }
}
