import CongressCore
import CongressServer
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import KioskStation
import Testing
import TestSupport

/// The fixture congress with a kiosk token, served on 127.0.0.1 on a free port while a test
/// runs; stations talk to it as they would in the hall.
final class HallFixture: @unchecked Sendable {
    let directory: URL
    let store: CongressStore
    let key = CongressSigningKey()
    let token: String
    var payloads: [String: String] = [:]
    let official: Set<String>

    init() throws {
        directory = try Fixtures.temporaryDirectory()
        store = try CongressStore.create(at: directory.appendingPathComponent("c.db").path,
                                         congress: Congress(name: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI"),
                                         signingKey: PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "test")
        let list = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        official = Set(list.filter(\.kind.isOfficial).map(\.code))
        try store.importDelegates(list, source: "fixture", actor: "test")
        try store.signPendingCredentials(with: key)
        for c in try store.credentials() { payloads[c.code] = c.payload }
        token = try store.createToken(role: .kiosk, name: "Cửa", actor: "test").token
        _ = try store.openSitting(name: "Phiên khai mạc", actor: "test")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `body` with the server listening; the port it got is passed in.
    func serve(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let app = Application(router: CongressApp.router(store: store),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client.port ?? 0) }
    }

    func station(_ name: String, port: Int, data: String? = nil) throws -> Station {
        let dir = data ?? directory.appendingPathComponent("kiosk-\(name)").path
        return try Station(name: name, entrance: .delegates, store: try StationStore(directory: dir),
                           link: try ServerLink(server: "http://127.0.0.1:\(port)", token: token))
    }
}

@Suite("Scan station", .serialized)
struct StationTests {
    /// Every fixture badge, a tampered one, a forged one, garbage, a revoked and a replaced
    /// delegate: the door decides each as the server then does, with no correction, and
    /// the server ends up with exactly the official delegates admitted once.
    @Test func doorDecidesAsTheServerDoes() async throws {
        let hall = try HallFixture()
        let reissued = try hall.store.reissueCredential(code: "DB0002", reason: "mất thẻ", actor: "test", key: hall.key)
        let old = try #require(hall.payloads["DB0002"])
        hall.payloads["DB0002"] = reissued.payload
        _ = try hall.store.substitute(alternate: "DB0051", replaced: "DB0003", decision: "QĐ 12/BTC", actor: "test")
        let forger = CongressSigningKey()
        // signed by another key but claiming this congress's key id
        var forgedPayload = try forger.payload(code: "DB0007", serial: 1)
        forgedPayload.keyID = hall.key.keyID
        let forged = forgedPayload.text
        let genuine = try #require(hall.payloads["DB0010"])
        // one character of the signature changed (in the middle: the last one carries padding bits)
        var chars = Array(genuine)
        chars[chars.count - 20] = chars[chars.count - 20] == "A" ? "B" : "A"
        let tampered = String(chars)
        try await hall.serve { port in
            let station = try hall.station("A", port: port)
            let exchange = Task { await station.run() }
            defer { exchange.cancel() }
            #expect(await station.waitForCopy(timeout: .seconds(60)))
            var local: [String: ScanVerdict] = [:]
            for (code, payload) in hall.payloads.sorted(by: { $0.key < $1.key }) {
                let outcome = try #require(try station.scan(payload))
                local[code] = outcome.verdict
            }
            let odd = [old, forged, tampered, "khong phai the", genuine]
            let oddVerdicts = try odd.map { try #require(try station.scan($0)).verdict }
            #expect(oddVerdicts == [.revoked, .invalidSignature, .invalidSignature, .malformed, .alreadyAdmitted])
            #expect(local["DB0003"] == .notEligible, "a replaced delegate's badge is refused")
            #expect(local["DB0051"] == .admitted, "the alternate replacing them comes in")
            #expect(local["DB0049"] == .notEligible, "a guest at a delegates' door")
            #expect(await station.drain(timeout: .seconds(60)))
            let history = try station.store.history()
            #expect(history.count == hall.payloads.count + odd.count)
            for (item, server) in history { #expect(server == item.localVerdict, "\(item.localCode ?? item.payload)") }
            let admitted = try hall.store.admissions(sittingID: try #require(try hall.store.openSittingNow()).id)
            #expect(Set(admitted.keys) == hall.official.subtracting(["DB0003"]).union(["DB0051"]))
            #expect(Set(admitted.values.map(\.station)) == ["A"])
        }
    }

    /// Two doors offline admit the same delegate: the server records one admission, answers
    /// the other with already_admitted, that door shows a correction, and the duplicate is
    /// on the delegate's scans for the secretariat.
    @Test func secondOfflineAdmissionBecomesACorrection() async throws {
        let hall = try HallFixture()
        let payload = try #require(hall.payloads["DB0005"])
        try await hall.serve { port in
            let a = try hall.station("A", port: port)
            let b = try hall.station("B", port: port)
            // Both take their copy, then lose the network (their exchange is not running).
            try a.install(try await a.link.bootstrap())
            try b.install(try await b.link.bootstrap())
            #expect(try a.scan(payload)?.verdict == .admitted)
            #expect(try b.scan(payload)?.verdict == .admitted)
            let runA = Task { await a.run() }
            #expect(await a.drain(timeout: .seconds(60)))
            runA.cancel()
            var corrections = b.events.makeAsyncIterator()
            let runB = Task { await b.run() }
            defer { runB.cancel() }
            #expect(await b.drain(timeout: .seconds(60)))
            var correction: ScanOutcome?
            while correction == nil, let event = await corrections.next() {
                if case .correction(let c) = event { correction = c }
            }
            #expect(correction?.verdict == .alreadyAdmitted)
            #expect(correction?.was == .admitted)
            #expect(correction?.first?.station == "A")
            #expect(correction?.code == "DB0005")
            let scans = try hall.store.scans(code: "DB0005")
            #expect(scans.map(\.verdict) == [.admitted, .alreadyAdmitted])
            #expect(scans.map(\.station) == ["A", "B"])
            // and door B now knows where they came in
            #expect(try b.scan(payload)?.first?.station == "A")
        }
    }

    /// A door offline while the morning sitting closes and the afternoon one opens: what it
    /// admitted in the morning counts for the morning, with no correction, and does not
    /// make those delegates "already in" for the afternoon at this door.
    @Test func aDoorOfflineAcrossAChangeOfSitting() async throws {
        let hall = try HallFixture()
        let morning = try #require(try hall.store.openSittingNow())
        try await hall.serve { port in
            let station = try hall.station("A", port: port)
            try station.install(try await station.link.bootstrap())
            // offline (the exchange is not running): two delegates come in in the morning
            let codes = ["DB0010", "DB0011"]
            for code in codes { #expect(try station.scan(hall.payloads[code] ?? "")?.verdict == .admitted) }
            try await Task.sleep(for: .milliseconds(50))
            _ = try hall.store.closeSitting(actor: "test")
            let afternoon = try hall.store.openSitting(name: "Phiên chiều", actor: "test")
            // the door takes a fresh copy (as after a restart) before its outbox goes: the
            // afternoon is open in it, and the morning's unsent admissions stay out of it
            try station.install(try await station.link.bootstrap())
            let exchange = Task { await station.run() }
            defer { exchange.cancel() }
            #expect(await station.drain(timeout: .seconds(60)))
            try await until { station.state.withLock { $0.copy?.sitting?.id == afternoon.id } }
            #expect(Set(try hall.store.admissions(sittingID: morning.id).keys) == Set(codes))
            #expect(try hall.store.admissions(sittingID: afternoon.id).isEmpty)
            for (item, server) in try station.store.history() { #expect(server == item.localVerdict) }
            // in the afternoon the same badges are first admissions, at the door and on the server
            for code in codes { #expect(try station.scan(hall.payloads[code] ?? "")?.verdict == .admitted, "\(code)") }
            #expect(await station.drain(timeout: .seconds(60)))
            #expect(Set(try hall.store.admissions(sittingID: afternoon.id).keys) == Set(codes))
            // nothing the door showed was corrected (a correction is a verdict that differs)
            for (item, server) in try station.store.history() { #expect(server == item.localVerdict) }
        }
    }

    /// The change feed keeps a door current: an admission at another door, a reissued badge,
    /// a substitution (which needs a fresh copy) all reach it without a restart.
    @Test func changeFeedKeepsTheDoorCurrent() async throws {
        let hall = try HallFixture()
        try await hall.serve { port in
            let station = try hall.station("A", port: port)
            let exchange = Task { await station.run() }
            defer { exchange.cancel() }
            #expect(await station.waitForCopy(timeout: .seconds(60)))
            try hall.store.recordAdmission(code: "DB0008", station: "B", actor: "test")
            let reissued = try hall.store.reissueCredential(code: "DB0009", reason: "in lại", actor: "test", key: hall.key)
            _ = try hall.store.substitute(alternate: "DB0099", replaced: "DB0003", decision: "QĐ 13/BTC", actor: "test")
            try await until { station.state.withLock { $0.copy?.roster.entries["DB0003"]?.replaced == true } }
            #expect(try station.scan(hall.payloads["DB0008"] ?? "")?.verdict == .alreadyAdmitted)
            #expect(try station.scan(hall.payloads["DB0009"] ?? "")?.verdict == .revoked)
            #expect(try station.scan(reissued.payload ?? "")?.verdict == .admitted)
            #expect(try station.scan(hall.payloads["DB0003"] ?? "")?.verdict == .notEligible)
            #expect(try station.scan(hall.payloads["DB0099"] ?? "")?.verdict == .admitted)
        }
    }

    /// A restarted kiosk with no network starts from its own store: same copy, same outbox;
    /// when the server is back the outbox drains, each scan once.
    @Test func restartOfflineThenDrain() async throws {
        let hall = try HallFixture()
        let data = hall.directory.appendingPathComponent("kiosk-R").path
        let codes = ["DB0001", "DB0002", "DB0004", "DB0005"]
        var ids: [String] = []
        try await hall.serve { port in
            let first = try hall.station("R", port: port, data: data)
            try first.install(try await first.link.bootstrap())
        }
        // The server is gone: a port nothing listens on.
        let offline = try hall.station("R", port: 9, data: data)
        #expect(offline.hasCopy, "the copy saved at the last start")
        for code in codes {
            let outcome = try #require(try offline.scan(hall.payloads[code] ?? ""))
            #expect(outcome.verdict == .admitted)
            ids.append(outcome.id)
        }
        #expect(try offline.scan(hall.payloads["DB0001"] ?? "")?.verdict == .alreadyAdmitted)
        let manual = try #require(try offline.admitManually(code: "DB0006", reason: "Quên thẻ"))
        #expect(manual.verdict == .admitted)
        let run = Task { await offline.run() }
        try await Task.sleep(for: .milliseconds(300))
        #expect(offline.status().connection != .online)
        #expect(offline.status().unsent == 6)
        run.cancel()
        try await hall.serve { port in
            let back = try hall.station("R", port: port, data: data)
            let exchange = Task { await back.run() }
            defer { exchange.cancel() }
            #expect(await back.drain(timeout: .seconds(60)))
            // posting the same ids again records nothing new
            let again = try await back.link.post(ScanBatch(scans: try back.store.history().map {
                var s = $0.item.wire
                s.station = "R"
                return s
            }))
            #expect(again.map(\.verdict) == [.admitted, .admitted, .admitted, .admitted, .alreadyAdmitted, .admitted])
        }
        let sitting = try #require(try hall.store.openSittingNow())
        let admitted = try hall.store.admissions(sittingID: sitting.id)
        #expect(Set(admitted.keys) == Set(codes + ["DB0006"]))
        #expect(try hall.store.scans(code: "DB0001").count == 2)
        let manualEvents = try hall.store.attendance(code: "DB0006")
        #expect(manualEvents.map(\.kind) == ["manual"])
        #expect(manualEvents.first?.station == "R")
        #expect(manualEvents.first?.reason == "Quên thẻ")
    }

    /// A scanner's key bounce: the same payload within a second is a repeat, not sent;
    /// after a second it is a scan again.
    @Test func keyBounceIsShownOnce() async throws {
        let hall = try HallFixture()
        try await hall.serve { port in
            let station = try hall.station("K", port: port)
            try station.install(try await station.link.bootstrap())
            let payload = try #require(hall.payloads["DB0001"])
            let t0 = ContinuousClock.now
            let first = try #require(try station.scan(payload, readAt: t0))
            let bounce = try #require(try station.scan(payload, readAt: t0 + .milliseconds(300)))
            let later = try #require(try station.scan(payload, readAt: t0 + .milliseconds(1800)))
            #expect(!first.isRepeat && bounce.isRepeat && !later.isRepeat)
            #expect(later.verdict == .alreadyAdmitted)
            #expect(try station.store.unsentCount() == 2)
            #expect(bounce.json.contains("\"repeat\":true"))
        }
    }
}

/// Waits up to a minute for a condition (long: on two cores the end-to-end tests that wait
/// on processes can hold the shared threads for a while).
func until(_ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while try !condition() {
        try #require(ContinuousClock.now < deadline, "timed out")
        try await Task.sleep(for: .milliseconds(20))
    }
}
