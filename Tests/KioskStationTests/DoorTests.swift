import CongressCore
import Foundation
@testable import KioskStation
import Testing

@Suite("Scanner input")
struct ScanLineSplitterTests {
    @Test func enterCarriageReturnAndTabEachEndAScan() {
        var s = ScanLineSplitter()
        #expect(s.feed(Array("A1\nB2\r\nC3\rD4\tE".utf8)) == ["A1", "B2", "C3", "D4"])
        #expect(s.feed(Array("5\n".utf8)) == ["E5"], "a scan split across two reads")
        #expect(s.feed(Array("\r\n\t\n".utf8)).isEmpty, "empty lines are nothing")
        #expect(s.finish() == nil)
        #expect(s.feed(Array("F6".utf8)).isEmpty)
        #expect(s.finish() == "F6", "a last scan without its Enter")
    }

    @Test func aStuckKeyCannotFillTheMemory() {
        var s = ScanLineSplitter()
        let lines = s.feed([UInt8](repeating: UInt8(ascii: "x"), count: 100_000) + [0x0A])
        #expect(lines.count == 1)
        #expect(lines.first?.utf8.count == ScanLineSplitter.longest)
    }

    @Test func bytesThatAreNotUTF8BecomeAMalformedScanNotACrash() {
        var s = ScanLineSplitter()
        let lines = s.feed([0xFF, 0xFE, 0x41, 0x0A])
        #expect(lines.count == 1)
        let copy = DoorCopy(.sample)
        #expect(copy.decide(lines[0], entrance: .delegates).verdict == .malformed)
    }
}

@Suite("The door's copy")
struct DoorCopyTests {
    @Test func feedEventsChangeWhatTheDoorDecides() {
        var copy = DoorCopy(.sample)
        #expect(copy.quorum == Quorum(present: 0, convened: 3), "a replaced official is still convened")
        let admitted = FeedEventBody(seq: 8, at: "2026-11-21T08:00:00.000Z", kind: "admission",
                                     data: .object(["code": .string("DB0001"), "station": .string("B"),
                                                    "at": .string("2026-11-21T08:00:00.000Z"), "sitting": .string("1")]))
        #expect(copy.apply(admitted) == .applied)
        #expect(copy.admitted["DB0001"]?.station == "B")
        #expect(copy.decideManual(code: "DB0001", entrance: .delegates).verdict == .alreadyAdmitted)
        #expect(copy.quorum.present == 1)
        #expect(copy.cursor == 8)
        let otherSitting = FeedEventBody(seq: 9, at: "", kind: "admission",
                                         data: .object(["code": .string("DB0002"), "sitting": .string("7")]))
        #expect(copy.apply(otherSitting) == .ignored)
        let undo = FeedEventBody(seq: 10, at: "", kind: "undo", data: .object(["code": .string("DB0001"), "sitting": .number(1)]))
        #expect(copy.apply(undo) == .applied)
        #expect(copy.admitted["DB0001"] == nil)
        let revoked = FeedEventBody(seq: 11, at: "", kind: "revocation", data: .object(["code": .string("DB0002"), "serial": .number(1)]))
        #expect(copy.apply(revoked) == .applied)
        #expect(copy.verifier.revoked.contains(CredentialID(code: "DB0002", serial: 1)))
        let closed = FeedEventBody(seq: 12, at: "", kind: "sitting_closed", data: .object([:]))
        #expect(copy.apply(closed) == .applied)
        #expect(copy.decideManual(code: "DB0002", entrance: .delegates).verdict == .noOpenSitting)
        let opened = FeedEventBody(seq: 13, at: "", kind: "sitting_opened",
                                   data: .object(["id": .number(2), "name": .string("Phiên 2"), "openedAt": .string("x")]))
        #expect(copy.apply(opened) == .applied)
        #expect(copy.sitting?.name == "Phiên 2")
        #expect(copy.decideManual(code: "DB0002", entrance: .delegates).verdict == .admitted)
        for kind in ["substitution", "substitution_reverted", "roster_changed", "something_new"] {
            #expect(copy.apply(FeedEventBody(seq: 14, at: "", kind: kind, data: .null)) == .reload, "\(kind)")
        }
    }

