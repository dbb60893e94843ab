import CongressCore
import CongressStore
import Foundation
import Hummingbird
import ServiceLifecycle

/// The JSON API under /api/v1 (DESIGN.md "HTTP API"), and the hall screen.
struct Routes {
    let store: StoreRunner
    let live: LiveEvents
    let committer: ScanCommitter

    /// Every route: method, path, and who may call it. The OpenAPI document is built from
    /// this list, and a test checks the router against it.
    static let table: [(method: HTTPRequest.Method, path: String, roles: String, summary: String)] = [
        (.get, "/api/v1/quorum", "any", "Quorum of the open sitting"),
        (.post, "/api/v1/scans", "kiosk", "Record a batch of scans, manual admissions (code + reason) included; idempotent by scan id"),
        (.get, "/api/v1/kiosk/bootstrap", "kiosk", "Public keys, roster, revocations, open sitting, admissions, feed cursor"),
        (.get, "/api/v1/changes", "kiosk", "Feed events after ?since=, waiting up to ?wait= seconds"),
        (.get, "/api/v1/delegates", "credentials, kiosk", "Delegates, ?search= ignoring case and diacritics"),
        (.post, "/api/v1/admissions", "credentials, kiosk", "Manual admission with station and reason"),
        (.post, "/api/v1/admissions/undo", "credentials", "Undo an admission, with a reason"),
        (.get, "/api/v1/sittings", "viewer", "Sittings and quorum records"),
        (.post, "/api/v1/sittings", "admin", "Open a sitting"),
        (.post, "/api/v1/sittings/close", "admin", "Close the open sitting"),
        (.post, "/api/v1/quorum/record", "admin", "Record the quorum now (the presidium asks)"),
        (.get, "/api/v1/substitutions", "credentials", "Substitutions"),
        (.post, "/api/v1/substitutions", "credentials", "Record a substitution"),
        (.post, "/api/v1/substitutions/{id}/revert", "credentials", "Revert a substitution, with a reason"),
        (.get, "/api/v1/board", "viewer", "The hall screen's figures"),
        (.get, "/api/v1/events", "viewer", "Server-Sent Events: the hall screen's figures whenever they change"),
        (.post, "/api/v1/elections/{id}/ballots", "counting", "Enter one paper ballot as this token's operator: serial, struck numbers, reasons"),
        (.post, "/api/v1/elections/{id}/issues", "kiosk, counting", "The ballot desk: a badge (payload) or code receives this election's ballot"),
        (.get, "/api/v1/elections/{id}/result", "counting, viewer, credentials", "The tally; sealed (counting only) until published"),
        (.get, "/api/v1/openapi.json", "public", "This document"),
        (.get, "/board", "viewer", "The hall screen (HTML); ?token= for browsers"),
    ]

