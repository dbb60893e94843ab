/// `GET /api/v1/changes?since=`: the change feed kiosks follow to keep their copy current.
public struct FeedChanges: Sendable, Codable {
    public var cursor: Int64
    public var events: [FeedEventBody]
    public init(cursor: Int64, events: [FeedEventBody]) {
        self.cursor = cursor
        self.events = events
    }
}

/// One change, in order: admission, undo, revocation, substitution, substitution_reverted,
/// sitting_opened, sitting_closed, roster_changed.
public struct FeedEventBody: Sendable, Codable {
    public var seq: Int64
    public var at: String
    public var kind: String
    public var data: JSONValue
    public init(seq: Int64, at: String, kind: String, data: JSONValue) {
        self.seq = seq
        self.at = at
        self.kind = kind
        self.data = data
    }
}

/// Any JSON, to pass a feed event's details through unchanged.
public enum JSONValue: Sendable, Codable, Hashable {
    case string(String), number(Double), bool(Bool), null, array([JSONValue]), object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// A field of an object, as text.
    public subscript(_ key: String) -> String? {
        guard case .object(let o) = self else { return nil }
        switch o[key] {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: return nil
        }
    }
}
