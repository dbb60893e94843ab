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
    let contacts = DoorContacts()

    /// Every route of the API: method, path, who may call it, what it takes and what it
    /// answers. The OpenAPI document is built from this list (OpenAPIDocument), a test checks
    /// the router against it, and schemathesis checks the live server against the document.
    static let table: [APIRoute] = [
        .init(.get, "/api/v1/quorum", roles: [.viewer, .kiosk, .credentials, .counting], "Quorum of the open sitting",
              answers: .json(JSONSchema.of(QuorumFigures.self))),
        .init(.post, "/api/v1/scans", roles: [.kiosk],
              "Record a batch of scans, manual admissions (code + reason) included; idempotent by scan id",
              request: JSONSchema.of(ScanBatch.self), answers: .json(JSONSchema.of(ScanResults.self)), refusals: [400, 413]),
        .init(.get, "/api/v1/kiosk/bootstrap", roles: [.kiosk], "Public keys, roster, revocations, open sitting, admissions, feed cursor",
              answers: .json(JSONSchema.of(KioskBootstrap.self))),
        .init(.get, "/api/v1/changes", roles: [.kiosk], "Feed events after ?since=, waiting up to ?wait= seconds",
              query: [("since", .limited(.integer, [.minimum(0)]), "the cursor last received (0 or more)"),
                      ("wait", .limited(.number, [.minimum(0), .maximum(30)]), "seconds to wait for a change, 0 to 30")],
              answers: .json(JSONSchema.of(FeedChanges.self)), refusals: [400]),
        .init(.get, "/api/v1/delegates", roles: [.credentials, .kiosk], "Delegates, ?search= ignoring case and diacritics",
              query: [("search", .string(values: nil), "words of a name, a code or a delegation")],
              answers: .json(JSONSchema.of(DelegatesBody.self))),
        .init(.post, "/api/v1/admissions", roles: [.credentials, .kiosk], "Manual admission with station and reason",
              request: JSONSchema.of(ManualAdmissionBody.self), answers: .json(JSONSchema.of(AdmissionAnswer.self)), refusals: [400, 404, 409]),
        .init(.post, "/api/v1/admissions/undo", roles: [.credentials], "Undo an admission, with a reason",
              request: JSONSchema.of(UndoBody.self), answers: .noContent, refusals: [400, 404, 409]),
        .init(.get, "/api/v1/sittings", roles: [.viewer, .credentials, .kiosk, .counting], "Sittings and quorum records",
              answers: .json(JSONSchema.of(SittingsBody.self))),
        .init(.post, "/api/v1/sittings", roles: [], "Open a sitting",
              request: JSONSchema.of(OpenSittingBody.self), answers: .json(JSONSchema.of(Sitting.self)), refusals: [400, 409]),
        .init(.post, "/api/v1/sittings/close", roles: [], "Close the open sitting",
              answers: .json(JSONSchema.of(Sitting.self)), refusals: [409]),
        .init(.post, "/api/v1/quorum/record", roles: [], "Record the quorum now (the presidium asks)",
              request: JSONSchema.of(ReasonBody.self), answers: .json(JSONSchema.of(QuorumRecord.self)), refusals: [400, 409]),
        .init(.get, "/api/v1/substitutions", roles: [.credentials], "Substitutions",
              answers: .json(JSONSchema.of(SubstitutionsBody.self))),
        .init(.post, "/api/v1/substitutions", roles: [.credentials], "Record a substitution",
              request: JSONSchema.of(SubstitutionBody.self), answers: .json(JSONSchema.of(Substitution.self)), refusals: [400, 404, 409]),
        .init(.post, "/api/v1/substitutions/{id}/revert", roles: [.credentials], "Revert a substitution, with a reason",
              request: JSONSchema.of(ReasonBody.self), answers: .noContent, refusals: [400, 404, 409]),
        .init(.get, "/api/v1/board", roles: [.viewer, .credentials, .counting], "The hall screen's figures",
              answers: .json(JSONSchema.of(BoardSnapshot.self))),
        .init(.get, "/api/v1/events", roles: [.viewer, .credentials, .counting],
              "Server-Sent Events: the hall screen's figures whenever they change", answers: .eventStream),
        .init(.post, "/api/v1/elections/{id}/ballots", roles: [.counting],
              "Enter one paper ballot as this token's operator: serial, struck numbers, reasons",
              request: JSONSchema.of(ElectionPages.EntryBody.self), answers: .json(JSONSchema.of(ElectionPages.EntryAnswer.self)),
              refusals: [400, 404, 409]),
        .init(.post, "/api/v1/elections/{id}/issues", roles: [.kiosk, .counting],
              "The ballot desk: a badge (payload) or code receives this election's ballot",
              request: JSONSchema.of(ElectionSetupPages.IssueBody.self), answers: .json(JSONSchema.of(ElectionSetupPages.IssueAnswer.self)),
              refusals: [400, 404, 409]),
        .init(.get, "/api/v1/elections/{id}/result", roles: [.counting, .viewer, .credentials],
              "The tally (congress tally --json's form); sealed (counting only) until published",
              answers: .json(JSONSchema.of(TallyResult.Contract.self)), refusals: [404, 409]),
        .init(.get, "/api/v1/openapi.json", roles: nil, "This document", answers: .json(.any)),
    ]

    func addRoutes(to router: GatedRouter) {
        let api = router.group("api/v1")
        api.get("quorum") { _, context in
            let (sitting, quorum) = try await store.run { try $0.quorum() }
            return QuorumFigures(sitting: sitting, quorum: quorum)
        }
        api.post("scans") { request, context -> ScanResults in
            let batch = try await request.decode(as: ScanBatch.self, context: context)
            guard batch.scans.count <= 500 else { throw Refusal(.contentTooLarge, code: "batch_too_large", vi: "Mỗi lần gửi tối đa 500 lượt quét.", en: "At most 500 scans a batch.") }
            let actor = context.actor
            let offset = KioskClock.offset(sentAt: batch.sent_at.map { String($0.prefix(40)) }, received: Date())
            let inputs = try batch.scans.map { scan -> ScanInput in
                guard UUID(uuidString: scan.id) != nil else {
                    throw Refusal(.badRequest, code: "invalid_scan_id", vi: "scans[].id phải là UUID: \(scan.id.prefix(60))", en: "scans[].id must be a UUID: \(scan.id.prefix(60))")
                }
                // limits in Unicode scalars, as JSON Schema counts them (the OpenAPI document says the same)
                guard (1...64).contains(scan.station.unicodeScalars.count) else {
                    throw Refusal(.badRequest, code: "invalid_station", vi: "scans[].station: 1–64 ký tự.", en: "scans[].station: 1–64 characters.")
                }
                var manual: ScanInput.Manual?
                // a reason, when sent, says something (a manual admission must send one)
                if scan.reason != nil || scan.code != nil {
                    let raw = scan.reason ?? ""
                    guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, raw.unicodeScalars.count <= 200 else {
                        throw Refusal(.badRequest, code: "reason_required", vi: "scans[].reason: cần lý do cho việc cho vào thủ công (1–200 ký tự).", en: "scans[].reason: a manual admission needs a reason (1–200 characters).")
                    }
                }
                if let code = scan.code {
                    manual = .init(code: String(code.uppercased().prefix(32)), reason: (scan.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
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
            try await noteContact(context)
            return try await store.run { store in try Self.bootstrap(store) }
        }
        api.get("changes") { request, context -> FeedChanges in
            // given, a parameter is a number in range, or the request is refused (not read as 0)
            let query = request.uri.queryParameters
            if let text = query.get("since"), Int64(text).map({ $0 >= 0 }) != true {
                throw Refusal(.badRequest, code: "invalid_since", vi: "since: cần số nguyên không âm (con trỏ đã nhận).",
                              en: "since: a whole number, 0 or more (the cursor last received).")
            }
            if let text = query.get("wait"), Double(text).map({ $0 >= 0 && $0 <= 30 }) != true {
                throw Refusal(.badRequest, code: "invalid_wait", vi: "wait: cần số giây từ 0 đến 30.", en: "wait: a number of seconds from 0 to 30.")
            }
            let since = query.get("since", as: Int64.self) ?? 0
            let wait = query.get("wait", as: Double.self) ?? 0
            try await noteContact(context)
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
            let search = request.uri.queryParameters.get("search")
            return try await store.run { store in
                let roster = try store.roster()
                var delegates = try store.delegates()
                if let search { delegates = DelegateSearchIndex(delegates).search(search, limit: 200) }
                return DelegatesBody(delegates: delegates.map { RosterEntry($0, in: roster) })
            }
        }
        api.post("admissions") { request, context -> AdmissionAnswer in
            let body = try await request.decode(as: ManualAdmissionBody.self, context: context)
            guard !body.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
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
            let body = try await request.decode(as: UndoBody.self, context: context)
            let actor = context.actor
            try await store.run { try $0.undoAdmission(code: body.code.uppercased(), reason: body.reason, actor: actor) }
            await live.changed()
            return .noContent
        }
        api.get("sittings") { _, context -> SittingsBody in
            return try await store.run { store in
                SittingsBody(sittings: try store.sittings(), quorum_records: try store.quorumRecords())
            }
        }
        api.post("sittings") { request, context -> Sitting in
            let body = try await request.decode(as: OpenSittingBody.self, context: context)
            let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, body.name.unicodeScalars.count <= 100 else { throw Refusal(.badRequest, code: "invalid_name", vi: "name: 1–100 ký tự.", en: "name: 1–100 characters.") }
            let actor = context.actor
            let sitting = try await store.run { try $0.openSitting(name: name, actor: actor) }
            await live.changed()
            return sitting
        }
        api.post("sittings/close") { _, context -> Sitting in
            let actor = context.actor
            let sitting = try await store.run { try $0.closeSitting(actor: actor) }
            await live.changed()
            return sitting
        }
        api.post("quorum/record") { request, context -> QuorumRecord in
            let body = try await request.decode(as: ReasonBody.self, context: context)
            let actor = context.actor
            return try await store.run { try $0.recordQuorum(reason: body.reason, actor: actor) }
        }
        api.get("substitutions") { _, context -> SubstitutionsBody in
            return SubstitutionsBody(substitutions: try await store.run { try $0.substitutions() })
        }
        api.post("substitutions") { request, context -> Substitution in
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
            let id = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: ReasonBody.self, context: context)
            let actor = context.actor
            try await store.run { try $0.revertSubstitution(id: id, reason: body.reason, actor: actor) }
            await live.changed()
            return .noContent
        }
        api.get("board") { _, context -> Response in
            let board = try await store.run { store in try BoardSnapshot.make(store) }
            return Self.json(board.json)
        }
        let tokens = router.tokens
        api.get("events") { request, context in
            await Self.eventStream(live, while: Self.stillValid(request, context, tokens: tokens, store: store))
        }
        api.get("openapi.json") { _, _ in Self.json(OpenAPIDocument.json(Self.table)) }
        // the hall screen's page and stream: pages, not the API's (its own rule, Access.hallScreen)
        router.get("board") { _, context -> Response in
            // the token given in the address goes into the screen's cookie, and the address is
            // cleaned of it (it would stay in the address bar and the browser's history)
            if let pass = context.screen, pass.fromQuery {
                var response = Web.redirect("/board")
                response.headers[.setCookie] = HallScreen.setCookie(pass)
                return response
            }
            let board = try await store.run { store in try BoardSnapshot.make(store) }
            return Web.html(BoardPage.html(board))
        }
        router.get("board/events") { request, context in
            await Self.eventStream(live, while: Self.stillValid(request, context, tokens: tokens, store: store))
        }
    }

    /// Server-Sent Events: the hall screen's figures whenever they change, for as long as
    /// the credential that opened the stream holds (`stillValid`, asked at every tick of
    /// LiveEvents).
    static func eventStream(_ live: LiveEvents, while stillValid: @escaping @Sendable () async -> Bool) async -> Response {
        let (id, stream) = await live.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { Task { await live.unsubscribe(id) } }
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            // Ends when the server shuts down, when a write finds the screen gone, or when
            // its token is revoked or its person signed out.
            for await event in stream.cancelOnGracefulShutdown() {
                // an event is written at once; the credential is asked after at each tick (an
                // empty event every 2 s), so no lookup ever stands between a scan and the screen
                if !event.isEmpty {
                    try await writer.write(ByteBuffer(string: event))
                } else if await !stillValid() {
                    break
                }
            }
            try await writer.finish(nil)
        })
    }

    /// Whether the credential a stream was opened with still holds: the bearer token, the
    /// hall screen's pass, or the person's session. Only an answer that it does not ends
    /// the stream; a lookup that fails (the store busy) is asked again at the next tick.
    static func stillValid(_ request: Request, _ context: CongressRequestContext, tokens: Authentication,
                           store: StoreRunner) -> @Sendable () async -> Bool {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            return {
                do { return try await tokens.identity(forToken: token) != nil } catch { return true }
            }
        }
        if let pass = context.screen {
            return {
                do { return try await tokens.identity(forToken: pass.token)?.role == .viewer } catch { return true }
            }
        }
        if let session = Web.sessionToken(request) {
            return {
                do { return try await store.run { try $0.person(forSession: session) } != nil } catch { return true }
            }
        }
        return { false }
    }

    /// Notes that a door reached the server, at most every `DoorContacts.every` per door:
    /// a late scan counts only from a door that was offline across its sitting's close.
    func noteContact(_ context: CongressRequestContext) async throws {
        let door = context.actor
        guard contacts.due(door) else { return }
        try await store.run { try $0.noteDoorContact(door) }
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

struct SubstitutionsBody: ResponseEncodable, Decodable { var substitutions: [Substitution] }

/// When each door last had its contact with the server noted, so that a door polling every
/// second costs one write every few seconds, not one a poll.
final class DoorContacts: @unchecked Sendable {
    static let every: Duration = .seconds(10)
    private let lock = NSLock()
    private var noted: [String: ContinuousClock.Instant] = [:]

    func due(_ door: String) -> Bool {
        let now = ContinuousClock.now
        return lock.withLock {
            if let last = noted[door], now - last < Self.every { return false }
            if noted.count > 10_000 { noted.removeAll() }
            noted[door] = now
            return true
        }
    }
}
