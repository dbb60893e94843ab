import CongressCore
import CongressStore
import Foundation
import Hummingbird

/// Request and response bodies of the JSON API, snake_case as DESIGN.md writes them. The
/// bodies kiosks read are in CongressCore (Wire/), shared with the kiosk.
extension ScanResults: ResponseEncodable {}
extension KioskBootstrap: ResponseEncodable {}
extension FeedChanges: ResponseEncodable {}
extension QuorumFigures: ResponseEncodable {}

extension QuorumFigures {
    init(sitting: Sitting?, quorum: Quorum) { self.init(sitting: sitting?.name, quorum: quorum) }
}

struct OpenSittingBody: Decodable { var name: String }
struct ReasonBody: Decodable { var reason: String }
struct ManualAdmissionBody: Decodable { var code: String; var station: String; var reason: String; var entrance: Entrance? }
struct UndoBody: Decodable { var code: String; var reason: String }
struct SubstitutionBody: Decodable { var alternate: String; var replaced: String; var decision: String }

struct AdmissionAnswer: ResponseEncodable, Decodable {
    var verdict: ScanVerdict
    var code: String?
    var first_at: String?
    var first_station: String?
}

extension Sitting: ResponseEncodable {}
extension Substitution: ResponseEncodable {}
extension QuorumRecord: ResponseEncodable {}

struct SittingsBody: ResponseEncodable, Decodable {
    var sittings: [Sitting]
    var quorum_records: [QuorumRecord]
}

struct DelegatesBody: ResponseEncodable, Decodable {
    var delegates: [RosterEntry]
}
