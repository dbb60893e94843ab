import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Scans, attendance, quorum and substitution")
struct ScanTests {
    static func scan(_ payload: String, station: String = "A", id: UUID = UUID(), entrance: String = "delegates") -> [String: Any] {
        ["id": id.uuidString, "station": station, "payload": payload, "scanned_at": "2026-11-21T07:30:00Z", "entrance": entrance]
    }

    func post(_ client: some TestClientProtocol, _ fixture: ServerFixture, _ scans: [[String: Any]]) async throws -> [[String: Any]] {
        try await client.execute(uri: "/api/v1/scans", method: .post, headers: fixture.headers(.kiosk),
                                 body: try body(["scans": scans])) { r in
            #expect(r.status == .ok)
            return (try json(r)["results"] as? [[String: Any]]) ?? []
        }
    }

    @Test func verdictsOfTheKioskContract() async throws {
        let fixture = try ServerFixture()
        let payload = try #require(fixture.payloads["DB0001"])
        try await fixture.application.test(.router) { client in
            // before any sitting is open
            #expect(try await post(client, fixture, [Self.scan(payload)]).first?["verdict"] as? String == "no_open_sitting")
            _ = try fixture.store.openSitting(name: "Phiên thứ nhất", actor: "test")
            let first = try #require(try await post(client, fixture, [Self.scan(payload, station: "A")]).first)
            #expect(first["verdict"] as? String == "admitted")
            #expect(first["code"] as? String == "DB0001")
            #expect(first["name"] as? String == "Hà Kim Nga")
            #expect(first["kind"] as? String == "official")
            #expect(first["sitting"] as? String == "Phiên thứ nhất")
            let again = try #require(try await post(client, fixture, [Self.scan(" \(payload.lowercased())\r\n", station: "B")]).first)
            #expect(again["verdict"] as? String == "already_admitted")
            #expect(again["first_station"] as? String == "A")
            #expect(again["first_at"] != nil)

            var forged = Array(payload)
            forged[forged.count - 5] = forged[forged.count - 5] == "A" ? "B" : "A"
            let other = try CongressSigningKey().payload(code: "DB0002", serial: 1).text
            let unknown = try fixture.key.payload(code: "XX999", serial: 1).text
            let guest = try #require(fixture.payloads["DB0049"])  // Khách mời in the fixture
            let verdicts = try await post(client, fixture, [
                Self.scan(String(forged)), Self.scan(other), Self.scan("hello"), Self.scan(unknown), Self.scan(guest),
                Self.scan(guest, entrance: "all"),
            ]).map { $0["verdict"] as? String }
            #expect(verdicts == ["invalid_signature", "invalid_signature", "malformed", "unknown_delegate", "not_eligible", "admitted"])

            // a reissued badge: the old one is revoked
            let old = try #require(fixture.payloads["DB0002"])
            _ = try fixture.store.reissueCredential(code: "DB0002", reason: "mất thẻ", actor: "test", key: fixture.key)
            #expect(try await post(client, fixture, [Self.scan(old)]).first?["verdict"] as? String == "revoked")
        }
        let scans = try fixture.store.scans(code: "DB0001")
        #expect(scans.map(\.verdict) == [.noOpenSitting, .admitted, .alreadyAdmitted], "refusals are recorded too")
    }