    func add(to router: Router<CongressRequestContext>) {
        let api = router.group("api/v1")
        api.get("quorum") { _, context in
            _ = try context.require(.viewer, .kiosk, .credentials, .counting)
            let (sitting, quorum) = try await store.run { try $0.quorum() }
            return QuorumFigures(sitting: sitting, quorum: quorum)
        }
        api.post("scans") { request, context -> ScanResults in
            _ = try context.require(.kiosk)
            let batch = try await request.decode(as: ScanBatch.self, context: context)
            guard batch.scans.count <= 500 else { throw Refusal(.contentTooLarge, code: "batch_too_large", vi: "Mỗi lần gửi tối đa 500 lượt quét.", en: "At most 500 scans a batch.") }
            let actor = context.actor
            let offset = KioskClock.offset(sentAt: batch.sent_at.map { String($0.prefix(40)) }, received: Date())
            let inputs = try batch.scans.map { scan -> ScanInput in
                guard UUID(uuidString: scan.id) != nil else {
                    throw Refusal(.badRequest, code: "invalid_scan_id", vi: "scans[].id phải là UUID: \(scan.id.prefix(60))", en: "scans[].id must be a UUID: \(scan.id.prefix(60))")
                }
                guard !scan.station.isEmpty, scan.station.count <= 64 else {
                    throw Refusal(.badRequest, code: "invalid_station", vi: "scans[].station: 1–64 ký tự.", en: "scans[].station: 1–64 characters.")
                }
                var manual: ScanInput.Manual?
                if let code = scan.code {
                    let reason = (scan.reason ?? "").trimmingCharacters(in: .whitespaces)
                    guard !reason.isEmpty, reason.count <= 200 else {
                        throw Refusal(.badRequest, code: "reason_required", vi: "scans[].reason: cần lý do cho việc cho vào thủ công (1–200 ký tự).", en: "scans[].reason: a manual admission needs a reason (1–200 characters).")
                    }
                    manual = .init(code: String(code.uppercased().prefix(32)), reason: reason)
                }
                return ScanInput(id: scan.id, station: scan.station, payload: String(scan.payload.prefix(1024)),
                                 scannedAt: scan.scanned_at.map { KioskClock.corrected(String($0.prefix(40)), by: offset) },
                                 entrance: scan.entrance ?? .delegates,
                                 manual: manual, actor: actor)
            }
            let results = try await committer.record(inputs)
            if results.contains(where: { $0.verdict == .admitted }) { await live.changed() }
            return ScanResults(results: results)
        }
        api.get("kiosk/bootstrap") { _, context -> KioskBootstrap in
            _ = try context.require(.kiosk)
            return try await store.run { store in try Self.bootstrap(store) }
        }
        api.get("changes") { request, context -> FeedChanges in
            _ = try context.require(.kiosk)
            let since = request.uri.queryParameters.get("since", as: Int64.self) ?? 0
            let wait = min(max(request.uri.queryParameters.get("wait", as: Double.self) ?? 0, 0), 30)
            let deadline = ContinuousClock.now + .milliseconds(Int(wait * 1000))
            var version = await live.currentVersion()
            while true {
                let events = try await store.run { try $0.feed(after: since, limit: 500) }
                // A server shutting down answers at once rather than hold the shutdown.
                if !events.isEmpty || ContinuousClock.now >= deadline || Task.isShuttingDownGracefully {
                    let cursor = events.last?.seq ?? since
                    return FeedChanges(cursor: cursor, events: events.map(Self.body))
                }
                // Long-poll: look again when something changes, or every 250 ms.
                for _ in 0..<25 where await live.currentVersion() == version && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                version = await live.currentVersion()
            }
        }
        api.get("delegates") { request, context -> DelegatesBody in
            _ = try context.require(.credentials, .kiosk)
            let search = request.uri.queryParameters.get("search")
            return try await store.run { store in
                let roster = try store.roster()
                var delegates = try store.delegates()
                if let search { delegates = DelegateSearchIndex(delegates).search(search, limit: 200) }
                return DelegatesBody(delegates: delegates.map { RosterEntry($0, in: roster) })
            }
        }
        api.post("admissions") { request, context -> AdmissionAnswer in
            _ = try context.require(.credentials, .kiosk)
            let body = try await request.decode(as: ManualAdmissionBody.self, context: context)
            guard !body.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Refusal(.badRequest, code: "reason_required", vi: "reason: cần lý do.", en: "reason: a reason is required.")
            }
            let actor = context.actor
            let decision = try await store.run {
                try $0.admitManually(code: body.code.uppercased(), station: body.station, reason: body.reason, actor: actor,
                                     entrance: body.entrance ?? .delegates)
            }
            if decision.verdict == .admitted { await live.changed() }
            return AdmissionAnswer(verdict: decision.verdict, code: decision.code, first_at: decision.first?.at,
                                   first_station: decision.first?.station)
        }
        api.post("admissions/undo") { request, context -> HTTPResponse.Status in
            _ = try context.require(.credentials)
            let body = try await request.decode(as: UndoBody.self, context: context)
            let actor = context.actor
            try await store.run { try $0.undoAdmission(code: body.code.uppercased(), reason: body.reason, actor: actor) }
            await live.changed()
            return .noContent
        }
        api.get("sittings") { _, context -> SittingsBody in
            _ = try context.require(.viewer, .credentials, .kiosk, .counting)
            return try await store.run { store in
                SittingsBody(sittings: try store.sittings(), quorum_records: try store.quorumRecords())
            }
        }
        api.post("sittings") { request, context -> Sitting in
            _ = try context.require(.admin)
            let body = try await request.decode(as: OpenSittingBody.self, context: context)
            let name = body.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else { throw Refusal(.badRequest, code: "invalid_name", vi: "name: 1–100 ký tự.", en: "name: 1–100 characters.") }
            let actor = context.actor
            let sitting = try await store.run { try $0.openSitting(name: name, actor: actor) }
            await live.changed()
            return sitting
        }
        api.post("sittings/close") { _, context -> Sitting in
            _ = try context.require(.admin)
            let actor = context.actor
            let sitting = try await store.run { try $0.closeSitting(actor: actor) }
            await live.changed()
            return sitting
        }
        api.post("quorum/record") { request, context -> QuorumRecord in
            _ = try context.require(.admin)
            let body = try await request.decode(as: ReasonBody.self, context: context)
            let actor = context.actor
            return try await store.run { try $0.recordQuorum(reason: body.reason, actor: actor) }
        }
        api.get("substitutions") { _, context -> SubstitutionsBody in
            _ = try context.require(.credentials)
            return SubstitutionsBody(substitutions: try await store.run { try $0.substitutions() })
        }
        api.post("substitutions") { request, context -> Substitution in
            _ = try context.require(.credentials)
            let body = try await request.decode(as: SubstitutionBody.self, context: context)
            let actor = context.actor
            let s = try await store.run {
                try $0.substitute(alternate: body.alternate.uppercased(), replaced: body.replaced.uppercased(),
                                  decision: body.decision, actor: actor)
            }
            await live.changed()
            return s
        }
        api.post("substitutions/:id/revert") { request, context -> HTTPResponse.Status in
            _ = try context.require(.credentials)
            let id = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: ReasonBody.self, context: context)
            let actor = context.actor
            try await store.run { try $0.revertSubstitution(id: id, reason: body.reason, actor: actor) }
            await live.changed()
            return .noContent
        }
        api.get("board") { _, context -> Response in
            _ = try context.require(.viewer, .credentials, .counting)
            let board = try await store.run { store in try BoardSnapshot.make(store) }
            return Self.json(board.json)
        }
        api.get("events") { _, context -> Response in
            _ = try context.require(.viewer, .credentials, .counting)
            let (id, stream) = await live.subscribe()
            let live = self.live
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                defer { Task { await live.unsubscribe(id) } }
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                // Ends when the server shuts down, or when a write finds the screen gone.
                for await event in stream.cancelOnGracefulShutdown() { try await writer.write(ByteBuffer(string: event)) }
                try await writer.finish(nil)
            })
        }
        api.get("openapi.json") { _, _ in Self.json(OpenAPIDocument.json(Self.table)) }
        router.get("board") { request, context -> Response in
            _ = try context.require(.viewer, .credentials, .counting)
            let board = try await store.run { store in try BoardSnapshot.make(store) }
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: BoardPage.html(board, token: request.uri.queryParameters.get("token")))))
        }
    }

    static func json(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func body(_ e: FeedEvent) -> FeedEventBody {
        FeedEventBody(seq: e.seq, at: e.at, kind: e.kind,
                      data: (try? JSONDecoder().decode(JSONValue.self, from: Data(e.data.utf8))) ?? .null)
    }

    /// Everything a door needs, from one snapshot: the cursor is exactly the state it follows on from.
    static func bootstrap(_ store: CongressStore) throws(StoreError) -> KioskBootstrap {
        try store.snapshot { s in try bootstrap(s) }
    }

    static func bootstrap(_ store: StoreSnapshot) throws -> KioskBootstrap {
        let cursor = try store.feedCursor()
        let roster = try store.roster()
        let sitting = try store.openSitting()
        let admissions = try sitting.map { try store.admissions(sitting: $0.id) } ?? [:]
        return KioskBootstrap(
            public_keys: try store.signingKeys().map { .init(key_id: $0.keyID, public_key: $0.publicKey.base64EncodedString()) },
            roster: roster.delegates.values.sorted { $0.code < $1.code }.map { RosterEntry($0, in: roster) },
            revoked: try store.revokedCredentials().sorted { ($0.code, $0.serial) < ($1.code, $1.serial) },
            sitting: sitting,
            admitted: admissions.map { .init(code: $0.key, at: $0.value.at, station: $0.value.station) }.sorted { $0.code < $1.code },
            cursor: cursor,
            quorum: QuorumFigures(sitting: sitting, quorum: roster.quorum(admitted: Set(admissions.keys))),
            time_zone: try store.congress().timeZone)
    }
}

struct SubstitutionsBody: ResponseEncodable { var substitutions: [Substitution] }
