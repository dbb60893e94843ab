import CongressCore
import CongressStore
import Foundation
import Hummingbird

/// Request and response bodies of the JSON API, snake_case as DESIGN.md writes them.
struct ScanBatch: Decodable {
    struct Scan: Decodable {
        var id: String
        var station: String
        var payload: String
        var scanned_at: String?
        var entrance: Entrance?
    }
    var scans: [Scan]
}

struct ScanResults: ResponseEncodable {
    var results: [ScanResult]
}

struct QuorumBody: ResponseEncodable {
    var sitting: String?
    var present: Int
    var convened: Int
    var holds: Bool
    var percent: String
    var missing: Int

    init(sitting: Sitting?, quorum: Quorum) {
        self.sitting = sitting?.name
        present = quorum.present
        convened = quorum.convened
        holds = quorum.holds
        percent = quorum.percentVietnamese
        missing = quorum.missing
    }
}

struct RosterEntry: Codable {
    var code: String
    var name: String
    var delegation: String
    var kind: String
    var seat: String?
    /// May pass a delegates-only entrance.
    var eligible: Bool
    /// Counts for quorum.
    var counts: Bool
}

struct Bootstrap: ResponseEncodable {
    struct Key: Codable { var key_id: String; var public_key: String }
    struct Admitted: Codable { var code: String; var at: String; var station: String }
    var public_keys: [Key]
    var roster: [RosterEntry]
    var revoked: [CredentialID]
    var sitting: Sitting?
    var admitted: [Admitted]
    var cursor: Int64
    var quorum: QuorumBody
}

struct Changes: ResponseEncodable {
    var cursor: Int64
    var events: [FeedEventBody]
}

struct FeedEventBody: Codable {
    var seq: Int64
    var at: String
    var kind: String
    var data: JSONValue
}

/// Any JSON, to pass a feed event's stored details through unchanged.
enum JSONValue: Codable, Sendable {
    case string(String), number(Double), bool(Bool), null, array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
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
}

struct OpenSittingBody: Decodable { var name: String }
struct ReasonBody: Decodable { var reason: String }
struct ManualAdmissionBody: Decodable { var code: String; var station: String; var reason: String; var entrance: Entrance? }
struct UndoBody: Decodable { var code: String; var reason: String }
struct SubstitutionBody: Decodable { var alternate: String; var replaced: String; var decision: String }

struct AdmissionAnswer: ResponseEncodable {
    var verdict: ScanVerdict
    var code: String?
    var first_at: String?
    var first_station: String?
}

extension Sitting: ResponseEncodable {}
extension Substitution: ResponseEncodable {}
extension QuorumRecord: ResponseEncodable {}

struct SittingsBody: ResponseEncodable {
    var sittings: [Sitting]
    var quorum_records: [QuorumRecord]
}

struct DelegatesBody: ResponseEncodable {
    var delegates: [RosterEntry]
}
