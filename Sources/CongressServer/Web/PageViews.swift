import CongressCore
import CongressStore
import Foundation

/// What every page's head shows: the title, who is signed in, what the last action did.
/// Every page is rendered from a typed view (these structs): an optional value is either
/// a section that does not show, or text the view made; it can never reach a template as
/// "nil". Times are made into text here, in the congress's zone.
struct UserView: Sendable {
    var name: String
    var role: String
    var username: String

    init(_ person: Person) {
        name = person.name.isEmpty ? person.username : person.name
        role = person.role.rawValue
        username = person.username
    }
}

/// A link to a delegate: code and name.
struct DelegateLink: Sendable {
    var code: String
    var name: String
}

struct LoginPage: Sendable {
    var title = "Đăng nhập"
    var user: UserView?
    var flash: String?
}

struct DelegatesPage: Sendable {
    struct Row: Sendable { var code: String; var name: String; var delegation: String; var kind: String; var present: Bool }
    var title = "Đại biểu"
    var user: UserView?
    var flash: String?
    var query: String
    var count: Int
    /// The open sitting's name; no section when none is open.
    var sitting: String?
    var delegates: [Row]
    /// The secretariat's links: import the list, print badges.
    var canImport = false
    /// Which rows of a long list this page shows, and the links to the others.
    var paging: Paging?
}

/// A long list shown a page at a time (the national congress lists 1,100 delegates).
struct Paging: Sendable {
    struct Link: Sendable { var href: String; var words: String }
    var words: String
    var previous: Link?
    var next: Link?

    static let size = 100

    /// nil when everything fits on one page.
    static func of(count: Int, page: Int, language: Language, href: (Int) -> String) -> Paging? {
        guard count > size else { return nil }
        let pages = (count + size - 1) / size
        let page = min(max(page, 1), pages)
        let first = (page - 1) * size + 1
        return Paging(words: Catalogue.say("Trang {page}/{pages}: {first}–{last} trong {count}", language,
                                           ["page": String(page), "pages": String(pages), "first": String(first),
                                            "last": String(min(count, page * size)), "count": String(count)]),
                      previous: page > 1 ? Link(href: href(page - 1), words: Catalogue.say("← Trang trước", language)) : nil,
                      next: page < pages ? Link(href: href(page + 1), words: Catalogue.say("Trang sau →", language)) : nil)
    }
}

struct DelegatePage: Sendable {
    struct Scan: Sendable { var at: String; var station: String; var verdict: String; var duplicate: Bool }
    struct AttendanceRow: Sendable { var sitting: String; var kind: String; var at: String; var station: String; var reason: String }
    struct AbsenceRow: Sendable { var scope: String; var reason: String; var at: String; var actor: String }
    var title: String
    var user: UserView?
    var flash: String?
    var code: String
    var name: String
    var delegation: String
    var kind: String
    var seat: String?
    var counts: Bool
    /// The alternate now holding this delegate's seat.
    var replacedBy: DelegateLink?
    /// The official delegate this alternate replaces.
    var replacing: DelegateLink?
    var serial: Int
    var scans: [Scan]
    var attendance: [AttendanceRow]
    var absences: [AbsenceRow]
    /// Stored, not computed: mustache reads a view's stored properties only.
    var hasAbsences: Bool
    var canAdmit: Bool
    var canAbsent: Bool
    var canReissue: Bool
    /// The substitution form: for an alternate not yet replacing anyone, shown to the
    /// credentials role whether or not this server can sign badges.
    var canSubstitute: Bool
}

struct SittingsPage: Sendable {
    struct Open: Sendable { var name: String; var openedAt: String }
    struct Record: Sendable { var at: String; var present: Int; var convened: Int; var holds: Bool; var reason: String }
    /// An admission uploaded after the sitting closed.
    struct Late: Sendable { var code: String; var name: String; var station: String; var at: String; var receivedAt: String }
    struct Row: Sendable { var name: String; var openedAt: String; var closedAt: String; var records: [Record]; var late: [Late] }
    var title = "Phiên họp"
    var user: UserView?
    var flash: String?
    var canManage: Bool
    var open: Open?
    var sittings: [Row]
}

struct ElectionsPage: Sendable {
    struct Row: Sendable { var id: Int64; var title: String; var round: Int; var seats: Int; var status: String }
    var title = "Bầu cử"
    var user: UserView?
    var flash: String?
    var elections: [Row]
}

/// The form that sets an election up; sent back with what was typed and, beside each
/// field that is wrong, what is wrong with it.
struct ElectionNewPage: Sendable {
    struct Choice: Sendable { var value: String; var name: String; var selected: Bool = false }
    var title = "Lập cuộc bầu cử"
    var user: UserView?
    var flash: String?
    var bodies: [Choice]
    var bases: [Choice]
    var name = ""
    var seats = "1"
    var absent: String
    var surplusCap = ""
    var singleEntry = false
    var nameError: String?
    var seatsError: String?
    var absentError: String?
    var surplusCapError: String?
    var bodyError: String?
    var baseError: String?
    /// Set once the fields are checked (a stored field: the templates see stored fields only).
    var hasErrors = false
}

struct DeskPage: Sendable {
    struct Outcome: Sendable { var words: String; var name: String; var code: String; var ok: Bool }
    var title: String
    var user: UserView?
    var flash: String?
    var election: String
    var id: Int64
    var issued: Int
    var outcome: Outcome?
}

/// Publishing asks first: what will go up on the hall screen, and that it is final.
struct PublishPage: Sendable {
    var title: String
    var user: UserView?
    var flash: String?
    var id: Int64
    var collected: Int
    var valid: Int
    var invalid: Int
    var elected: [String]
    var nobody: Bool
    /// The count as shown (TallyResult.fingerprint): sent back with the confirmation.
    var fingerprint: String
    /// Seats left open or tied at the cut-off, said before publishing.
    var unfilled: String?
}

