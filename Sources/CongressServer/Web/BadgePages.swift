import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird

/// Printing badges from the web (in thẻ đại biểu): all of them, one delegation's, chosen
/// delegates', or those reissued since a time, as A4 sheets (8 a page, cut marks) or CR80
/// cards, in one PDF download; one badge as PNG. The same printer as `congress badges`.
struct BadgePages {
    let store: StoreRunner

    /// Which badges a download holds.
    enum Choice {
        case all
        case delegation(String)
        case codes([String])
        case reissuedSince(Date)
    }

    func addRoutes(to router: GatedRouter) {
        router.get("badges") { _, context -> Response in
            let user = try Web.signedIn(context)
            return Web.html(try await store.run { try Self.page($0, user: user, flash: context.flash, language: context.language) })
        }
        router.get("badges/print") { request, context -> Response in
            let user = try Web.signedIn(context)
            let query = FormQuery(request)
            let layout = BadgeLayout(rawValue: query.get("layout") ?? "a4") ?? .a4
            let order = Badge.Order(rawValue: query.get("sort") ?? "delegation") ?? .delegation
            let png = query.get("format") == "png"
            do {
                let (badges, name) = try await store.run { store in
                    try Self.badges(store, choice: try Self.choice(query, time: store.congress().time), order: order)
                }
                if png {
                    guard badges.count == 1, let badge = badges.first else {
                        throw PageRefusal(phrase: "Tệp PNG là cho một thẻ: hãy ghi đúng một mã đại biểu (đã chọn {count} thẻ).",
                                         values: ["count": String(badges.count)], status: .badRequest)
                    }
                    let data = try Download.rendered("png") { path in try BadgePrinter.single(badge, layout: .card, to: path) }
                    return Download.response(data, name: "\(badge.code).png")
                }
                // drawn off the store's queue: 1,100 badges take about a second and a half
                let data = try Download.rendered("pdf") { path in try BadgePrinter.pdf(badges, layout: layout, to: path) }
                return Download.response(data, name: name)
            } catch let refusal as PageRefusal {
                let words = refusal.words(context)
                let page = try await store.run { try Self.page($0, user: user, flash: nil, refusal: words, language: context.language) }
                return Web.html(page, status: refusal.status)
            }
        }
    }

