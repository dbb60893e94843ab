/// The English of the command line's lines that come from the catalogue (`options.say`).
/// Older commands still write both languages beside each other (`lang == .vi ? … : …`);
/// the catalogue's test reads those as written with their English.
extension Catalogue {
    static let commandWords: [(String, String)] = [
        ("Không ký được số sê-ri: {error}", "Cannot sign the serial: {error}"),
        ("Đã in {count} phiếu vào {file}.", "Printed {count} ballots to {file}."),
        ("Thẻ không dùng được: {verdict}", "The badge is refused: {verdict}"),
        ("{file}, dòng {line}:", "{file}, line {line}:"),
        ("Đã nhập {count} phiếu.", "Entered {count} ballots."),
        ("vòng {round}", "round {round}"),
        ("{seats} ghế", "{seats} seats"),
        ("{body}, vòng {round}, {seats} ghế, ngưỡng: quá 1/2 {base}", "{body}, round {round}, {seats} seats, elected with more than half of {base}"),
        ("Số dư: {count}", "Surplus candidates: {count}"),
        ("VƯỢT mức {cap}% số lượng cần bầu", "OVER {cap}% of the seats"),
        ("(ngoài danh sách)", "(not on the delegate list)"),
        ("Phiếu in: {printed}   phát ra: {issued}", "Ballots printed: {printed}   handed out: {issued}"),
        ("Đã nhập ({operator}): {count}", "Entered ({operator}): {count}"),
        ("Người nhập: {operators}   khớp: {agreed}   khác nhau: {differ}", "Operators: {operators}   agreeing: {agreed}   differing: {differ}"),
        ("(chưa nhập)", "(not entered)"),
        ("gạch [{struck}]", "struck [{struck}]"),
        ("Triệu tập {convened} · có mặt {present} ({percent}%) · vắng {absent}", "Convened {convened} · present {present} ({percent}%) · absent {absent}"),
        ("Nữ {female} ({percent}%) · Đảng viên {party} · dân tộc thiểu số {minority}",
         "Women {female} ({percent}%) · Party members {party} · ethnic minorities {minority}"),
        // congress tally's table
        ("Số lượng cần bầu: {seats}", "Seats to fill: {seats}"),
        ("CẢNH BÁO: số phiếu thu về ({collected}) nhiều hơn số phiếu phát ra ({issued}).",
         "WARNING: more ballots collected ({collected}) than handed out ({issued})."),
        ("Phiếu phát ra: {issued}   Phiếu thu về: {collected}   Hợp lệ: {valid}   Không hợp lệ: {invalid}",
         "Handed out: {issued}   Collected: {collected}   Valid: {valid}   Invalid: {invalid}"),
        ("Ngưỡng trúng cử: quá 1/2 {base} ({denominator}), tức ít nhất {needed} phiếu",
         "Elected with more than half of {base} ({denominator}), that is at least {needed} votes"),
        ("Tỷ lệ %", "Share %"),
        ("bằng phiếu — bầu lại", "tied — vote again"),
        ("quá 1/2", "over half"),
        ("Trúng cử ({filled}/{seats}), theo số phiếu:", "Elected ({filled}/{seats}), by votes:"),
        ("không có ai", "nobody"),
        ("Đã bầu đủ số lượng.", "All seats are filled."),
        ("Bằng phiếu ở vị trí cuối: {names} — cần bầu lại giữa những người này cho {seats} vị trí.",
         "Tied for the last seat: {names} — a further vote among them for {seats} seats is needed."),
        ("Còn thiếu {seats} vị trí: Đoàn Chủ tịch xin ý kiến đại hội về việc bầu tiếp.",
         "{seats} seats remain open: the presidium asks the congress whether to vote again."),
    ]
}
