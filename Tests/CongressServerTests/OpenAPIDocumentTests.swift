import CongressCore
import CongressServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document describes every request and answer, read off the handlers' own
/// types; schemathesis (make test, scripts/api-conformance.sh) checks the live server
/// against it. These check the document's shape and the answers schemathesis cannot reach.
@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    static func document(_ fixture: ServerFixture) async throws -> [String: Any] {
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { try json($0) }
        }
    }

    @Test func everyRequestAndAnswerIsDescribed() async throws {
        let fixture = try ServerFixture()
        let doc = try await Self.document(fixture)
        let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(method) \(path)")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) says what success is")
                if path != "/api/v1/openapi.json" {
                    #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path) documents its refusals")
                }
                if method == "post", path != "/api/v1/sittings/close" {
                    let body = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]
                    #expect(body?["application/json"] != nil, "\(method) \(path) describes its body")
                    #expect(responses["400"] != nil && responses["413"] != nil, "\(method) \(path): a body it cannot read")
                }
            }
        }
        // read off the types: a scan's fields, its limits, and a manual admission's reason
        let scan = try #require(((((paths["/api/v1/scans"]?["post"]?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
            as? [String: Any])?["schema"] as? [String: Any])?["properties"] as? [String: Any])
        let item = try #require((scan["scans"] as? [String: Any])?["items"] as? [String: Any])
        #expect((item["required"] as? [String])?.sorted() == ["id", "payload", "station"])
        let properties = try #require(item["properties"] as? [String: [String: Any]])
        #expect(properties["id"]?["format"] as? String == "uuid")
        #expect(properties["station"]?["maxLength"] as? Int == 64)
        #expect((properties["entrance"]?["enum"] as? [String])?.sorted() == ["all", "delegates"])
        #expect(properties["scanned_at"]?["type"] as? [String] == ["string", "null"], "an optional field may be null or absent")
        #expect(item["allOf"] != nil, "a code calls for its reason")
        // a refusal's body
        let refusal = try #require(((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Refusal"] as? [String: Any])
        #expect(refusal["required"] as? [String] == ["error"])
        // the tally, as congress tally --json writes it
        let result = try #require(paths["/api/v1/elections/{id}/result"]?["get"])
        let tally = ((((result["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
            as? [String: Any])?["schema"] as? [String: Any]
        #expect((tally?["required"] as? [String])?.contains("seats_open") == true)
    }

    /// A path that is there, asked with a method it does not take, answers 405 and says which
    /// methods it takes; a path that is not there stays 404.
    @Test func aMethodAPathDoesNotTakeIs405() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for (method, path, allow) in [(HTTPRequest.Method.trace, "/api/v1/quorum", "GET"), (.delete, "/api/v1/sittings", "GET, POST"),
                                          (.put, "/api/v1/elections/7/ballots", "POST")] {
                try await client.execute(uri: path, method: method, headers: fixture.headers(.admin)) { r in
                    #expect(r.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(r.headers[.allow] == allow)
                    #expect(String(buffer: r.body).contains("\"code\":\"method_not_allowed\""))
                }
            }
            try await client.execute(uri: "/api/v1/nowhere", method: .trace, headers: fixture.headers(.admin)) { #expect($0.status == .notFound) }
        }
    }

    /// The long poll, left out of schemathesis' run (a `wait` of 30 s a case): its parameters
    /// are numbers in range or the request is refused, never read as zero.
    @Test func theFeedsParametersAreNumbersInRange() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for query in ["wait=null", "wait=31", "wait=-1", "since=-1", "since=abc", "since=99999999999999999999"] {
                try await client.execute(uri: "/api/v1/changes?\(query)", method: .get, headers: fixture.headers(.kiosk)) { r in
                    #expect(r.status == .badRequest, "\(query)")
                    #expect(String(buffer: r.body).contains("\"code\":\"invalid_"), "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/changes?since=0&wait=0", method: .get, headers: fixture.headers(.kiosk)) { #expect($0.status == .ok) }
        }
    }
}
