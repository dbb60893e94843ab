import ArgumentParser
import CongressCore
import CongressStore
import Documents

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập danh sách đại biểu từ .xlsx hoặc .csv: tất cả hoặc không gì cả. / Import the delegate list, all or nothing.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Tệp .xlsx hoặc .csv / the .xlsx or .csv file.")
    var file: String

    @Flag(help: "Chỉ kiểm tra và cho biết sẽ thay đổi gì / check and show what would change, change nothing.")
    var dryRun = false

    @Flag(help: "In kết quả dạng JSON / print the result as JSON.")
    var json = false

    @Flag(help: "Cho phép danh sách mới xoá quá nửa số đại biểu hiện có / allow the new list to remove more than half of the current delegates.")
    var replaceAll = false

    func run() throws {
        let lang = options.lang
        let store = try options.openStore()
        let before: Int
        do { before = try store.delegates().count } catch { throw options.fail(error) }
        let outcome = DelegateListImport.run(path: file, into: store, actor: options.actor, dryRun: dryRun,
                                             allowMassRemoval: replaceAll)
        switch outcome {
        case .rejected(let reading):
            for warning in reading.warnings { Output.error(warning.message(lang)) }
            for error in reading.errors { Output.error(error.message(lang)) }
            Output.error(lang == .vi
                ? "Có \(reading.errorCount) lỗi; chưa nhập gì. Hãy sửa tệp rồi nhập lại."
                : "\(reading.errorCount) error(s); nothing was imported. Fix the file and import it again.")
            if json { try Output.json(ImportResult(errors: reading.errors, warnings: reading.warnings, lang: lang)) }
            throw ExitCode(2)
        case .refused(let reading, let refusal):
            for warning in reading.warnings { Output.error(warning.message(lang)) }
            Output.error(refusal.message(lang))
            if case .store(let error) = refusal, !error.isRefusal { throw ExitCode(2) }
            throw ExitCode(1)
        case .applied(let reading, let changes):
            for warning in reading.warnings { Output.error(warning.message(lang)) }
            if json {
                try Output.json(ImportResult(changes: changes, total: reading.delegates.count, dryRun: dryRun,
                                             warnings: reading.warnings, lang: lang))
                return
            }
            if before > 0 || dryRun { printDetails(changes) }
            print(summary(changes, total: reading.delegates.count))
        }
    }

    private func summary(_ c: DelegateListChanges, total: Int) -> String {
        let counts = options.lang == .vi
            ? "thêm \(c.added.count), sửa \(c.changed.count), xoá \(c.removed.count), giữ nguyên \(c.unchanged)"
            : "added \(c.added.count), changed \(c.changed.count), removed \(c.removed.count), unchanged \(c.unchanged)"
        switch (options.lang, dryRun, c.isEmpty) {
        case (.vi, _, true): return "Danh sách không có gì thay đổi (\(total) đại biểu)."
        case (.en, _, true): return "Nothing changes in the list (\(total) delegates)."
        case (.vi, true, false): return "Kiểm tra xong, chưa ghi gì: sẽ \(counts) (\(total) đại biểu)."
        case (.en, true, false): return "Checked, nothing written: would have \(counts) (\(total) delegates)."
        case (.vi, false, false): return "Đã nhập \(total) đại biểu từ \(file): \(counts)."
        case (.en, false, false): return "Imported \(total) delegates from \(file): \(counts)."
        }
    }

    private func printDetails(_ c: DelegateListChanges) {
        for d in c.added { print("+ \(d.code) \(d.name) (\(d.delegation))") }
        for change in c.changed {
            let fields = change.fields.map { $0.header(options.lang) }.joined(separator: ", ")
            print("~ \(change.after.code) \(change.after.name): \(fields)")
        }
        for d in c.removed { print("- \(d.code) \(d.name) (\(d.delegation))") }
    }
}

/// `congress import --json`.
private struct ImportResult: Encodable {
    struct Problem: Encodable {
        var code: String
        var row: Int?
        var column: String?
        var field: String?
        var message: String

        init(_ e: DelegateListError, _ lang: Language) {
            (code, row, column, field, message) = (e.code, e.row, e.column, e.field?.rawValue, e.message(lang))
        }

        init(_ w: DelegateListWarning, _ lang: Language) {
            (code, row, column, field, message) = (w.code, w.row, w.column, nil, w.message(lang))
        }
    }
    var ok: Bool
    var dryRun: Bool
    var total: Int
    var added: [String]
    var changed: [String]
    var removed: [String]
    var unchanged: Int
    var warnings: [Problem]
    var errors: [Problem]

    enum CodingKeys: String, CodingKey {
        case ok, total, added, changed, removed, unchanged, warnings, errors
        case dryRun = "dry_run"
    }

    init(errors: [DelegateListError], warnings: [DelegateListWarning], lang: Language) {
        ok = false
        dryRun = false
        total = 0
        added = []; changed = []; removed = []; unchanged = 0
        self.errors = errors.map { Problem($0, lang) }
        self.warnings = warnings.map { Problem($0, lang) }
    }

    init(changes: DelegateListChanges, total: Int, dryRun: Bool, warnings: [DelegateListWarning], lang: Language) {
        ok = true
        self.dryRun = dryRun
        self.total = total
        added = changes.added.map(\.code)
        changed = changes.changed.map(\.after.code)
        removed = changes.removed.map(\.code)
        unchanged = changes.unchanged
        errors = []
        self.warnings = warnings.map { Problem($0, lang) }
    }
}
