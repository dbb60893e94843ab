import CongressCore
import Foundation

/// The kiosk's full-screen view as text with ANSI colours: what the operator and the
/// delegate see. Built as a string so it can be checked without a terminal; the kiosk
/// program writes it whole (one write a frame, no flicker). Vietnamese throughout.
public struct KioskScreen: Sendable {
    public var station: String
    public var entrance: Entrance
    public var status: StationStatus
    /// The last scan and when it was shown.
    public var last: (outcome: ScanOutcome, at: Date)?
    /// The last correction from the server and when it came.
    public var correction: (outcome: ScanOutcome, at: Date)?
    public var lookup: Lookup?
    /// Draws a name in large type within (columns, rows), each returned string one terminal
    /// row, or nil when it cannot; the view then falls back to bold capitals.
    public var bigType: (@Sendable (String, Int, Int) -> [String]?)?

    /// The operator finding a delegate who forgot their badge: typing part of a name,
    /// choosing one of the numbered matches, confirming.
    public struct Lookup: Sendable {
        public enum Stage: Sendable { case typing, choosing, confirming(RosterEntry) }
        public var query: String
        public var matches: [RosterEntry]
        public var stage: Stage
        public init(query: String = "", matches: [RosterEntry] = [], stage: Stage = .typing) {
            self.query = query
            self.matches = matches
            self.stage = stage
        }
    }

    /// How long a verdict stays on the screen before it goes back to "ready".
    public static let verdictShown: TimeInterval = 8
    public static let correctionShown: TimeInterval = 20

    public init(station: String, entrance: Entrance, status: StationStatus) {
        self.station = station
        self.entrance = entrance
        self.status = status
    }

    public enum Colour: Sendable { case green, red, amber, neutral }

    public static func colour(_ verdict: ScanVerdict) -> Colour {
        switch verdict {
        case .admitted: .green
        case .alreadyAdmitted, .noOpenSitting: .amber
        case .revoked, .invalidSignature, .malformed, .unknownDelegate, .notEligible: .red
        }
    }

    static func kindWords(_ kind: String) -> String {
        switch kind {
        case "official": "Đại biểu chính thức"
        case "alternate": "Đại biểu dự khuyết"
        case "guest": "Khách mời"
        default: kind
        }
    }

    /// The whole frame for a terminal of `width` × `height` (at least 80 × 24 is expected;
    /// smaller is drawn as well as it fits).
    public func render(width: Int, height: Int, now: Date) -> String {
        let w = max(width, 20), h = max(height, 10)
        var rows: [String] = []
        let clock = time(now)
        let connection: String = switch status.connection {
        case .online: "● TRỰC TUYẾN"
        case .connecting: "○ ĐANG KẾT NỐI"
        case .offline: "● NGOẠI TUYẾN"
        case .refused: "● BỊ TỪ CHỐI"
        case .untrusted: "● CHỨNG CHỈ SAI"
        }
        let door = entrance == .delegates ? "cửa đại biểu" : "cửa chung"
        rows.append(Self.bar(" TRẠM \(station) · \(door)", right: "\(connection)   \(clock) ", width: w, style: "\u{1B}[1;97;44m"))

        var middle: [String] = []
        if let lookup {
            middle = lookupRows(lookup, width: w)
        } else if let (outcome, at) = last, now.timeIntervalSince(at) < Self.verdictShown {
            middle = verdictRows(outcome, width: w, rows: h - 5 - (correction == nil ? 0 : 1))
        } else if !status.hasCopy {
            middle = Self.band("ĐANG TẢI DỮ LIỆU TỪ MÁY CHỦ…", colour: .neutral, width: w)
        } else if status.sitting == nil {
            middle = Self.band("CHƯA MỞ PHIÊN HỌP", colour: .amber, width: w)
        } else {
            middle = Self.band("MỜI QUÉT THẺ", colour: .neutral, width: w)
            middle.append("")
            middle.append(Self.centred("Phiên: \(status.sitting ?? "")", width: w))
        }
        var footer: [String] = []
        if let (c, at) = correction, now.timeIntervalSince(at) < Self.correctionShown {
            let who = c.entry?.name ?? c.code ?? ""
            var text = " ĐÍNH CHÍNH từ máy chủ: \(who) — \(c.verdict.vietnamese)"
            if let first = c.first { text += " (đã vào lúc \(time(first.at)) tại cửa \(first.station))" }
            footer.append(Self.paint(Self.fit(text, w), colour: Self.colour(c.verdict), width: w))
        }
        let q = status.quorum
        let holds = q.holds ? "ĐỦ 2/3" : "CHƯA ĐỦ 2/3 (thiếu \(q.missing))"
        footer.append(Self.fit(" Đã vào cửa này: \(status.admittedHere)   Có mặt: \(q.present)/\(q.convened) (\(q.percentVietnamese)%)   \(holds)", w))
        // The outbox length comes first: it is what matters when the network is down.
        let waiting = "Chờ gửi: \(status.unsent)"
        let link: String = switch status.connection {
        case .online: " Máy chủ: trực tuyến · \(waiting)"
        case .connecting: " Máy chủ: đang kết nối · \(waiting)"
        case .offline: " NGOẠI TUYẾN · \(waiting) · vẫn quét bình thường, sẽ gửi khi có mạng"
        case .refused(let why): " MÁY CHỦ TỪ CHỐI MÃ TRUY CẬP · \(waiting) · \(why)"
        case .untrusted: " CHỨNG CHỈ MÁY CHỦ KHÔNG ĐÚNG (kiểm tra --ca) · \(waiting) · vẫn quét bình thường"
        }
        footer.append(status.connection.isOnline ? Self.fit(link, w) : Self.paint(Self.fit(link, w), colour: .amber, width: w))
        footer.append(Self.dim(Self.fit(" Quét thẻ để điểm danh · Gõ / và tên để tìm đại biểu quên thẻ · Esc: huỷ", w)))

        let room = h - rows.count - footer.count
        rows.append("")
        rows.append(contentsOf: middle.prefix(max(0, room - 1)))
        while rows.count < h - footer.count { rows.append("") }
        rows.append(contentsOf: footer)
        // Home, then every row cleared to its end: one write, no flicker.
        return "\u{1B}[H" + rows.prefix(h).map { $0 + "\u{1B}[0m\u{1B}[K" }.joined(separator: "\r\n")
    }

