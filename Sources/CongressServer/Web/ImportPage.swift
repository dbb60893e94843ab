import CongressCore
import Documents
import Foundation

/// The import page's view: the upload form, then either every error of the file or the
/// preview of what confirming would do.
struct ImportPage: Sendable {
    struct ErrorRow: Sendable {
        var file: String
        var row: String
        var column: String
        var header: String
        var wrong: String
        var right: String
    }
    struct DelegateRow: Sendable { var code: String; var name: String; var delegation: String; var kind: String }
    struct ChangeRow: Sendable { var code: String; var name: String; var fields: [FieldChange] }
    struct FieldChange: Sendable { var header: String; var before: String; var after: String }
    struct Preview: Sendable {
        /// The pending preview the confirmation names; nil when there is nothing to confirm.
        var id: String?
        var source: String
        var total: Int
        var added: Int
        var changed: Int
        var removed: Int
        var unchanged: Int
        var nothing: Bool
        var addedRows: [DelegateRow]
        var changedRows: [ChangeRow]
        var removedRows: [DelegateRow]
        /// Rows not shown (a first import of 1,100 lists a long "added" table; the counts say all).
        var more: String?
        /// Most of the list would go: the confirmation asks for it to be ticked.
        var removesMost: Bool
        var previousCount: Int
    }

    var title = "Nhập danh sách đại biểu"
    var user: UserView?
    var flash: String?
    var limit = ImportPages.limitWords
    var refusal: String?
    var errors: [ErrorRow] = []
    var errorCount: Int = 0
    var errorSource: String?
    var warnings: [String] = []
    var preview: Preview?

    init(user: UserView?, flash: String? = nil) {
        self.user = user
        self.flash = flash
    }

    /// Rows of each table shown at most; a longer table says how many more there are.
    static let shownRows = 300

    static func rejected(_ page: ImportPage, _ reading: DelegateListReader.Reading, source: String, language l: Language) -> ImportPage {
        var page = page
        page.errorSource = source
        page.errorCount = reading.errorCount
        page.errors = reading.errors.map { e in
            ErrorRow(file: e.source, row: e.row.map(String.init) ?? "—", column: e.column ?? "—", header: e.header ?? "",
                     wrong: e.wrong(l), right: e.remedy(l) ?? "")
        }
        page.warnings = reading.warnings.map { $0.message(l) }
        return page
    }

    static func previewed(_ page: ImportPage, _ reading: DelegateListReader.Reading, changes: DelegateListChanges,
                          source: String, language l: Language) -> ImportPage {
        var page = page
        page.warnings = reading.warnings.map { $0.message(l) }
        func row(_ d: Delegate) -> DelegateRow {
            DelegateRow(code: d.code, name: d.name, delegation: d.delegation, kind: Catalogue.say(d.kind.vietnamese, l))
        }
        let hidden = max(0, changes.added.count - shownRows) + max(0, changes.changed.count - shownRows)
            + max(0, changes.removed.count - shownRows)
        page.preview = Preview(
            id: nil, source: source, total: reading.delegates.count, added: changes.added.count, changed: changes.changed.count,
            removed: changes.removed.count, unchanged: changes.unchanged, nothing: changes.isEmpty,
            addedRows: changes.added.prefix(shownRows).map(row),
            changedRows: changes.changed.prefix(shownRows).map { c in
                ChangeRow(code: c.after.code, name: c.after.name, fields: c.fields.map { f in
                    FieldChange(header: f.header(l), before: DelegateListExport.value(of: f, in: c.before),
                                after: DelegateListExport.value(of: f, in: c.after))
                })
            },
            removedRows: changes.removed.prefix(shownRows).map(row),
            more: hidden > 0 ? Catalogue.say("Còn {hidden} dòng không hiện ở đây; số đếm ở trên là của cả danh sách.", l, ["hidden": String(hidden)]) : nil,
            removesMost: changes.removesMost, previousCount: changes.previousCount)
        return page
    }

    /// What the confirmation did, said on the delegate list it leads back to.
    static func done(_ c: DelegateListChanges, total: Int, source: String, language l: Language) -> String {
        c.isEmpty ? Catalogue.say("Danh sách không có gì thay đổi ({total} đại biểu).", l, ["total": String(total)])
            : Catalogue.say("Đã nhập {total} đại biểu từ {source}: thêm {added}, sửa {changed}, xoá {removed}, giữ nguyên {unchanged}.", l,
                            ["total": String(total), "source": source, "added": String(c.added.count), "changed": String(c.changed.count),
                             "removed": String(c.removed.count), "unchanged": String(c.unchanged)])
    }
}
