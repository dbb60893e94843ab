import CongressStore
import Dispatch
import Hummingbird

/// Runs the store's blocking calls on threads of their own, so that SQLite's fsync never
/// holds one of the few threads Swift concurrency runs the server on.
public struct StoreRunner: Sendable {
    public let store: CongressStore
    private static let queue = DispatchQueue(label: "congress.store", attributes: .concurrent)

    public init(store: CongressStore) {
        self.store = store
    }

    /// Store errors come back as HTTP errors with the status they deserve and the message
    /// in both languages.
    public func run<T: Sendable>(_ body: @escaping @Sendable (CongressStore) throws -> T) async throws -> T {
        let store = self.store
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(returning: Result { try body(store) })
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error as StoreError):
            throw Refusal(error)
        case .failure(let error): throw error
        }
    }
}

extension StoreError {
    /// The HTTP status a store error is answered with.
    var status: HTTPResponse.Status {
        switch self {
        case .unknownDelegate, .unknownSubstitution, .unknownElection, .unknownSitting, .missing, .personRefused(.unknown(_)): .notFound
        case .wouldRemoveAdmitted, .wouldRemoveMost, .listChangedSincePreview, .noOpenSitting, .sittingAlreadyOpen, .notAdmitted, .substitutionRefused, .alreadyExists,
             .election, .absenceRefused, .personRefused(.disablingOneself), .personRefused(.usernameTaken): .conflict
        default: .internalServerError
        }
    }
}