    @Test func sameIdsRecordOnceEvenConcurrently() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên 1", actor: "test")
        let batch = try body(["scans": try ["DB0003", "DB0004", "DB0005"].map { Self.scan(try #require(fixture.payloads[$0]), id: UUID()) }])
        let headers = fixture.headers(.kiosk)
        try await fixture.application.test(.router) { client in
            let verdicts = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/scans", method: .post, headers: headers, body: batch) { r in
                            ((try json(r)["results"] as? [[String: Any]]) ?? []).map { $0["verdict"] as? String ?? "" }
                        }
                    }
                }
                var all: [[String]] = []
                for try await a in group { all.append(a) }
                return all
            }
            #expect(Set(verdicts.map { $0.joined(separator: ",") }).count == 1, "every post gets the same answers: \(verdicts)")
            #expect(verdicts.first == ["admitted", "admitted", "admitted"])
        }
        let sitting = try #require(try fixture.store.openSittingNow())
        #expect(try fixture.store.admissions(sittingID: sitting.id).count == 3)
        #expect(try fixture.store.scans(code: "DB0003").count == 1, "one scan row however often it was posted")
    }

    /// Six official delegates convened: quorum needs exactly four. Guests and an alternate
    /// who replaces no one are scanned too and never count.
    @Test func quorumOnTheTwoThirdsBoundary() async throws {
        let delegates = (1...6).map { Delegate(code: "O\($0)", name: "Lê Văn \($0)", sex: .male, delegation: "CĐ A", kind: .elected) }
            + [Delegate(code: "G1", name: "Khách Một", sex: .female, delegation: "CĐ A", kind: .guest),
               Delegate(code: "A1", name: "Dự Khuyết", sex: .female, delegation: "CĐ A", kind: .alternate)]
        let fixture = try ServerFixture(delegates: delegates)
        _ = try fixture.store.openSitting(name: "Phiên chính thức", actor: "test")
        try await fixture.application.test(.router) { client in
            func quorum(_ client: some TestClientProtocol) async throws -> [String: Any] {
                try await client.execute(uri: "/api/v1/quorum", method: .get, headers: fixture.headers(.viewer)) { try json($0) }
            }
            func admit(_ client: some TestClientProtocol, _ code: String) async throws {
                _ = try await post(client, fixture, [Self.scan(try #require(fixture.payloads[code]), entrance: "all")])
            }
            for code in ["O1", "O2", "O3", "G1", "A1"] { try await admit(client, code) }
            var q = try await quorum(client)
            #expect(q["present"] as? Int == 3)
            #expect(q["convened"] as? Int == 6)
            #expect(q["holds"] as? Bool == false, "3 × 3 = 9 < 12")
            #expect(q["missing"] as? Int == 1)
            try await admit(client, "O4")
            q = try await quorum(client)
            #expect(q["present"] as? Int == 4)
            #expect(q["holds"] as? Bool == true, "3 × 4 = 12 ≥ 12")
            #expect(q["percent"] as? String == "66,67")

            // O4 is replaced by A1 (already in the hall): O4 stops counting, A1 starts; convened stays 6
            try await client.execute(uri: "/api/v1/substitutions", method: .post, headers: fixture.headers(.credentials),
                                     body: try body(["alternate": "A1", "replaced": "O4", "decision": "QĐ số 12/QĐ-LĐLĐ"])) { r in
                #expect(r.status == .ok)
            }
            q = try await quorum(client)
            #expect(q["present"] as? Int == 4)
            #expect(q["convened"] as? Int == 6)
            // the replaced delegate's badge is refused from now on
            let o5 = try await post(client, fixture, [Self.scan(try #require(fixture.payloads["O4"]))])
            #expect(o5.first?["verdict"] as? String == "not_eligible")
            // a second substitution for the same alternate is refused
            try await client.execute(uri: "/api/v1/substitutions", method: .post, headers: fixture.headers(.credentials),
                                     body: try body(["alternate": "A1", "replaced": "O5", "decision": "x"])) { r in
                #expect(r.status == .conflict)
            }
            // reverting needs a reason, and brings O4 back
            try await client.execute(uri: "/api/v1/substitutions/1/revert", method: .post, headers: fixture.headers(.credentials),
                                     body: try body(["reason": "nhầm người"])) { #expect($0.status == .noContent) }
            q = try await quorum(client)
            #expect(q["present"] as? Int == 4)
        }
        #expect(try fixture.store.auditEntries().contains { $0.action == "substitution.revert" && $0.details.contains("nhầm người") })
    }

    @Test func bootstrapAndChangeFeed() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên 1", actor: "test")
        try await fixture.application.test(.router) { client in
            let boot = try await client.execute(uri: "/api/v1/kiosk/bootstrap", method: .get, headers: fixture.headers(.kiosk)) { try json($0) }
            #expect((boot["roster"] as? [[String: Any]])?.count == 300)
            #expect((boot["public_keys"] as? [[String: Any]])?.first?["key_id"] as? String == fixture.key.keyID)
            let cursor = try #require(boot["cursor"] as? Int)
            #expect(String(describing: boot).contains(fixture.key.rawRepresentation.base64EncodedString()) == false)

            _ = try await post(client, fixture, [Self.scan(try #require(fixture.payloads["DB0010"]), station: "B")])
            _ = try fixture.store.reissueCredential(code: "DB0011", reason: "mất thẻ", actor: "test", key: fixture.key)
            let changes = try await client.execute(uri: "/api/v1/changes?since=\(cursor)", method: .get, headers: fixture.headers(.kiosk)) { try json($0) }
            let events = try #require(changes["events"] as? [[String: Any]])
            #expect(events.map { $0["kind"] as? String } == ["admission", "revocation"])
            #expect((events[0]["data"] as? [String: Any])?["station"] as? String == "B")
            let next = try #require(changes["cursor"] as? Int)
            // nothing new: a long-poll returns empty when its wait is over
            let start = ContinuousClock.now
            let empty = try await client.execute(uri: "/api/v1/changes?since=\(next)&wait=0.3", method: .get, headers: fixture.headers(.kiosk)) { try json($0) }
            #expect((empty["events"] as? [Any])?.isEmpty == true)
            #expect(ContinuousClock.now - start >= .milliseconds(250))
        }
    }

    @Test func manualAdmissionAndUndo() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên 1", actor: "test")
        try await fixture.application.test(.router) { client in
            let admitted = try await client.execute(uri: "/api/v1/admissions", method: .post, headers: fixture.headers(.kiosk),
                                                    body: try body(["code": "db0020", "station": "A", "reason": "quên thẻ"])) { try json($0) }
            #expect(admitted["verdict"] as? String == "admitted")
            let again = try await client.execute(uri: "/api/v1/admissions", method: .post, headers: fixture.headers(.kiosk),
                                                 body: try body(["code": "DB0020", "station": "B", "reason": "quên thẻ"])) { try json($0) }
            #expect(again["verdict"] as? String == "already_admitted")
            #expect(again["first_station"] as? String == "A")
            try await client.execute(uri: "/api/v1/admissions/undo", method: .post, headers: fixture.headers(.credentials),
                                     body: try body(["code": "DB0020", "reason": "quét nhầm"])) { #expect($0.status == .noContent) }
            let q = try await client.execute(uri: "/api/v1/quorum", method: .get, headers: fixture.headers(.viewer)) { try json($0) }
            #expect(q["present"] as? Int == 0)
            try await client.execute(uri: "/api/v1/admissions", method: .post, headers: fixture.headers(.kiosk),
                                     body: try body(["code": "NOPE", "station": "A", "reason": "x"])) { #expect($0.status == .notFound) }
        }
        #expect(try fixture.store.auditEntries().contains { $0.action == "attendance.manual" && $0.details.contains("quên thẻ") })
    }
}
