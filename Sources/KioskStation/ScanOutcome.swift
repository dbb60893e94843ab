import CongressCore
import Foundation

/// What a door shows for one scan (or one manual admission), and later, when the server
/// disagrees, for its correction.
public struct ScanOutcome: Sendable, Hashable {
    /// The scan's UUID, as sent to the server.
    public var id: String
    public var verdict: ScanVerdict
    public var code: String?
    /// The person, when the code is on the list.
    public var entry: RosterEntry?
    public var sitting: String?
    /// For `already_admitted`: where and when they first came in.
    public var first: Admission?
    /// Decided while the server could not be reached.
    public var offline: Bool
    /// From the line read to the verdict, in milliseconds.
    public var ms: Double
    /// The same payload again at this door within a second (a scanner's key bounce): shown
    /// once on the screen and not sent again.
    public var isRepeat: Bool = false
    public var manual: Bool = false
    /// A correction from the server, and what this door had said.
    public var correction: Bool = false
    public var was: ScanVerdict?

    /// The object `kiosk --json` writes (DESIGN.md "`kiosk --json`"), on one line.
    public var json: String {
        let line = Line(
            verdict: verdict, code: code, name: entry?.name, delegation: entry?.delegation, kind: entry?.kind,
            seat: entry?.seat, sitting: sitting, first_at: first?.at, first_station: first?.station, offline: offline,
            ms: (ms * 1000).rounded() / 1000, id: id, repeat: isRepeat ? true : nil, manual: manual ? true : nil,
            correction: correction ? true : nil, was: correction ? was : nil)
        return (try? Self.encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"verdict\": \"\(verdict.rawValue)\"}"
    }

    private struct Line: Encodable {
        var verdict: ScanVerdict
        var code, name, delegation, kind, seat, sitting, first_at, first_station: String?
        var offline: Bool
        var ms: Double
        var id: String
        var `repeat`, manual, correction: Bool?
        var was: ScanVerdict?
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}
