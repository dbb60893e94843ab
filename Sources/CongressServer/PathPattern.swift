/// A route's path as the API's table writes it, split once: a fixed segment matches itself,
/// `{id}` a number (the API's OpenAPI form), `:name` any one segment. Only the 405 answer
/// matches requests against these (which methods a path takes); who may use a route is
/// checked by the route's own rule (`Access`, `GatedRouter`), never by matching a path.
struct PathPattern: Sendable {
    let segments: [Substring]
    /// Fixed segments: the more, the more specific (/delegates/import before /delegates/:code).
    let fixedCount: Int

    init(_ path: String) {
        segments = path.split(separator: "/", omittingEmptySubsequences: false)
        fixedCount = segments.filter { !$0.hasPrefix(":") && $0 != "{id}" }.count
    }

    /// A request's path, split as the patterns are.
    static func split(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: false) }

    func matches(_ asked: [Substring]) -> Bool {
        segments.count == asked.count && zip(segments, asked).allSatisfy { pattern, segment in
            pattern == segment || (pattern == "{id}" && Int64(segment) != nil) || (pattern.hasPrefix(":") && !segment.isEmpty)
        }
    }
}