struct ElectionPage: Sendable {
    /// Scanned sheets (counting role): read, counted by the machine, waiting, rejected.
    struct Scans: Sendable { var read: Int; var counted: Int; var waiting: Int; var rejected: Int }
    struct Candidate: Sendable { var number: Int; var candidateID: Int; var name: String; var nomination: String; var canWithdraw: Bool }
    struct Member: Sendable { var name: String; var role: String }
    struct Operator: Sendable { var name: String; var count: Int }
    struct Entry: Sendable { var serial: String; var struck: String; var marks: String }
    struct Difference: Sendable { var serial: String }
    struct Result: Sendable {
        struct Row: Sendable { var name: String; var votes: Int; var percent: String; var elected: Bool }
        var collected: Int
        var valid: Int
        var invalid: Int
        var needed: Int
        var rows: [Row]
        var canPublish: Bool
        var published: Bool
        /// Published without filling every seat: the next round the rules call for, offered
        /// (what it is, in words), or the one already made.
        var nextRound: String?
        var nextRoundID: Int64?
    }
    var title: String
    var user: UserView?
    var flash: String?
    var id: Int64
    var seats: Int
    var round: Int
    var status: String
    var base: String
    var surplusWarning: String?
    var candidates: [Candidate]
    var committee: [Member]
    var printed: Int
    var issued: Int
    var operators: [Operator]
    var mine: Int
    var last: [Entry]
    var canEnter: Bool
    var isDraft: Bool
    var canPrint: Bool
    var suggested: Int
    var differences: [Difference]
    var differenceCount: Int
    var hasDifferences: Bool
    /// The count: only where ResultSeal lets this person read it.
    var result: Result?
    /// Whether the minutes (draft or published) may be downloaded by this person.
    var canReadMinutes: Bool
    var scans: Scans?
    /// How the ballots are entered (double by default, or single), as the minutes will say.
    var entryMode: String
    /// The paper size already printed (A5, A4): more ballots come on the same.
    var printedPaper: String?
    /// What was wrong with the candidate or committee form just sent, said on that form,
    /// with what was typed kept.
    var candidateError: String? = nil
    var committeeError: String? = nil
    var typedCode = ""
    var typedName = ""
    var typedDetails = ""
}

struct ReportsPage: Sendable {
    struct Published: Sendable { var id: Int64; var title: String }
    var title = "Báo cáo"
    var user: UserView?
    var flash: String?
    var convened: Int
    var present: Int
    var percent: String
    var sitting: String?
    var elections: [Published]
}

/// The hall screen: the board's snapshot as it is (the template reads it inside a
/// `{{#board}}` section) and where the page follows the live events.
struct BoardView: Sendable {
    var board: BoardSnapshot
    var events: String
}

/// The committee's review of one scanned sheet (ReviewPages).
struct ReviewPage: Sendable {
    struct Line: Sendable {
        var number: Int
        var name: String
        /// The machine's reading, in words.
        var machine: String
        var flagged: Bool
        var struck: Bool
        /// The CSS that cuts the line out of the kept page; nil when it is not flagged.
        var crop: String?
    }
    struct Sheet: Sendable {
        var sheetID: Int64
        var serial: String
        var file: String
        var page: Int
        var reasons: [String]
        var image: String?
        var width: Int
        /// The machine's reading, typed in for the person to correct.
        var prefill: String
        var lines: [Line]
        var flaggedLines: [Line]
        /// Another member has this sheet open too (every other waiting sheet is open elsewhere).
        var alsoOpenBy: String?
        /// Asked for by its number while another member has it open.
        var askedOpenBy: String?
    }
    struct Rejected: Sendable { var file: String; var page: Int; var reason: String }

    var title = "Xem phiếu quét"
    var user: UserView?
    var flash: String?
    var id: Int64
    var election: String
    var waiting: Int
    var counted: Int
    var decided: Int
    var rejected: [Rejected]
    var sheet: Sheet?
    /// Waiting sheets open at other members' review pages, when there are any.
    var openElsewhere: String?

    var hasRejected: Bool { !rejected.isEmpty }

    /// Each line's decision from the reader's kept reading (first part).
    static func lineDecisions(_ json: String) -> [Int: String] {
        struct Reading: Decodable {
            struct Line: Decodable { var part: Int; var number: Int; var decision: String }
            var lines: [Line]
        }
        guard let reading = try? JSONDecoder().decode(Reading.self, from: Data(json.utf8)) else { return [:] }
        return Dictionary(reading.lines.filter { $0.part == 0 }.map { ($0.number, $0.decision) }, uniquingKeysWith: { a, _ in a })
    }
}

/// The administrator's devices: their tokens, and the one just made (DevicesPages).
struct DevicesPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var role: String
        var createdAt: String
        /// When it was revoked, in words; nil while in use.
        var revokedAt: String?
    }
    /// A token just made: shown on this page once, with how to use it.
    struct Made: Sendable { var name: String; var token: String; var use: String }

    var title = "Người dùng và thiết bị"
    var user: UserView?
    var flash: String?
    var made: Made?
    /// Who signs in to the pages.
    var people: [Person]
    var tokens: [Row]

    /// `isYou`: the administrator looking at the page (who cannot disable themselves).
    struct Person: Sendable { var username: String; var name: String; var role: String; var isYou: Bool; var lockedAt: String? }

    static func words(_ role: Role) -> String {
        switch role {
        case .admin: "quản trị"
        case .credentials: "tổ thư ký"
        case .kiosk: "máy quét ở cửa"
        case .counting: "ban kiểm phiếu"
        case .viewer: "màn hình hội trường"
        }
    }
}
