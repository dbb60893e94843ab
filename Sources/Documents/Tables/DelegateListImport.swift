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
                return StoreError.wouldRemoveMost(removed: removed, of: total).message(language)
            }
        }
    }

    public static func run(path: String, into store: CongressStore, actor: String, dryRun: Bool = false,
                           allowMassRemoval: Bool = false) -> Outcome {
        let reading = DelegateListFile.read(path: path)
        guard reading.errors.isEmpty else { return .rejected(reading) }
        do {
            // The list is compared with the stored one once: inside the import's own
            // transaction, or, for a dry run, in a read.
            guard dryRun else {
                return .applied(reading, try store.importDelegates(reading.delegates, source: path, actor: actor,
                                                                   allowingMassRemoval: allowMassRemoval))
            }
            let preview = try store.previewImport(reading.delegates)
            if preview.removesMost && !allowMassRemoval {
                return .refused(reading, .massRemoval(removed: preview.removed.count, of: preview.previousCount))
            }
            return .applied(reading, preview)
        } catch .wouldRemoveMost(let removed, let total) {
            return .refused(reading, .massRemoval(removed: removed, of: total))
        } catch {
            return .refused(reading, .store(error))
        }
    }
}
