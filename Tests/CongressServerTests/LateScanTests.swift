import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// A door offline across a change of sitting uploads its scans late: each belongs to the
/// sitting open when it was made, judged by the kiosk's clock corrected for its offset.
@Suite("Late scans and kiosk clocks")
struct LateScanTests {
    static func iso(_ date: Date) -> String { KioskClock.format(date) }
    static func date(_ iso: String) throws -> Date {
        try Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    func post(_ client: some TestClientProtocol, _ fixture: ServerFixture, _ scans: [[String: Any]],
              sentAt: String? = nil, door: String? = nil) async throws -> [[String: Any]] {
        var batch: [String: Any] = ["scans": scans]
        if let sentAt { batch["sent_at"] = sentAt }
        var headers = fixture.headers(.kiosk)
        if let door { headers[.authorization] = "Bearer \(door)" }
        return try await client.execute(uri: "/api/v1/scans", method: .post, headers: headers, body: try body(batch)) { r in
            #expect(r.status == .ok)
            return (try json(r)["results"] as? [[String: Any]]) ?? []
        }
    }

    static func scan(_ payload: String, at scannedAt: String, station: String = "A") -> [String: Any] {
        ["id": UUID().uuidString, "station": station, "payload": payload, "scanned_at": scannedAt]
    }

    /// Morning and afternoon: scans made in the morning, uploaded in the afternoon, count
    /// for the morning; one made between the two sittings goes to the afternoon as before.
    @Test func aLateScanCountsForTheSittingItWasMadeIn() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        // a second door, offline all afternoon
        let doorB = try store.createToken(role: .kiosk, name: "Cửa B", actor: "test").token
        let morning = try store.openSitting(name: "Phiên sáng", actor: "test")
        try await Task.sleep(for: .milliseconds(200))
        let closed = try store.closeSitting(actor: "test")
        try await Task.sleep(for: .milliseconds(200))
        let afternoon = try store.openSitting(name: "Phiên chiều", actor: "test")
        // the middle of the morning, and the middle of the break, whatever the sleeps took
        func middle(_ a: String, _ b: String?) throws -> String {
            let (x, y) = (try Self.date(a), try Self.date(try #require(b)))
            return Self.iso(x.addingTimeInterval(y.timeIntervalSince(x) / 2))
        }
        let inMorning = try middle(morning.openedAt, closed.closedAt)
        let between = try middle(try #require(closed.closedAt), afternoon.openedAt)
        try await fixture.application.test(.router) { client in
            let results = try await post(client, fixture, [
                Self.scan(try #require(fixture.payloads["DB0010"]), at: inMorning),
                Self.scan(try #require(fixture.payloads["DB0010"]), at: inMorning, station: "B"),
                Self.scan(try #require(fixture.payloads["DB0011"]), at: between),
                Self.scan(try #require(fixture.payloads["DB0012"]), at: Self.iso(Date())),
            ])
            #expect(results.map { $0["verdict"] as? String } == ["admitted", "already_admitted", "admitted", "admitted"])
            #expect(results.map { $0["sitting"] as? String } == ["Phiên sáng", "Phiên sáng", "Phiên chiều", "Phiên chiều"])
            #expect(results[1]["first_station"] as? String == "A")
        }
        let morningIn = try store.admissions(sittingID: morning.id)
        let afternoonIn = try store.admissions(sittingID: afternoon.id)
        #expect(Set(morningIn.keys) == ["DB0010"])
        #expect(morningIn["DB0010"]?.at == inMorning, "at the time the door saw")
        #expect(Set(afternoonIn.keys) == ["DB0011", "DB0012"])
        #expect(afternoonIn["DB0011"]?.at == afternoon.openedAt, "between sittings: the afternoon's opening, as before")
        #expect(try store.quorum().quorum.present == 2, "the morning's late scan does not count in the afternoon")
        // after the afternoon closes too, its late scans still land in it
        let afternoonClosed = try store.closeSitting(actor: "test")
        let late = try middle(afternoon.openedAt, afternoonClosed.closedAt)
        try await fixture.application.test(.router) { client in
            let results = try await post(client, fixture, [
                Self.scan(try #require(fixture.payloads["DB0013"]), at: late),
                Self.scan(try #require(fixture.payloads["DB0014"]), at: Self.iso(Date())),
            ], door: doorB)
            #expect(results.map { $0["verdict"] as? String } == ["admitted", "no_open_sitting"])
        }
        #expect(Set(try store.admissions(sittingID: afternoon.id).keys) == ["DB0011", "DB0012", "DB0013"])
    }

    /// A kiosk whose clock is seven hours behind (a hardware clock kept in local time): the
    /// batch's `sent_at` shows the offset and the server moves its times by it.
    @Test func aKioskClockSevenHoursOffIsCorrected() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        // sittings a second long: the correction is as good as the batch's transit time, which
        // on a loaded two-core machine running the whole suite reached past 100 ms
        let morning = try store.openSitting(name: "Phiên sáng", actor: "test")
        try await Task.sleep(for: .seconds(1))
        let closed = try store.closeSitting(actor: "test")
        let afternoon = try store.openSitting(name: "Phiên chiều", actor: "test")
        try await Task.sleep(for: .seconds(1))
        let behind: TimeInterval = -7 * 3600
        let (opened, end) = (try Self.date(morning.openedAt), try Self.date(try #require(closed.closedAt)))
        let madeInMorning = opened.addingTimeInterval(end.timeIntervalSince(opened) / 2)
        try await fixture.application.test(.router) { client in
            // sent now by a clock seven hours behind; one scan made in the morning, one now
            let results = try await post(client, fixture, [
                Self.scan(try #require(fixture.payloads["DB0020"]), at: Self.iso(madeInMorning.addingTimeInterval(behind))),
                Self.scan(try #require(fixture.payloads["DB0021"]), at: Self.iso(Date().addingTimeInterval(behind - 0.05))),
            ], sentAt: Self.iso(Date().addingTimeInterval(behind)))
            #expect(results.map { $0["sitting"] as? String } == ["Phiên sáng", "Phiên chiều"])
            // the same clock without sent_at: nothing to correct by, so the morning scan is
            // taken as made before any sitting and clamped into the open one
            let uncorrected = try await post(client, fixture, [
                Self.scan(try #require(fixture.payloads["DB0022"]), at: Self.iso(madeInMorning.addingTimeInterval(behind))),
            ])
            #expect(uncorrected.first?["sitting"] as? String == "Phiên chiều")
        }
        let morningAt = try #require(try store.admissions(sittingID: morning.id)["DB0020"]?.at)
        // within seconds of when it was made (the request's own time under a loaded test run
        // is in the offset), not hours
        #expect(abs(try Self.date(morningAt).timeIntervalSince(madeInMorning)) < 10, "moved back by the offset")
        let nowAt = try #require(try store.admissions(sittingID: afternoon.id)["DB0021"]?.at)
        #expect(try Self.date(nowAt) > Self.date(afternoon.openedAt), "not clamped to the opening: the corrected time is now")
        #expect(try store.admissions(sittingID: afternoon.id)["DB0022"]?.at == afternoon.openedAt)
    }

    @Test func offsetsWithinToleranceAreLeftAlone() throws {
        let now = Date()
        #expect(KioskClock.offset(sentAt: Self.iso(now.addingTimeInterval(-2)), received: now) == nil)
        #expect(KioskClock.offset(sentAt: "không phải giờ", received: now) == nil)
        #expect(KioskClock.offset(sentAt: nil, received: now) == nil)
        let offset = try #require(KioskClock.offset(sentAt: Self.iso(now.addingTimeInterval(-3600)), received: now))
        #expect(abs(offset - 3600) < 0.01)
        #expect(KioskClock.corrected("2026-11-21T01:00:00.000Z", by: 3600) == "2026-11-21T02:00:00.000Z")
        #expect(KioskClock.corrected("rác", by: 3600) == "rác")
        #expect(KioskClock.corrected("2026-11-21T01:00:00.000Z", by: nil) == "2026-11-21T01:00:00.000Z")
    }

    /// A door that reached the server after a scan and before the close would have sent
    /// the scan then: its "late" scan is refused and logged, while a door that was offline
    /// across the close adds the same kind of scan. A token made after the sitting cannot
    /// write into it. The sittings page shows what arrived late.
    @Test func onlyADoorOfflineAcrossTheCloseAddsToAClosedSitting() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        let offline = try store.createToken(role: .kiosk, name: "Cửa Tây", actor: "test").token
        _ = try store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu", cost: 4), actor: "t")
        let morning = try store.openSitting(name: "Phiên sáng", actor: "test")
        try await Task.sleep(for: .milliseconds(300))
        let madeAt = Self.iso(Date())
        try await Task.sleep(for: .milliseconds(300))
        try await fixture.application.test(.router) { client in
            // the online door polls the feed after the scan was made, before the close
            try await client.execute(uri: "/api/v1/changes?since=0", method: .get, headers: fixture.headers(.kiosk)) { #expect($0.status == .ok) }
        }
        try await Task.sleep(for: .milliseconds(300))
        _ = try store.closeSitting(actor: "test")
        let lateComer = try store.createToken(role: .kiosk, name: "Cửa mới", actor: "test").token
        _ = try store.openSitting(name: "Phiên chiều", actor: "test")
        let before = try store.admissions(sittingID: morning.id)
        try await fixture.application.test(.router) { client in
            let online = try await post(client, fixture, [Self.scan(try #require(fixture.payloads["DB0030"]), at: madeAt)])
            #expect(online.first?["verdict"] as? String == "no_open_sitting", "\(online)")
            let made = try await post(client, fixture, [Self.scan(try #require(fixture.payloads["DB0031"]), at: madeAt)], door: lateComer)
            #expect(made.first?["verdict"] as? String == "no_open_sitting", "a token made after the sitting")
            let accepted = try await post(client, fixture, [Self.scan(try #require(fixture.payloads["DB0032"]), at: madeAt)], door: offline)
            #expect(accepted.first?["verdict"] as? String == "admitted")
            #expect(accepted.first?["sitting"] as? String == "Phiên sáng")
            // the committee sees the late one on the sittings page
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu"))
            var h = HTTPFields.fromOurPages
            h[.cookie] = cookie
            let page = try await client.execute(uri: "/sittings", method: .get, headers: h) { String(buffer: $0.body) }
            let name = try #require(try store.delegate(code: "DB0032")?.name)
            #expect(page.contains("DB0032 \(name): quét lúc"))
            #expect(!page.contains("DB0030") && !page.contains("DB0031"))
        }
        let after = try store.admissions(sittingID: morning.id)
        #expect(Set(after.keys).subtracting(before.keys) == ["DB0032"], "only the offline door's scan was added")
        let refused = try store.auditEntries().filter { $0.action == "attendance.late_refused" }
        #expect(refused.count == 2)
    }

    @Test func theLateScanRuleAsATable() {
        let cases: [(scanned: String, closed: String, since: String?, contact: Bool, accepts: Bool)] = [
            ("2026-12-07T08:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-06T10:00:00.000Z", false, true),
            ("2026-12-07T08:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-06T10:00:00.000Z", true, false),
            ("2026-12-07T08:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-07T09:00:00.000Z", false, false),
            ("2026-12-07T08:00:00.000Z", "2026-12-07T11:00:00.000Z", nil, false, false),
            ("2026-12-07T12:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-06T10:00:00.000Z", false, false),
            ("2026-12-07T08:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-07T08:00:00.000Z", false, true),
        ]
        for c in cases {
            #expect(LateScanRule.accepts(scannedAt: c.scanned, closedAt: c.closed, doorSince: c.since, contactBetween: c.contact) == c.accepts, "\(c)")
        }
    }
}