    /// `room`: the rows the middle of the screen has.
    func verdictRows(_ o: ScanOutcome, width w: Int, rows room: Int) -> [String] {
        var rows = Self.band(o.verdict.vietnamese, colour: Self.colour(o.verdict), width: w)
        rows.append("")
        if let entry = o.entry {
            // what else goes under the verdict: the name in plain text, delegation, kind,
            // and the notes below
            let others = 4 + (o.first == nil ? 0 : 1) + (o.manual ? 1 : 0) + (o.offline ? 1 : 0)
            if let big = bigType?(entry.name, w, room - rows.count - others) {
                rows.append(contentsOf: big.map { Self.centred($0, width: w) })
            } else {
                rows.append(Self.centred("\u{1B}[1m" + entry.name.uppercased() + "\u{1B}[22m", width: w, visible: entry.name.count))
            }
            rows.append(Self.centred(entry.name, width: w))
            rows.append(Self.centred(entry.delegation, width: w))
            var kind = Self.kindWords(entry.kind)
            if let seat = entry.seat, !seat.isEmpty { kind += " · Ghế \(seat)" }
            kind += " · \(entry.code)"
            rows.append(Self.centred(kind, width: w))
        } else if let code = o.code {
            rows.append(Self.centred("Mã: \(code)", width: w))
        }
        if let first = o.first {
            rows.append(Self.centred("Đã vào lúc \(time(first.at)) tại cửa \(first.station)", width: w))
        }
        if o.manual { rows.append(Self.centred("(cho vào thủ công)", width: w)) }
        if o.offline { rows.append(Self.centred("(quyết định tại trạm khi mất mạng — sẽ đối chiếu với máy chủ)", width: w)) }
        return rows
    }

    func lookupRows(_ l: Lookup, width w: Int) -> [String] {
        var rows = Self.band("TÌM ĐẠI BIỂU QUÊN THẺ", colour: .neutral, width: w)
        rows.append("")
        switch l.stage {
        case .typing:
            rows.append(Self.fit(" Gõ họ tên (không cần dấu), Enter để chọn: /\(l.query)█", w))
        case .choosing:
            rows.append(Self.fit(" Gõ số thứ tự để chọn (Esc: huỷ) — /\(l.query)", w))
        case .confirming(let e):
            rows.append(Self.paint(Self.fit(" Cho vào thủ công: \(e.name) (\(e.code)) — Enter: đồng ý · Esc: huỷ", w), colour: .amber, width: w))
        }
        rows.append("")
        if l.matches.isEmpty, !l.query.isEmpty { rows.append(Self.fit("   Không tìm thấy ai.", w)) }
        for (i, m) in l.matches.enumerated() {
            rows.append(Self.fit("  \(i + 1). \(m.name) — \(m.delegation) (\(m.code), \(Self.kindWords(m.kind)))", w))
        }
        return rows
    }

    // MARK: Drawing helpers

    static func band(_ words: String, colour: Colour, width: Int) -> [String] {
        let blank = paint("", colour: colour, width: width)
        return [blank, paint(centred("\u{1B}[1m" + words, width: width, visible: words.count), colour: colour, width: width), blank]
    }

    static func style(_ colour: Colour) -> String {
        switch colour {
        case .green: "\u{1B}[97;42m"
        case .red: "\u{1B}[97;41m"
        case .amber: "\u{1B}[30;43m"
        case .neutral: "\u{1B}[97;100m"
        }
    }

    /// A full-width row in the colour (text already fitted).
    static func paint(_ text: String, colour: Colour, width: Int) -> String {
        style(colour) + text + "\u{1B}[K"
    }

    static func bar(_ left: String, right: String, width: Int, style: String) -> String {
        let gap = max(1, width - left.count - right.count)
        return style + fit(left + String(repeating: " ", count: gap) + right, width) + "\u{1B}[K"
    }

    static func centred(_ text: String, width: Int, visible: Int? = nil) -> String {
        let n = visible ?? text.count
        guard n < width else {
            // too wide for its styling: plain, cut to fit
            return fit(text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression), width)
        }
        return String(repeating: " ", count: (width - n) / 2) + text
    }

    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    static func dim(_ text: String) -> String { "\u{1B}[2m" + text + "\u{1B}[22m" }

    /// "08:15:02" from a date, or from an ISO 8601 time, in the congress's zone (the door's
    /// machine may keep another).
    func time(_ date: Date) -> String { status.time.clockWithSeconds(date) }

    func time(_ iso: String) -> String {
        KioskClock.parse(iso).map(time) ?? iso
    }
}
