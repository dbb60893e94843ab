import CongressCore
import Documents
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `congress serve` as a separate process on the fixture congress, driven over loopback
/// as kiosks and the hall screen would, then stopped.
@Suite("congress serve, end to end")
struct ServerProcessTests {
    static func request(_ url: String, method: String = "GET", token: String?, body: String? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    @Test func kiosksAdmitTheFixtureCongressAndQuorumFollows() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let kiosk = try cli.run(["token", "create", "--role", "kiosk", "--name", "Cửa A"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let viewer = try cli.run(["token", "create", "--role", "viewer", "--name", "Màn hình"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(kiosk.hasPrefix("cg_") && viewer.hasPrefix("cg_"))
        #expect(try cli.run(["sitting", "open", "Phiên chính thức"]).status == 0)
        let credentials = try #require(try JSONSerialization.jsonObject(
            with: Data(try cli.run(["credentials", "--json"]).out.utf8)) as? [[String: Any]])
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        let official = Set(delegates.filter { $0.kind.isOfficial }.map(\.code))

        let server = try ServerProcess(cli: cli)
        try server.start()
        let base = server.url

        // two stations, 150 delegates each, in batches
        let scans = credentials.prefix(300).map { c -> String in
            "{\"id\":\"\(UUID().uuidString)\",\"station\":\"A\",\"payload\":\"\(c["payload"] as? String ?? "")\"}"
        }
        var admitted: Set<String> = []
        for start in stride(from: 0, to: scans.count, by: 50) {
            let body = "{\"scans\":[\(scans[start..<min(start + 50, scans.count)].joined(separator: ","))]}"
            let (status, answer) = try await Self.request(base + "/api/v1/scans", method: "POST", token: kiosk, body: body)
            #expect(status == 200)
            for r in answer["results"] as? [[String: Any]] ?? [] where r["verdict"] as? String == "admitted" {
                admitted.insert(r["code"] as? String ?? "")
            }
        }
        #expect(admitted == official, "every official delegate admitted; guests and alternates refused at a delegates' door")
        let (status, quorum) = try await Self.request(base + "/api/v1/quorum", token: viewer)
        #expect(status == 200)
        #expect(quorum["present"] as? Int == official.count)
        #expect(quorum["convened"] as? Int == official.count)
        #expect(quorum["holds"] as? Bool == true)
        #expect(try await Self.request(base + "/api/v1/quorum", token: nil).0 == 401)

        server.stop()
        // what the server wrote is in the file: the command line reads the same figures
        let cliQuorum = try cli.run(["quorum", "--json"]).out
        #expect(cliQuorum.contains("\"present\" : \(official.count)"))
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }
}
