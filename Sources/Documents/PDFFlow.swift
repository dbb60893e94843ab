import CCairo
import Foundation

/// Text down an A4 page in the usual Vietnamese administrative layout (left margin 25 mm),
/// a new page when it is full; tables as rows of cells. Minutes and reports use it.
final class PDFFlow {
    static let a4 = (width: 210.0, height: 297.0)
    static let margin = (left: 25.0, right: 15.0, top: 18.0, bottom: 18.0)

    let document: PDFDocument
    var canvas: TextCanvas { document.canvas }
    var y = margin.top
    var width: Double { Self.a4.width - Self.margin.left - Self.margin.right }

    init(document: PDFDocument) { self.document = document }

    /// Words stamped at the top of every page, this one and each one after (DỰ THẢO on
    /// unpublished minutes: a draft must never pass for the signed record).
    var pageMark: String? {
        didSet { drawPageMark() }
    }

    private func drawPageMark() {
        guard let pageMark else { return }
        _ = canvas.draw(pageMark, x: Self.margin.left, y: 6, width: width, maxHeight: 10,
                        style: .init(size: 5, minimumSize: 4, bold: true, alignment: PANGO_ALIGN_RIGHT, color: (0.75, 0.1, 0.1)))
    }

    /// Starts an A4 document at `path`.
    static func open(_ path: String, title: String) throws(PDFFailure) -> PDFFlow {
        guard let document = PDFDocument(path: path, width: a4.width, height: a4.height, title: title) else {
            throw .cairo(path: path, status: "no surface")
        }
        return PDFFlow(document: document)
    }

    /// Writes the file out.
    func finish(_ path: String) throws(PDFFailure) {
        if let status = document.finish() { throw .cairo(path: path, status: status) }
    }

    /// Starts a new page unless `height` more fits on this one.
    func room(_ height: Double) {
        if y + height > Self.a4.height - Self.margin.bottom {
            document.newPage()
            y = Self.margin.top
            drawPageMark()
        }
    }

    func text(_ s: String, size: Double = 3.6, bold: Bool = false, centred: Bool = false, indent: Double = 0, after: Double = 1.2) {
        let lines = max(1, Int((Double(s.count) * size * 0.5) / (width - indent)) + 1 + s.filter { $0 == "\n" }.count)
        room(Double(lines) * size * 1.4)
        y += canvas.draw(s, x: Self.margin.left + indent, y: y, width: width - indent, maxHeight: Double(lines + 2) * size * 1.5,
                         style: .init(size: size, minimumSize: size, bold: bold, maximumLines: 40,
                                      alignment: centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)) + after
    }

    /// One row of a table: cells at the given x offsets (mm from the left margin) and widths.
    func row(_ cells: [String], at columns: [(x: Double, width: Double, right: Bool)], bold: Bool = false) {
        room(6)
        var height = 0.0
        for (cell, column) in zip(cells, columns) {
            height = max(height, canvas.draw(cell, x: Self.margin.left + column.x, y: y, width: column.width, maxHeight: 12,
                                             style: .init(size: 3.3, minimumSize: 2.6, bold: bold, maximumLines: 2,
                                                          alignment: column.right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)))
        }
        y += height + 0.8
        canvas.line(from: (Self.margin.left, y - 0.4), to: (Self.margin.left + width, y - 0.4), width: 0.1, gray: 0.7)
    }

    /// The heading every document of the congress carries.
    func header(congress: String, term: String?) {
        var header = congress.uppercased()
        if let term { header += "\nNHIỆM KỲ \(term.replacingOccurrences(of: "-", with: " - "))" }
        text(header, size: 3.4, bold: true, centred: true, after: 1)
        text("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", size: 3.4, bold: true, centred: true, after: 5)
    }
}
