import CCairo
import CongressCore

/// Draws one badge with its top-left corner at (x, y), in millimetres:
///
///     ┌──────────────────────────────────────────┐
///     │  ĐẠI HỘI CÔNG ĐOÀN … (name of congress)  │
///     │          NHIỆM KỲ 2023 - 2028            │
///     │──────────────────────────────────────────│
///     │ Nguyễn Thị Hồng            ┌──────────┐  │
///     │ Thúy (largest, shrunk)     │    QR    │  │
///     │ Công đoàn ngành Y tế       │          │  │
///     │                            └──────────┘  │
///     │ Ghế: A-01                     DB0123     │
///     │███████ ĐẠI BIỂU CHÍNH THỨC ██████████████│
///     └──────────────────────────────────────────┘
struct BadgeRenderer {
    let layout: BadgeLayout
    static let qrSide = 27.5        // mm, quiet zone included: modules ≥ 0.5 mm up to version 7
    static let padding = 3.0
    static let headerColor = (0.55, 0.05, 0.05)

    func draw(_ badge: Badge, qr: QRDrawing, on canvas: TextCanvas, x: Double, y: Double) {
        let (w, h) = layout.badgeSize
        let p = Self.padding
        canvas.fillRectangle(x: x, y: y, width: w, height: h, color: (1, 1, 1))

        // Header: the congress and its term, the same on every badge.
        var header = badge.congressName.uppercased()
        if let term = badge.term { header += "\nNHIỆM KỲ \(term.replacingOccurrences(of: "-", with: " - "))" }
        canvas.stamp("header \(header)", x: x, y: y, width: w, height: 12) { c in
            c.draw(header, x: p, y: 2, width: w - 2 * p, maxHeight: 9,
                   style: .init(size: 2.5, minimumSize: 1.6, bold: true, maximumLines: 3,
                                alignment: PANGO_ALIGN_CENTER, color: Self.headerColor))
            c.line(from: (p, 11.5), to: (w - p, 11.5), width: 0.2, gray: 0.6)
        }

        // The kind band along the bottom, one per kind.
        let bandHeight = 7.5
        canvas.stamp("band \(badge.kind.badgeLabel)", x: x, y: y + h - bandHeight, width: w, height: bandHeight) { c in
            c.fillRectangle(x: 0, y: 0, width: w, height: bandHeight, color: badge.kind.bandColor)
            c.draw(badge.kind.badgeLabel, x: p, y: 1.7, width: w - 2 * p, maxHeight: bandHeight,
                   style: .init(size: 3.4, minimumSize: 2.4, bold: true, alignment: PANGO_ALIGN_CENTER, color: (1, 1, 1)))
        }

        // QR on the right, the code under it, clear of its quiet zone.
        let qrX = x + w - p - Self.qrSide + 1.5   // the quiet zone is white: it may reach the edge
        let qrY = y + 12.3
        canvas.drawQR(qr, x: qrX, y: qrY, side: Self.qrSide)
        canvas.draw(badge.code, x: qrX, y: qrY + Self.qrSide, width: Self.qrSide, maxHeight: 3.5,
                    style: .init(size: 2.6, minimumSize: 1.8, bold: true, alignment: PANGO_ALIGN_CENTER))

        // Name (largest), delegation, seat on the left.
        let left = x + p + 0.5
        let textWidth = qrX - left - 1
        let top = y + 13.5
        let seatTop = y + h - bandHeight - 5
        let nameHeight = canvas.draw(badge.name, x: left, y: top, width: textWidth, maxHeight: 14,
                                     style: .init(size: 5.6, minimumSize: 2.4, bold: true, maximumLines: 2,
                                                  singleLineMinimum: 4.2))
        let delegationTop = top + nameHeight + 1.2
        canvas.draw(badge.delegation, x: left, y: delegationTop, width: textWidth,
                    maxHeight: max(3, seatTop - delegationTop - 0.5),
                    style: .init(size: 2.9, minimumSize: 1.8, maximumLines: 3, color: (0.15, 0.15, 0.15)))
        if let seat = badge.seat {
            canvas.draw("Ghế: \(seat)", x: left, y: seatTop, width: textWidth, maxHeight: 4.5,
                        style: .init(size: 3.2, minimumSize: 2.2, bold: true))
        }
    }
}