    /// What the query asks for; a refusal names what is missing or wrong.
    static func choice(_ query: FormQuery, time: CongressTime) throws(PageRefusal) -> Choice {
        switch query.get("scope") ?? "all" {
        case "delegation":
            guard let name = query.get("delegation"), !name.isEmpty else {
                throw PageRefusal(phrase: "Hãy chọn một đoàn đại biểu.", status: .badRequest)
            }
            return .delegation(name)
        case "codes":
            let codes = (query.get("codes") ?? "").split(whereSeparator: { ", ;\n\t".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            guard !codes.isEmpty else {
                throw PageRefusal(phrase: "Hãy ghi mã đại biểu cần in, cách nhau bằng dấu phẩy (ví dụ DB0001, DB0015).", status: .badRequest)
            }
            return .codes(codes)
        case "reissued":
            guard let text = query.get("since"), let since = time.date(wallClock: text) else {
                throw PageRefusal(phrase: "Hãy ghi thời điểm «cấp lại từ» dạng ngày và giờ (giờ của đại hội, {zone}).", values: ["zone": time.identifier], status: .badRequest)
            }
            return .reissuedSince(since)
        default:
            return .all
        }
    }

    /// The signed badges chosen, in printing order, and the download's file name.
    static func badges(_ store: CongressStore, choice: Choice, order: Badge.Order) throws -> ([Badge], String) {
        let congress = try store.congress()
        let credentials = try store.credentials()
        var delegates = try store.delegates()
        let name: String
        switch choice {
        case .all:
            name = "the-dai-bieu.pdf"
        case .delegation(let delegation):
            delegates = delegates.filter { $0.delegation == delegation }
            guard !delegates.isEmpty else { throw PageRefusal(phrase: "Không có đoàn «{delegation}».", values: ["delegation": delegation], status: .notFound) }
            name = "the-doan.pdf"
        case .codes(let codes):
            let known = Set(delegates.map(\.code))
            let unknown = codes.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw PageRefusal(phrase: "Không có đại biểu mã: {codes}. Chưa in gì.", values: ["codes": unknown.joined(separator: ", ")], status: .notFound)
            }
            let wanted = Set(codes)
            delegates = delegates.filter { wanted.contains($0.code) }
            name = "the-chon.pdf"
        case .reissuedSince(let since):
            let reissued = Set(credentials.filter { $0.serial > 1 && (KioskClock.parse($0.issuedAt) ?? .distantPast) >= since }.map(\.code))
            delegates = delegates.filter { reissued.contains($0.code) }
            guard !delegates.isEmpty else {
                throw PageRefusal(phrase: "Không có thẻ nào được cấp lại từ {since}.", values: ["since": congress.time.dateTime(since)], status: .notFound)
            }
            name = "the-cap-lai.pdf"
        }
        let payloads = Dictionary(credentials.compactMap { c in c.payload.map { (c.code, $0) } }, uniquingKeysWith: { a, _ in a })
        let unsigned = delegates.filter { payloads[$0.code] == nil }.map(\.code)
        guard unsigned.isEmpty else {
            throw PageRefusal(phrase: "Thẻ của {codes} chưa được ký; hãy chạy `congress credentials` trên máy giữ khoá ký rồi in lại.",
                             values: ["codes": unsigned.prefix(5).joined(separator: ", ") + (unsigned.count > 5 ? " (+\(unsigned.count - 5))" : "")],
                             status: .conflict)
        }
        let badges = Badge.ordered(delegates, by: order, delegations: try store.delegations().map(\.name)).compactMap { d in
            payloads[d.code].map { Badge(congress: congress, delegate: d, payload: $0) }
        }
        return (badges, name)
    }

    static func page(_ store: CongressStore, user: Person, flash: String?, refusal: String? = nil, language: Language) throws -> String {
        let time = try store.congress().time
        let delegates = try store.delegates()
        let credentials = try store.credentials()
        let names = Dictionary(delegates.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let counts = Dictionary(grouping: delegates, by: \.delegation).mapValues(\.count)
        let reissued = credentials.filter { $0.serial > 1 }.sorted { $0.issuedAt > $1.issuedAt }
        let view = BadgesPage(
            user: UserView(user), flash: flash, refusal: refusal, total: delegates.count,
            unsigned: Optional(credentials.filter { $0.payload == nil }.count).flatMap { $0 > 0 ? $0 : nil },
            delegations: try store.delegations().map { .init(name: $0.name, count: counts[$0.name] ?? 0) },
            reissued: reissued.prefix(200).map {
                .init(code: $0.code, name: names[$0.code] ?? $0.code, serial: $0.serial, at: time.dateTime(stored: $0.issuedAt, language))
            },
            anyReissued: !reissued.isEmpty,
            since: reissued.last.flatMap { KioskClock.parse($0.issuedAt) }.map(time.wallClock) ?? time.wallClock(Date()),
            zone: time.identifier)
        return Templates.render(view, "badges", language)
    }
}

struct BadgesPage: Sendable {
    struct DelegationOption: Sendable { var name: String; var count: Int }
    struct Reissued: Sendable { var code: String; var name: String; var serial: Int; var at: String }
    var title = "In thẻ đại biểu"
    var user: UserView?
    var flash: String?
    var refusal: String?
    var total: Int
    /// Badges not yet signed (a server without the key): they cannot be printed here; nil
    /// for none (mustache shows a section for 0).
    var unsigned: Int?
    var delegations: [DelegationOption]
    var reissued: [Reissued]
    /// Stored, not computed: mustache reads stored properties only.
    var anyReissued: Bool
    /// The "reissued since" field's first value: the earliest reissue, as the field shows it.
    var since: String
    var zone: String
}
