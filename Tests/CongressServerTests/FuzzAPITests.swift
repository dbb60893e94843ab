import CongressCore
import CongressServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Every JSON API body under random input, sent as an admin would (so the role check is
/// passed and the body reaches the route): no crash, never a 500, always a JSON error that
/// says what is wrong.
@Suite("Fuzz: JSON API bodies")
struct FuzzAPITests {
    @Test func everyPostedBody() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên 1", actor: "t")
        let e = try fixture.store.createElection(body: .chair, title: "Bầu Chủ tịch", seats: 1, actor: "t")
        try fixture.store.addCandidate(election: e.id, delegateCode: "DB0001", actor: "t")
        let serial = try #require(try fixture.store.printBallotSerials(election: e.id, count: 1, actor: "t").first)
        let payload = try #require(fixture.payloads["DB0002"])
        let seeds: [(String, String)] = [
            ("/api/v1/scans", #"{"scans":[{"id":"6F9619FF-8B86-D011-B42D-00C04FC964FF","station":"A","payload":"\#(payload)"}]}"#),
            ("/api/v1/admissions", #"{"code":"DB0004","station":"A","reason":"Quên thẻ"}"#),
            ("/api/v1/admissions/undo", #"{"code":"DB0004","reason":"nhầm"}"#),
            ("/api/v1/sittings", #"{"name":"Phiên 2"}"#),
            ("/api/v1/quorum/record", #"{"reason":"Đoàn Chủ tịch đề nghị"}"#),
            ("/api/v1/substitutions", #"{"alternate":"DB0051","replaced":"DB0003","decision":"QĐ 12"}"#),
            ("/api/v1/substitutions/1/revert", #"{"reason":"nhầm"}"#),
            ("/api/v1/elections/\(e.id)/ballots", #"{"serial":"\#(serial)","struck":[1],"marks":["unstamped"]}"#),
            ("/api/v1/elections/\(e.id)/issues", #"{"badge":"DB0002","station":"Bàn"}"#),
        ]
        try await fixture.application.test(.router) { client in
            var statuses: [Int: Int] = [:]
            for (path, seed) in seeds {
                var fuzzer = Fuzzer("api" + path.replacingOccurrences(of: "/", with: "-"))
                let inputs = Collector()
                // inputs made first (a tenth of the time), then sent: the sending is the slow part
                _ = fuzzer.run(seeds: [Array(seed.utf8)], seconds: Fuzzer.seconds / 10) { inputs.add($0) }
                for body in inputs.all {
                    let code = try await client.execute(uri: path, method: .post, headers: fixture.headers(.admin), body: ByteBuffer(bytes: body)) { r in
                        #expect(r.status.code < 500, "\(path) ← \(String(decoding: body, as: UTF8.self).prefix(200)) → \(r.status)")
                        if r.status.code >= 400 { #expect(String(buffer: r.body).contains("\"error\""), "\(path) answers a JSON error") }
                        return Int(r.status.code)
                    }
                    statuses[code, default: 0] += 1
                }
            }
            #expect(statuses.keys.contains { $0 >= 400 }, "\(statuses)")
        }
    }

    final class Collector: @unchecked Sendable {
        var all: [[UInt8]] = []
        func add(_ b: [UInt8]) { all.append(b) }
    }
}
