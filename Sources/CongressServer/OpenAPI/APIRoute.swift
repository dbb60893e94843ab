import CongressCore
import Hummingbird

/// One route of the JSON API as the OpenAPI document describes it.
struct APIRoute: Sendable {
    /// What a successful call answers.
    enum Answer: Sendable {
        case json(JSONSchema)
        /// 204, no body.
        case noContent
        /// text/event-stream, kept open.
        case eventStream
    }

    struct Query: Sendable {
        var name: String
        var schema: JSONSchema
        var description: String
    }

    var method: HTTPRequest.Method
    var path: String
    /// Who may call it besides admin; nil for anyone. `APIRoleGate` checks it on every call,
    /// the document and the access test are made from it: one list for all three.
    var roles: [Role]?
    var rolesWords: String { roles.map { $0.isEmpty ? "admin" : $0.map(\.rawValue).joined(separator: ", ") } ?? "public" }
    var summary: String
    var query: [Query]
    var request: JSONSchema?
    var answers: Answer
    /// The statuses it refuses with beyond 401 and 403: 400 (a body it cannot read), 404
    /// (no such delegate, election, substitution), 409 (a rule said no), 413 (too large).
    var refusals: [Int]

    /// The path split once: every API request is matched against the table.
    let pattern: PathPattern

    init(_ method: HTTPRequest.Method, _ path: String, roles: [Role]?, _ summary: String,
         query: [(String, JSONSchema, String)] = [], request: JSONSchema? = nil, answers: Answer, refusals: [Int] = []) {
        self.method = method
        self.path = path
        self.pattern = PathPattern(path)
        self.roles = roles
        self.summary = summary
        self.query = query.map { Query(name: $0.0, schema: $0.1, description: $0.2) }
        self.request = request
        self.answers = answers
        // a body that is not the schema's is always a 400; the framework refuses one too large
        // a path's id or a query parameter that is not a number in range is a 400 too
        let reads = request != nil || !query.isEmpty || path.contains("{id}")
        self.refusals = Array(Set(refusals + (reads ? [400] : []) + (request == nil ? [] : [413, 415]))).sorted()
    }
}
