/// Why a scanned sheet goes to the committee (RULES.md §4.5): a line the machine is not
/// sure of (`unclear`, with its number as printed), ink outside the lines
/// (`ink_outside_lines`: a private mark or a name written in, the committee says which), no
/// stamp seen (`unstamped`), a second paper with a serial already entered
/// (`serial_seen`), or a sheet the machine counted that the committee took back to decide
/// itself (`reopened`: a mark the machine did not see, RULES.md §4.5).
public struct ScanReviewReason: Sendable, Hashable, Codable {
    public var line: Int?
    public var why: String

    public init(line: Int? = nil, why: String) {
        self.line = line
        self.why = why
    }

    public static let serialSeen = "serial_seen"
    public static let reopened = "reopened"

    /// The reader's and the store's codes, in the committee's words (Vietnamese; the
    /// catalogue has the English): what a page or the CLI says, never the code itself.
    public static func words(_ code: String) -> String {
        switch code {
        case "struck": "gạch"
        case "kept": "không gạch"
        case "unclear": "máy không chắc"
        case "ink_outside_lines": "có chữ hoặc ký hiệu ngoài danh sách"
        case "unstamped": "không thấy dấu"
        case serialSeen: "số sê-ri đã có phiếu khác"
        case reopened: "Ban kiểm phiếu xem lại tờ máy đã đếm"
        case "marks_not_found": "không thấy dấu định vị (tờ lạ, gấp, rách?)"
        case "qr_unreadable": "không đọc được mã QR"
        case "not_this_election": "không phải phiếu của cuộc bầu cử này"
        case "streak": "vệt bẩn của máy quét chạy qua tên"
        case "page_damaged": "trang trong tệp quét bị hỏng, không đọc được"
        default: code
        }
    }
}

/// What became of a sheet the scanner read (phiếu quét).
public enum ScanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Read for sure and entered as a ballot of the scanning operator.
    case counted
    /// Waiting for the committee (or decided by it: see `ScannedSheet.decision`).
    case review
    /// Back to the people: not placed, serial unread, not this election's, a streak.
    case rejected
    /// A page with nothing on it (the back of a sheet through a duplex scanner): reported,
    /// and kept as nothing (never a sheet of the count).
    case blank
}

/// The committee's decision on a sheet in review: the lines struck (as printed) and the
/// reasons seen to set it aside, who decided and when.
public struct ScanDecision: Sendable, Hashable, Codable {
    public var struck: [Int]
    public var marks: [InvalidReason]
    public var by: String
    /// UTC ISO 8601, as stored.
    public var at: String
    /// False when the decision matched a ballot already entered with its serial: the same
    /// paper, scanned twice, counted once.
    public var entered: Bool

    public init(struck: [Int], marks: [InvalidReason], by: String, at: String, entered: Bool) {
        self.struck = struck
        self.marks = marks
        self.by = by
        self.at = at
        self.entered = entered
    }
}

/// One scanned sheet as kept (RULES.md §6): where it came from, what the machine read, and
/// the committee's decision when it was reviewed. Tied to the paper's serial, never to a
/// delegate.
public struct ScannedSheet: Sendable, Hashable {
    public var id: Int64
    public var election: Int64
    /// The file's name as given to the scanner command, and the page in it (from 1).
    public var file: String
    public var page: Int
    public var serial: String?
    public var status: ScanStatus
    /// The machine's reading: line numbers as printed, struck through.
    public var struck: [Int]
    public var review: [ScanReviewReason]
    /// Why a rejected sheet went back (`marks_not_found`, `qr_unreadable`, …).
    public var reason: String?
    /// The operator the machine entered as.
    public var operatorName: String
    public var readAt: String
    public var decision: ScanDecision?
    /// The machine's whole reading (each line's scores), as the reader wrote it.
    public var readingJSON: String
    /// The paper size it was read as (`a5`, `a4`): where its lines lie on the kept page.
    public var paper: String?
    /// Whether the page on the paper is kept (a sheet not placed has none).
    public var hasImage: Bool
    /// This election's part of a combined paper (chair mode 2): 0, or 1 for the committee's part.
    public var part: Int

    public init(id: Int64, election: Int64, file: String, page: Int, serial: String?, status: ScanStatus, struck: [Int],
                review: [ScanReviewReason], reason: String?, operatorName: String, readAt: String, decision: ScanDecision?,
                readingJSON: String, paper: String? = nil, part: Int = 0, hasImage: Bool = false) {
        self.paper = paper
        self.part = part
        self.hasImage = hasImage
        self.id = id
        self.election = election
        self.file = file
        self.page = page
        self.serial = serial
        self.status = status
        self.struck = struck
        self.review = review
        self.reason = reason
        self.operatorName = operatorName
        self.readAt = readAt
        self.decision = decision
        self.readingJSON = readingJSON
    }

    /// The kept page's resolution, in pixels a millimetre of the paper (about 200 dpi).
    public static let alignedPixelsPerMillimetre = 8.0

    /// In the committee's queue: in review and not yet decided.
    /// Whether the machine's reading of this sheet entered a ballot (a sheet scanned again
    /// and read the same enters nothing: it is not counted twice, in the figures either).
    public var entered: Bool = false

    public var awaitsDecision: Bool { status == .review && decision == nil }

    /// The lines the machine was not sure of.
    public var unclearLines: [Int] { review.compactMap { $0.why == "unclear" ? $0.line : nil } }
}