    @Test func entrancesAndKinds() {
        let copy = DoorCopy(.sample)
        #expect(copy.decideManual(code: "DB0003", entrance: .delegates).verdict == .notEligible, "guest at the delegates' door")
        #expect(copy.decideManual(code: "DB0003", entrance: .all).verdict == .admitted, "guest at a door for all")
        #expect(copy.decideManual(code: "DB0004", entrance: .all).verdict == .notEligible, "replaced: refused everywhere")
        #expect(copy.decideManual(code: "DB9999", entrance: .all).verdict == .unknownDelegate)
        #expect(copy.search.search("ha kim").map(\.code) == ["DB0001"])
    }
}

@Suite("kiosk --json and the screen")
struct KioskOutputTests {
    static let entry = RosterEntry(code: "DB0123", name: "Nguyễn Thị Hồng Thúy", delegation: "Công đoàn Viên chức tỉnh",
                                   kind: "official", seat: "B-12", eligible: true, counts: true, replaced: false)

    /// The object of DESIGN.md "`kiosk --json`", field by field.
    @Test func jsonObjectHasTheContractFields() throws {
        let outcome = ScanOutcome(id: "5f0c…", verdict: .alreadyAdmitted, code: "DB0123", entry: Self.entry, sitting: "S2",
                                  first: Admission(at: "2026-11-21T08:00:00.000Z", station: "B"), offline: true, ms: 0.8234)
        let line = outcome.json
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "already_admitted")
        #expect(object["code"] as? String == "DB0123")
        #expect(object["name"] as? String == "Nguyễn Thị Hồng Thúy")
        #expect(object["delegation"] as? String == "Công đoàn Viên chức tỉnh")
        #expect(object["kind"] as? String == "official")
        #expect(object["sitting"] as? String == "S2")
        #expect(object["offline"] as? Bool == true)
        #expect(object["ms"] as? Double == 0.823)
        #expect(object["first_at"] as? String == "2026-11-21T08:00:00.000Z")
        #expect(object["first_station"] as? String == "B")
        #expect(object["correction"] == nil)
        var correction = outcome
        correction.correction = true
        correction.was = .admitted
        let c = try #require(try JSONSerialization.jsonObject(with: Data(correction.json.utf8)) as? [String: Any])
        #expect(c["correction"] as? Bool == true)
        #expect(c["was"] as? String == "admitted")
    }

    /// Every row of the frame fits the terminal, and there are exactly as many as it has.
    @Test(arguments: [(80, 24), (120, 40), (60, 16)])
    func frameFitsTheTerminal(size: (Int, Int)) {
        var screen = KioskScreen(station: "Cửa Đông", entrance: .delegates, status: StationStatus(
            connection: .offline("x"), unsent: 37, admittedHere: 12, quorum: Quorum(present: 190, convened: 282),
            sitting: "Phiên khai mạc", hasCopy: true))
        let now = Date()
        screen.last = (ScanOutcome(id: "1", verdict: .admitted, code: "DB0123", entry: Self.entry, sitting: "S2",
                                   first: nil, offline: true, ms: 0.5), now)
        screen.correction = (ScanOutcome(id: "2", verdict: .alreadyAdmitted, code: "DB0100", entry: Self.entry, sitting: "S2",
                                         first: Admission(at: "2026-11-21T08:00:00.000Z", station: "B"), offline: false, ms: 0,
                                         correction: true, was: .admitted), now)
        let frame = screen.render(width: size.0, height: size.1, now: now)
        let rows = frame.components(separatedBy: "\r\n").map(Self.visible)
        #expect(rows.count == size.1)
        for row in rows { #expect(row.count <= size.0, "\(row)") }
        let text = rows.joined(separator: "\n")
        #expect(text.contains("MỜI VÀO"))
        #expect(text.contains("Nguyễn Thị Hồng Thúy"))
        #expect(text.contains("NGOẠI TUYẾN"))
        #expect(text.contains("Chờ gửi: 37"))
        #expect(text.contains("ĐÍNH CHÍNH"))
        #expect(frame.contains("\u{1B}[97;42m"), "green for MỜI VÀO")
    }

    /// The door's clock and the time of a first admission read in the congress's zone,
    /// from the bootstrap, whatever zone the door's laptop keeps.
    @Test func theClockReadsInTheCongresssZone() throws {
        var bootstrap = KioskBootstrap.sample
        bootstrap.time_zone = "Asia/Ho_Chi_Minh"
        let copy = DoorCopy(bootstrap)
        #expect(copy.time.identifier == "Asia/Ho_Chi_Minh")
        var status = StationStatus(connection: .online, unsent: 0, admittedHere: 0, quorum: Quorum(present: 1, convened: 3),
                                   sitting: "Phiên 1", hasCopy: true)
        status.time = copy.time
        var screen = KioskScreen(station: "Cửa Đông", entrance: .delegates, status: status)
        // 19:54:07 UTC on 1 December is 02:54:07 on 2 December in Vietnam
        let now = try #require(KioskClock.parse("2026-12-01T19:54:07.000Z"))
        screen.last = (ScanOutcome(id: "1", verdict: .alreadyAdmitted, code: "DB0001", entry: Self.entry, sitting: "S1",
                                   first: Admission(at: "2026-12-01T19:50:00.000Z", station: "B"), offline: false, ms: 0.5), now)
        let text = screen.render(width: 100, height: 30, now: now).components(separatedBy: "\r\n").map(Self.visible).joined(separator: "\n")
        #expect(text.contains("02:54:07"))
        #expect(text.contains("02:50:00"), "the first admission in Vietnam's time")
        #expect(!text.contains("19:54"))
    }

    @Test func coloursByVerdict() {
        #expect(KioskScreen.colour(.admitted) == .green)
        #expect(KioskScreen.colour(.alreadyAdmitted) == .amber)
        for v in [ScanVerdict.revoked, .invalidSignature, .malformed, .unknownDelegate, .notEligible] {
            #expect(KioskScreen.colour(v) == .red)
        }
    }

    /// The text a terminal shows: escape sequences removed.
    static func visible(_ row: String) -> String {
        row.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
    }
}

extension KioskBootstrap {
    /// Four people, one sitting open: two officials, a guest, and an official replaced.
    static var sample: KioskBootstrap {
        KioskBootstrap(
            public_keys: [], roster: [
                RosterEntry(code: "DB0001", name: "Hà Kim Nga", delegation: "Viên chức", kind: "official", seat: nil,
                            eligible: true, counts: true, replaced: false),
                RosterEntry(code: "DB0002", name: "Lương Bích Mai", delegation: "Giáo dục", kind: "official", seat: nil,
                            eligible: true, counts: true, replaced: false),
                RosterEntry(code: "DB0003", name: "Cao Đình Ước", delegation: "Khách mời", kind: "guest", seat: nil,
                            eligible: false, counts: false, replaced: false),
                RosterEntry(code: "DB0004", name: "Mai Quốc Hải", delegation: "Y tế", kind: "official", seat: nil,
                            eligible: false, counts: false, replaced: true),
            ], revoked: [], sitting: Sitting(id: 1, name: "Phiên 1", openedAt: "2026-11-21T07:00:00.000Z"), admitted: [],
            cursor: 7, quorum: QuorumFigures(sitting: "Phiên 1", quorum: Quorum(present: 0, convened: 3)))
    }
}
