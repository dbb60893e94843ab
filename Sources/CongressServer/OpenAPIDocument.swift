import Foundation
import Hummingbird

/// The OpenAPI 3.1 document served at /api/v1/openapi.json, made from the route table so
/// that it cannot forget a route (a test also checks each route answers).
enum OpenAPIDocument {
    static func json(_ routes: [(method: HTTPRequest.Method, path: String, roles: String, summary: String)]) -> String {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            var operation: [String: Any] = [
                "summary": route.summary,
                "description": "Roles: \(route.roles) (admin may do everything).",
                "responses": [
                    "200": ["description": "OK"],
                    "401": ["description": "No token, or an unknown or revoked one (JSON error)"],
                    "403": ["description": "The token's role may not do this (JSON error)"],
                ],
            ]
            if route.roles == "public" { operation["security"] = [] as [Any] }
            if route.path.contains("{id}") {
                operation["parameters"] = [["name": "id", "in": "path", "required": true, "schema": ["type": "integer"]]]
            }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "congress", "version": "1", "description": "Đại hội Công đoàn: điểm danh, túc số, bầu cử."],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
            "security": [["bearer": [] as [Any]]],
            "paths": paths,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
