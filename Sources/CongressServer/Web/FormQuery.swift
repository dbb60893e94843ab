import Hummingbird

/// The fields of a form sent with GET (`?q=Hà+Kim+Nga`), read as a browser wrote them:
/// `+` is a space (application/x-www-form-urlencoded), then percent escapes. Hummingbird's
/// `queryParameters` decodes only the escapes, so a two-word search or a delegation's name
/// chosen from a list came through with plus signs.
struct FormQuery: Sendable {
    private var fields: [(String, String)] = []

    init(_ request: Request) {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields.append((parts[0], parts.count > 1 ? parts[1] : ""))
        }
    }

    /// The first value of `name`; nil when the form did not send it.
    func get(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    func get<T: LosslessStringConvertible>(_ name: String, as: T.Type) -> T? { get(name).flatMap { T($0) } }
}
