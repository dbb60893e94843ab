import CongressCore
import CongressStore

/// `congress import` as one step: read the file, refuse it whole if anything is wrong,
/// otherwise apply it to the store in one transaction. Nothing is half-imported.
public enum DelegateListImport {
    public enum Outcome: Sendable {
        /// The file has errors: nothing was written.
        case rejected(DelegateListReader.Reading)
        /// A rule said no (an admitted delegate would be removed, or most of the list would
        /// vanish): nothing was written.
        case refused(DelegateListReader.Reading, Refusal)
        /// Applied (or, for a dry run, what would be applied).
        case applied(DelegateListReader.Reading, DelegateListChanges)
    }

    public enum Refusal: Sendable, LocalizedMessage {
        case store(StoreError)
        /// More than half of the delegates would be removed: most likely a partial file.
        case massRemoval(removed: Int, of: Int)

        public func message(_ language: Language) -> String {
            switch self {
            case .store(let error): return error.message(language)
            case .massRemoval(let removed, let total):
                return language == .vi
                    ? "Danh sách mới sẽ xoá \(removed) trong số \(total) đại biểu hiện có; có vẻ đây là tệp chưa đầy đủ. Không nhập gì. Nếu thật sự muốn thay cả danh sách, hãy chạy lại với --replace-all."
                    : "The new list would remove \(removed) of the \(total) current delegates; it looks like a partial file. Nothing was imported. To replace the whole list on purpose, run again with --replace-all."
            }
        }
    }

    public static func run(path: String, into store: CongressStore, actor: String, dryRun: Bool = false,
                           allowMassRemoval: Bool = false) -> Outcome {
        let reading = DelegateListFile.read(path: path)
        guard reading.errors.isEmpty else { return .rejected(reading) }
        do {
            let preview = try store.previewImport(reading.delegates)
            let current = preview.removed.count + preview.changed.count + preview.unchanged
            if !allowMassRemoval, !preview.removed.isEmpty, preview.removed.count * 2 > current {
                return .refused(reading, .massRemoval(removed: preview.removed.count, of: current))
            }
            if dryRun { return .applied(reading, preview) }
            return .applied(reading, try store.importDelegates(reading.delegates, source: path, actor: actor))
        } catch {
            return .refused(reading, .store(error))
        }
    }
}
