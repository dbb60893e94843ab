import CongressCore
import CongressServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Live server")
struct LiveTests {
    /// The hall screen's event stream: a board when it connects, and a new one after a scan,
    /// on a real server bound to 127.0.0.1 on a free port. (How soon is measured by
    /// `make bench`, not asserted here where other tests share the two cores.)
    @Test func boardEventFollowsAScanWithinASecond() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên thứ nhất", actor: "test")
        let app = Application(router: CongressApp.router(store: fixture.store),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let viewer = fixture.tokens[.viewer] ?? ""
            let port = client.port ?? 0
            #expect(port > 0)
            let stream = try EventStreamReader(port: port, path: "/board/events?token=\(viewer)")
            func nextBoard() async throws -> [String: Any]? {
                // the socket is read on a thread of its own, not one of Swift's few shared ones
                let data: Data? = await withCheckedContinuation { done in
                    // generous: the whole suite runs at once on two cores, and what is asserted
                    // is that the event comes, not how soon (make bench measures that)
                    DispatchQueue.global().async { done.resume(returning: stream.next(event: "board", timeout: 60)) }
                }
                return try data.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            }
            let first = try await nextBoard()
            #expect(first?["present"] as? Int == 0)
            #expect(first?["sitting"] as? String == "Phiên thứ nhất")

            let payload = try #require(fixture.payloads["DB0001"])
            let scan = try body(["scans": [["id": UUID().uuidString, "station": "A", "payload": payload]]])
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: fixture.headers(.kiosk), body: scan) { r in
                #expect(r.status == .ok)
            }
            let next = try await nextBoard()
            #expect(next?["present"] as? Int == 1)
            #expect(((next?["latest"] as? [[String: Any]])?.first)?["name"] as? String == "Hà Kim Nga")
        }
    }

    /// A stream outlives the request that opened it: when its token is revoked (here in the
    /// store, as the CLI does from another process), the hall screen's stream and the API's
    /// end within seconds (an outside try saw both still delivering after the revocation).
    @Test func aRevokedTokensStreamsEnd() async throws {
        let fixture = try ServerFixture()
        let app = Application(router: CongressApp.router(store: fixture.store),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let viewer = fixture.tokens[.viewer] ?? ""
            let port = client.port ?? 0
            let board = try EventStreamReader(port: port, path: "/board/events?token=\(viewer)")
            let api = try EventStreamReader(port: port, path: "/api/v1/events", headers: ["Authorization": "Bearer \(viewer)"])
            // both are open: neither ends while the token holds
            let open = await offThread { (board.ends(within: 3), api.ends(within: 1)) }
            #expect(open == (false, false))
            for token in try fixture.store.tokens() where token.role == .viewer { try fixture.store.revokeToken(String(token.id), actor: "test") }
            // within seconds; a loaded test run (every suite at once on two cores) may slow the ticks
            let ended = await offThread { (board.ends(within: 30), api.ends(within: 30)) }
            #expect(ended == (true, true), "board, API")
        }
    }
}
