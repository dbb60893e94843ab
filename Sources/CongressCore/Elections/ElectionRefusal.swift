/// Why an election rule said no, typed: each case carries what the committee needs to act,
/// and reads in Vietnamese and English.
public enum ElectionRefusal: Error, Sendable, Hashable, LocalizedMessage {
    /// Double entry needs exactly two operators.
    case tooManyOperators([String])
    /// The two operators' entries still differ on these ballots (the first ten serials).
    case entriesDiffer(count: Int, serials: [String])
    /// These ballots are entered by one source only: the other has not typed them yet.
    case enteredByOneOnly(count: Int, serials: [String])
    /// Every seat was filled: no run-off, no further round.
    case noFurtherRoundNeeded(title: String)
    /// A next round was already made from this count (a second click, a second operator).
    case nextRoundExists(title: String, next: Int64)
    /// Published: the record is frozen and final.
    case published(title: String)
    /// Complaints go into the record when it is published, not into a later print.
    case complaintsAfterPublishing(title: String)
    case titleRequired
    case seatsBelowOne
    case negativeAbsent
    /// Printed: the list can no longer change.
    case listFixed(title: String)
    case notPrinted(title: String)
    case committeeMemberCannotStand(name: String)
    case alreadyOnList(name: String)
    case candidateCannotCount(name: String)
    case outsiderNeedsName
    case nameRequired
    case manualOrderIncomplete
    case printCount(maximum: Int)
    case electionRequired
    case emptyList(title: String)
    /// A part of a combined paper that already has ballots of its own.
    case hasOwnBallots(title: String)
    case combinedPaperStartsWithChair
    case chairOnCommitteeList
    case operatorRequired
    /// `place`: the ballot's place in a stack (1-based), nil for a single ballot.
    case serialRequired(place: Int?)
    /// A serial the committee never printed for this election, typed without `p` (phiếu
    /// lạ): most likely a typing slip; a foreign paper is entered with `p` (not_issued).
    case serialNotPrinted(place: Int?, serial: String)
    case noSuchNumber(place: Int?, number: Int, listCount: Int)
    case numberTwice(place: Int?, number: Int)
    /// A next round follows a published result only.
    case notPublished(title: String)
    /// The count changed between what the committee confirmed and the publishing.
    case countChanged(title: String)
    /// Every ballot printed has been issued.
    case allBallotsIssued(title: String, printed: Int)
    /// Two candidates whose names nothing tells apart (no year of birth, no unit).
    case sameNameUntold(name: String)
    /// A title a ballot cannot carry: too long, or with control characters.
    case titleUnprintable(maximum: Int)
    /// A candidate's name or details a ballot line cannot carry.
    case candidateUnprintable(name: String)
    /// The paper an election's ballots are printed on; more are printed on the same.
    case paperFixed(title: String, paper: String)
    /// The scanner's own name, typed by a person: a person is not a second source.
    case scannerNameReserved(String)
    /// No one with this number on the list.
    case noSuchCandidate(title: String, candidate: Int)
    /// No scanned sheet of this serial waits for the committee.
    case noSheetInReview(serial: String)
    /// Several scanned sheets of this serial wait (the same paper scanned twice, a copy): the
    /// committee says which it decides, by its number.
    case severalSheetsInReview(serial: String, sheets: [Int64])
    /// No sheet of this serial the machine counted (to take back for the committee).
    case noCountedSheet(serial: String)
    /// A sheet sent back because its signed QR code is another election's or congress's.
    case foreignPaper(sheet: Int64)
    /// A sheet named by its number carries another serial than the one said with it.
    case sheetIsAnotherSerial(sheet: Int64, serial: String, actual: String)
    /// This operator already entered this serial: a second paper with it is a copy
    /// (entered with `p`, not_issued), and a slip is put right with a correction.
    case serialAlreadyEntered(place: Int?, serial: String, operator: String)
    /// A correction of a serial this operator has not entered.
    case noEntryToCorrect(serial: String, operator: String)
    /// Double entry (the default): publishing waits for the second source.
    case secondSourceMissing(title: String, source: String?)
    /// A reason the committee cannot give a sheet (the tally finds over_seats, all_struck).
    case notAReasonSeenOnPaper(String)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        func at(_ place: Int?) -> String { place.map { vi ? "Phiếu thứ \($0): " : "Ballot \($0): " } ?? "" }
        switch self {
        case .titleRequired: return vi ? "Cần tên cuộc bầu cử." : "The election needs a title."
        case .seatsBelowOne: return vi ? "Số lượng cần bầu phải từ 1 trở lên." : "The number of seats must be 1 or more."
        case .negativeAbsent: return vi ? "Số vắng mặt cả kỳ đại hội không được âm." : "Absent for the whole congress must not be negative."
        case .listFixed(let title):
            return vi ? "Phiếu bầu của «\(title)» đã in: danh sách không đổi được nữa. Muốn đổi thì lập một vòng bầu mới."
                : "The ballots of «\(title)» are printed: the list can no longer change. Set up a new round to change it."
        case .notPrinted(let title):
            return vi ? "Chưa in phiếu bầu của «\(title)»." : "The ballots of «\(title)» are not printed yet."
        case .committeeMemberCannotStand(let name):
            return vi ? "\(name) là thành viên Ban kiểm phiếu, không thể là ứng cử viên." : "\(name) is on the counting committee and cannot be a candidate."
        case .alreadyOnList(let name): return vi ? "\(name) đã có trong danh sách." : "\(name) is already on the list."
        case .candidateCannotCount(let name):
            return vi ? "\(name) là ứng cử viên, không thể ở Ban kiểm phiếu." : "\(name) is a candidate and cannot be on the counting committee."
        case .outsiderNeedsName:
            return vi ? "Ứng cử viên ngoài danh sách đại biểu cần họ và tên." : "A candidate who is not a delegate needs a name."
        case .nameRequired: return vi ? "Cần họ và tên." : "A name is required."
        case .manualOrderIncomplete:
            return vi ? "Thứ tự mới phải có mỗi ứng cử viên đúng một lần." : "The new order must list every candidate exactly once."
        case .printCount(let maximum):
            // thousands grouped as each language writes them: 100.000 / 100,000
            let digits = Array(String(maximum))
            let grouped = digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
            return vi ? "Số phiếu in phải từ 1 đến \(grouped.replacingOccurrences(of: ",", with: "."))." : "Print between 1 and \(grouped) ballots."
        case .electionRequired: return vi ? "Cần một cuộc bầu cử." : "An election is needed."
        case .emptyList(let title):
            return vi ? "Danh sách ứng cử viên của «\(title)» còn trống." : "The candidate list of «\(title)» is empty."
        case .hasOwnBallots(let title):
            return vi ? "«\(title)» đã in phiếu riêng; không ghép vào phiếu chung được." : "«\(title)» has its own ballots already; it cannot join a combined paper."
        case .combinedPaperStartsWithChair:
            return vi ? "Phiếu chung (cách 2): phần đầu là bầu Chủ tịch, 1 người." : "A combined paper (mode 2) starts with the chair: one seat."
        case .chairOnCommitteeList:
            return vi ? "Người ứng cử Chủ tịch không có tên trong danh sách bầu Ban Chấp hành (cách 2)."
                : "The chair candidate is left out of the committee list (mode 2)."
        case .operatorRequired: return vi ? "Cần tên người nhập phiếu." : "The operator's name is required."
        case .serialRequired(let place): return at(place) + (vi ? "cần số sê-ri của phiếu." : "the ballot's serial is required.")
        case .serialNotPrinted(let place, let serial):
            return at(place) + (vi ? "số sê-ri «\(serial.prefix(32))» không có trong các phiếu đã in của cuộc bầu cử này; hãy xem lại tờ phiếu (gõ nhầm?), hoặc thêm p nếu đó là phiếu lạ."
                                : "the serial «\(serial.prefix(32))» is not among this election's printed ballots; look at the paper again (a typing slip?), or add p if it is a foreign paper.")
        case .noSuchNumber(let place, let number, let count):
            return at(place) + (vi ? "không có ứng cử viên số \(number) (phiếu có \(count) tên)."
                                : "there is no candidate number \(number) (the ballot has \(count) names).")
        case .numberTwice(let place, let number):
            return at(place) + (vi ? "số \(number) được nhập hai lần." : "number \(number) is entered twice.")
        case .tooManyOperators(let operators):
            return vi ? "Có \(operators.count) người nhập (\(operators.joined(separator: ", "))); nhập hai lần cần đúng hai người."
                : "\(operators.count) operators entered ballots (\(operators.joined(separator: ", "))); double entry needs exactly two."
        case .entriesDiffer(let count, let serials):
            let list = serials.joined(separator: ", ")
            return vi ? "Còn \(count) phiếu hai người nhập khác nhau (\(list)); đối chiếu và sửa trước khi kiểm phiếu."
                : "\(count) ballots differ between the two operators (\(list)); reconcile them before the tally."
        case .enteredByOneOnly(let count, let serials):
            let list = serials.joined(separator: ", ")
            return vi ? "Còn \(count) phiếu mới một người nhập (\(list)); người kia nhập nốt trước khi kiểm phiếu."
                : "\(count) ballots are entered by one operator only (\(list)); the other enters them before the tally."
        case .noFurtherRoundNeeded(let title):
            return vi ? "«\(title)» đã bầu đủ; không cần vòng sau." : "«\(title)» filled every seat; no further round."
        case .nextRoundExists(let title, let next):
            return vi ? "«\(title)» đã có vòng sau (cuộc bầu cử số \(next)); không lập thêm."
                : "«\(title)» already has its next round (election \(next)); no second one is made."
        case .published(let title):
            return vi ? "Kết quả «\(title)» đã công bố và không thay đổi được; muốn đính chính thì lập một lần kiểm mới."
                : "The result of «\(title)» is published and cannot change; a correction is a new count."
        case .notPublished(let title):
            return vi ? "«\(title)» chưa công bố kết quả: vòng sau chỉ lập từ một kết quả đã công bố."
                : "«\(title)» is not published: a next round follows a published result only."
        case .countChanged(let title):
            return vi ? "Số phiếu của «\(title)» đã thay đổi từ lúc xem để xác nhận (có phiếu vừa nhập); hãy xem lại rồi xác nhận lần nữa. Chưa công bố."
                : "The count of «\(title)» changed since it was shown for confirmation (ballots were entered meanwhile); look again and confirm again. Nothing was published."
        case .allBallotsIssued(let title, let printed):
            return vi ? "Đã phát hết \(printed) phiếu in của «\(title)»; in thêm phiếu trước khi phát tiếp."
                : "All \(printed) printed ballots of «\(title)» have been issued; print more before issuing again."
        case .sameNameUntold(let name):
            return vi ? "Danh sách đã có «\(name)»: cần ngày sinh hoặc chức vụ, đơn vị để cử tri phân biệt hai người trên phiếu."
                : "«\(name)» is already on the list: give a birth date, or the position and unit, so that voters can tell the two apart on the paper."
        case .titleUnprintable(let maximum):
            return vi ? "Tên cuộc bầu cử phải là một dòng chữ, không quá \(maximum) ký tự (in trên phiếu)."
                : "The election's title must be one line of text, at most \(maximum) characters (it is printed on the ballot)."
        case .candidateUnprintable(let name):
            return vi ? "«\(name)»: họ tên (tối đa 60 ký tự) và chức vụ, đơn vị (tối đa 120) phải là một dòng chữ in được trên phiếu."
                : "«\(name)»: the name (at most 60 characters) and the details (at most 120) must each be one printable line."
        case .paperFixed(let title, let paper):
            return vi ? "Phiếu của «\(title)» đã in khổ \(paper.uppercased()); in thêm cũng khổ đó (--paper \(paper)), để máy đọc mọi tờ như nhau."
                : "The ballots of «\(title)» are printed on \(paper.uppercased()); print more on the same (--paper \(paper)), so that every sheet reads alike."
        case .scannerNameReserved(let name):
            return vi ? "«\(name)» là tên máy quét ghi phiếu; người nhập dùng tên của mình (hai nguồn nhập phải độc lập)."
                : "«\(name)» is the scanner's name for its entries; a person enters under their own (the two sources must be independent)."
        case .noSuchCandidate(let title, let candidate):
            return vi ? "Danh sách «\(title)» không có ứng cử viên số \(candidate) mang tên đó (xem: congress election show)."
                : "The list of «\(title)» has no candidate number \(candidate) of that name (see: congress election show)."
        case .serialAlreadyEntered(let place, let serial, let name):
            return at(place) + (vi ? "\(name) đã nhập phiếu số sê-ri \(serial). Nhập nhầm thì sửa: congress ballots correct (hoặc «Sửa phiếu» trên trang); nếu là tờ phiếu thứ hai cùng số sê-ri (phiếu sao chép) thì thêm p."
                                : "\(name) has already entered serial \(serial). To put a slip right, correct it: congress ballots correct (or «Correct a ballot» on the page); a second paper with the same serial (a copy) is entered with p.")
        case .noEntryToCorrect(let serial, let name):
            return vi ? "\(name) chưa nhập phiếu số sê-ri \(serial); không có gì để sửa (nhập nó như một phiếu mới)."
                : "\(name) has not entered serial \(serial); there is nothing to correct (enter it as a new ballot)."
        case .secondSourceMissing(let title, let source):
            let by = source.map { vi ? " (mới có: \($0))" : " (so far: \($0))" } ?? ""
            return vi ? "«\(title)» cần mỗi phiếu được nhập bởi hai nguồn độc lập và khớp nhau (hai người nhập, hoặc máy quét và một người)\(by); nhập chồng phiếu lần thứ hai rồi công bố. Cuộc bầu cử lập với --single-entry thì chỉ cần một nguồn."
                : "«\(title)» needs every ballot entered by two independent sources that agree (two operators, or the scanner and one operator)\(by); enter the stack a second time, then publish. An election created with --single-entry needs one source."
        case .noSheetInReview(let serial) where serial.hasPrefix("#"):
            return vi ? "Tờ phiếu quét \(serial) không (còn) chờ Ban kiểm phiếu quyết định (xem: congress ballots review)."
                : "Scanned sheet \(serial) is not (or no longer) waiting for the committee (see: congress ballots review)."
        case .severalSheetsInReview(let serial, let sheets):
            let numbers = sheets.map(String.init).joined(separator: ", ")
            return vi ? "\(sheets.count) tờ phiếu quét cùng số sê-ri \(serial) đang chờ quyết định (tờ số \(numbers)): chọn tờ mình đã xem bằng --sheet SỐ."
                : "\(sheets.count) scanned sheets with serial \(serial) are waiting (sheets \(numbers)): say which you looked at with --sheet NUMBER."
        case .sheetIsAnotherSerial(let sheet, let serial, let actual):
            return vi ? "Tờ số \(sheet) mang số sê-ri \(actual), không phải \(serial): kiểm lại số tờ (ballots review --json) rồi làm lại; chưa có gì thay đổi."
                : "Sheet \(sheet) carries serial \(actual), not \(serial): check the sheet's number (ballots review --json) and try again; nothing changed."
        case .foreignPaper(let sheet):
            return vi ? "Tờ số \(sheet) mang mã QR của cuộc bầu cử hoặc đại hội khác: không phải phiếu của cuộc bầu cử này, để riêng, không nhập."
                : "Sheet \(sheet) carries the QR code of another election or congress: not a ballot of this election; set it aside, it is not entered."
        case .noCountedSheet(let serial):
            return vi ? "Không có tờ phiếu quét nào số sê-ri \(serial) do máy đếm hay Ban kiểm phiếu đã quyết định (xem: congress ballots list; tờ đang chờ thì dùng ballots decide)."
                : "No scanned sheet with serial \(serial) was counted by the machine or decided by the committee (see: congress ballots list; a waiting sheet is decided with ballots decide)."
        case .noSheetInReview(let serial):
            return vi ? "Không có tờ phiếu quét nào số sê-ri \(serial) đang chờ Ban kiểm phiếu quyết định (xem: congress ballots review)."
                : "No scanned sheet with serial \(serial) is waiting for the committee (see: congress ballots review)."
        case .notAReasonSeenOnPaper(let reason):
            let known = InvalidReason.seenOnPaper.map(\.rawValue).joined(separator: ", ")
            return vi ? "«\(reason)» không phải lý do Ban kiểm phiếu ghi cho một phiếu; dùng: \(known)."
                : "«\(reason)» is not a reason the committee gives a ballot; use: \(known)."
        case .complaintsAfterPublishing(let title):
            return vi ? "«\(title)» đã công bố: biên bản in từ hồ sơ đã chốt, không thêm khiếu nại được nữa."
                : "«\(title)» is published: its minutes are printed from the frozen record, and complaints can no longer be added."
        }
    }
}
