import CongressCore

/// Why the store refused or failed. Each case carries what the user needs to act.
public enum StoreError: Error, Sendable, Equatable, LocalizedMessage {
    /// No congress database at this path.
    case missing(path: String)
    /// `init` would overwrite an existing file.
    case alreadyExists(path: String)
    /// The file cannot be created there (no such folder, no permission, disk full).
    case cannotCreate(path: String, detail: String)
    /// The file is not a congress database (or is damaged).
    case notACongress(path: String, detail: String)
    /// The new list leaves out delegates who were already admitted to a sitting.
    case wouldRemoveAdmitted([Delegate])
    /// The new list leaves out more than half of the delegates (a partial file?).
    case wouldRemoveMost(removed: Int, of: Int)
    /// The stored list changed between a preview and its confirmation (another import, a
    /// substitution): what was previewed is no longer what would be applied.
    case listChangedSincePreview
    case unknownDelegate(code: String)
    /// The private key file is not beside the database.
    case keyMissing(path: String)
    case keyDamaged(path: String)
    case noOpenSitting
    case notAdmitted(code: String)
    /// A substitution that the rules do not allow (who replaces whom).
    case substitutionRefused(String)
    case unknownSubstitution(id: Int64)
    case invalidUsername(String)
    /// A change to a person who signs in that is refused.
    case personRefused(PersonRefusal)
    case sittingAlreadyOpen(name: String)
    case unknownElection(id: Int64)
    /// An election rule said no (the core's ElectionRules, typed): a candidate on the
    /// committee, a list already printed, a published count, …
    case election(ElectionRefusal)
    /// An absence reason the rules do not take (no seat, no reason, already admitted).
    case absenceRefused(vi: String, en: String)
    case unknownSitting(id: Int64)
    /// A coded column holds a value this version does not know (written by something else, or damaged).
    case unreadableValue(table: String, column: String, value: String)
    /// SQLite said no: disk full, read-only file, locked for too long, …
    case database(String)

    public enum PersonRefusal: Sendable, Equatable {
        case unknown(String)
        case disablingOneself
        /// Someone already signs in with this name.
        case usernameTaken(String)
    }

    /// What programs match on: the case's name in snake case; an election refusal's own.
    public var code: String {
        if case .election(let refusal) = self { return StableCode.of(refusal) }
        if case .personRefused(let refusal) = self {
            switch refusal {
            case .disablingOneself: return "disabling_oneself"
            case .usernameTaken: return "username_taken"
            case .unknown: return "unknown_person"
            }
        }
        return StableCode.of(self)
    }

