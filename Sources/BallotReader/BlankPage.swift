/// A page with nothing written or printed on it (trang trắng): the back of a ballot fed
/// through a duplex scanner. It is reported `blank` and kept as nothing, not sent back to
/// the people as a sheet whose marks were not found.
///
/// A ballot's face is a few percent ink (its title, its names, its marks, its QR); a blank
/// back has the scanner's grain and the front's print showing through, pale. What counts is
/// ink well darker than the paper, away from the edges (a scanner's dark lid or background
/// can frame a page), and a page is blank when almost none of it is.
public enum BlankPage {
    /// How much darker than the paper is ink here: more than the front's print shows through.
    static let contrast = 90
    /// The share of the inner page that may be such ink and the page still be blank: a few
    /// specks of dust, a hole punched, never a line of text (one line of a ballot is more).
    static let maximumInk = 0.0015

    public static func isBlank(_ scan: ScanImage) -> Bool {
        let w = scan.width, h = scan.height
        guard w >= 20, h >= 20 else { return false }
        // the inner page: 8 % in from each edge, sampled every other pixel
        let x0 = w * 8 / 100, x1 = w - x0, y0 = h * 8 / 100, y1 = h - y0
        var histogram = [Int](repeating: 0, count: 256)
        var y = y0
        while y < y1 {
            var x = x0
            let row = y * w
            while x < x1 {
                histogram[Int(scan.pixels[row + x])] += 1
                x += 2
            }
            y += 2
        }
        let total = histogram.reduce(0, +)
        guard total > 0 else { return false }
        // the paper's level: the median
        var running = 0, paper = 255
        for (level, n) in histogram.enumerated() {
            running += n
            if running * 2 >= total { paper = level; break }
        }
        // a page darker than paper ever is (a black sheet, the lid scanned alone) is not a blank back
        guard paper >= 120 else { return false }
        let limit = paper - contrast
        let dark = limit > 0 ? histogram[0..<limit].reduce(0, +) : 0
        return Double(dark) <= maximumInk * Double(total)
    }
}