    /// Refusals are a rule saying no (exit 1); the rest are bad input or a broken file (exit 2).
    public var isRefusal: Bool {
        switch self {
        case .wouldRemoveAdmitted, .wouldRemoveMost, .listChangedSincePreview, .noOpenSitting, .sittingAlreadyOpen, .notAdmitted, .substitutionRefused,
             .absenceRefused, .election, .personRefused: true
        default: false
        }
    }

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .missing(let path):
            return vi ? "Chưa có cơ sở dữ liệu đại hội ở \(path); hãy chạy `congress init --name \"…\"` trước, hoặc chỉ đúng tệp bằng --db hay biến CONGRESS_DB."
                : "There is no congress database at \(path); run `congress init --name \"…\"` first, or point at the right file with --db or CONGRESS_DB."
        case .alreadyExists(let path):
            return vi ? "Đã có tệp \(path); không ghi đè. Hãy chọn tên khác bằng --db, hoặc xoá tệp cũ nếu chắc chắn."
                : "\(path) already exists and is not overwritten; choose another name with --db, or delete the old file if you are sure."
        case .cannotCreate(let path, let detail):
            return vi ? "Không tạo được tệp \(path) (\(detail)); hãy kiểm tra thư mục có tồn tại và được phép ghi."
                : "Cannot create \(path) (\(detail)); check that the folder exists and can be written to."
        case .notACongress(let path, let detail):
            return vi ? "\(path) không phải cơ sở dữ liệu đại hội hoặc đã hỏng (\(detail))."
                : "\(path) is not a congress database, or it is damaged (\(detail))."
        case .wouldRemoveAdmitted(let delegates):
            let list = delegates.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
            return vi ? "Danh sách mới thiếu \(delegates.count) đại biểu đã được điểm danh vào phiên họp: \(list). Không nhập gì; hãy giữ các đại biểu này trong danh sách (người được thay thế thì ghi nhận bằng thủ tục thay thế đại biểu)."
                : "The new list leaves out \(delegates.count) delegate(s) already admitted to a sitting: \(list). Nothing was imported; keep them in the list (a replaced delegate is recorded through a substitution)."
        case .keyMissing(let path):
            return vi ? "Không thấy khoá ký của đại hội (\(path)); khoá được tạo cùng cơ sở dữ liệu bởi `congress init` và phải nằm cạnh tệp cơ sở dữ liệu."
                : "The congress signing key (\(path)) is missing; `congress init` creates it beside the database, where it must stay."
        case .keyDamaged(let path):
            return vi ? "Tệp khoá ký \(path) bị hỏng hoặc không khớp." : "The signing key file \(path) is damaged or does not match."
        case .wouldRemoveMost(let removed, let total):
            return vi ? "Danh sách mới sẽ xoá \(removed) trong số \(total) đại biểu hiện có; có vẻ đây là tệp chưa đầy đủ. Không nhập gì. Nếu thật sự muốn thay cả danh sách, hãy chạy lại với --replace-all."
                : "The new list would remove \(removed) of the \(total) current delegates; it looks like a partial file. Nothing was imported. To replace the whole list on purpose, run again with --replace-all."
        case .listChangedSincePreview:
            return vi ? "Danh sách đại biểu đã thay đổi từ lúc xem trước (có người vừa nhập hoặc sửa danh sách); chưa nhập gì. Hãy tải tệp lên lại để xem trước những gì sẽ thay đổi bây giờ."
                : "The delegate list changed since the preview (someone else imported or edited it); nothing was imported. Upload the file again to preview what would change now."
        case .unknownDelegate(let code):
            return vi ? "Không có đại biểu mã \(code)." : "There is no delegate with code \(code)."
        case .noOpenSitting:
            return vi ? "Chưa mở phiên họp nào; hãy chạy `congress sitting open TÊN`." : "No sitting is open; run `congress sitting open NAME`."
        case .notAdmitted(let code):
            return vi ? "Đại biểu \(code) chưa được điểm danh vào phiên này." : "\(code) has not been admitted to this sitting."
        case .substitutionRefused(let why):
            return vi ? "Không ghi nhận thay thế: \(why)" : "Substitution refused: \(why)"
        case .invalidUsername(let name):
            return vi ? "Tên đăng nhập «\(name)» không hợp lệ (1–64 ký tự)." : "The username «\(name)» is not valid (1–64 characters)."
        case .personRefused(.unknown(let name)):
            return vi ? "Không có người đăng nhập «\(name)» (hoặc đã bị vô hiệu hoá)." : "There is no person «\(name)» who signs in (or they are disabled)."
        case .personRefused(.usernameTaken(let name)):
            return vi ? "Đã có người đăng nhập bằng tên «\(name)»; hãy chọn tên khác." : "Someone already signs in as «\(name)»; choose another name."
        case .personRefused(.disablingOneself):
            return vi ? "Không tự vô hiệu hoá tài khoản của mình; hãy nhờ một quản trị khác." : "Nobody disables their own account; ask another administrator."
        case .unknownSubstitution(let id):
            return vi ? "Không có quyết định thay thế số \(id)." : "There is no substitution \(id)."
        case .sittingAlreadyOpen(let name):
            return vi ? "Phiên «\(name)» đang mở; hãy đóng phiên đó trước (`congress sitting close`)."
                : "The sitting «\(name)» is open; close it first (`congress sitting close`)."
        case .unknownElection(let id):
            return vi ? "Không có cuộc bầu cử số \(id) (xem `congress election list`)." : "There is no election \(id) (see `congress election list`)."
        case .absenceRefused(let viText, let enText):
            return vi ? viText : enText
        case .election(let refusal):
            return refusal.message(language)
        case .unknownSitting(let id):
            return vi ? "Không có phiên số \(id) (xem `congress sitting list`)." : "There is no sitting \(id) (see `congress sitting list`)."
        case .unreadableValue(let table, let column, let value):
            return vi ? "Tệp đại hội có giá trị không đọc được: bảng \(table), cột \(column) = «\(value)». Tệp do chương trình khác ghi hoặc đã hỏng; hãy dùng bản sao lưu."
                : "The congress file holds a value this version cannot read: table \(table), column \(column) = «\(value)». Another program wrote it, or it is damaged; use a backup."
        case .database(let detail):
            return vi ? "Lỗi cơ sở dữ liệu: \(detail)" : "Database error: \(detail)"
        }
    }
}
