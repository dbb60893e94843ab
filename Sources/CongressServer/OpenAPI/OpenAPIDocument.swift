import Foundation
import Hummingbird

/// The OpenAPI 3.1 document served at /api/v1/openapi.json, made from the route table:
/// every route with its parameters, its request body's schema, and every status it answers
/// with the schema of each answer (refusals as `Refusal`'s `{"error": {"code", "message"}}`),
/// so the higher level's systems and other kiosks can generate a client from it.
enum OpenAPIDocument {
    static func json(_ routes: [APIRoute]) -> String {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        let refusal: [String: Any] = [
            "type": "object", "required": ["error"],
            "properties": ["error": ["type": "object", "required": ["code", "message"],
                                     "properties": ["code": ["type": "string", "description": "stable, for programs"],
                                                    "message": ["type": "string", "description": "for people, in the Accept-Language asked (vi or en)"]]]],
        ]
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "congress", "version": "1",
                     "description": "A trade union congress: attendance, quorum, elections. Messages follow Accept-Language (vi, en); Vietnamese by default."],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                           "schemas": ["Refusal": refusal]],
            "security": [["bearer": [] as [Any]]],
            "paths": paths,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static let statusWords: [Int: String] = [
        400: "The body or a parameter is not what this operation takes",
        401: "No token, or an unknown or revoked one",
        403: "The token's role may not do this",
        404: "No such delegate, election, sitting or substitution",
        409: "A rule said no (the message says which and why)",
        413: "The body is too large",
        415: "The body is not JSON",
    ]

    static func operation(_ route: APIRoute) -> [String: Any] {
        let refusal: [String: Any] = ["application/json": ["schema": ["$ref": "#/components/schemas/Refusal"]]]
        var responses: [String: Any] = [:]
        switch route.answers {
        case .json(let schema): responses["200"] = ["description": "OK", "content": ["application/json": ["schema": schema.json]]]
        case .noContent: responses["204"] = ["description": "Done"]
        case .eventStream:
            // each event as schemathesis and EventSource see it: its name and its data (the board's figures as JSON text)
            let event: [String: Any] = ["type": "object", "required": ["data"],
                                        "properties": ["event": ["type": "string", "enum": ["board"]], "data": ["type": "string"],
                                                       "id": ["type": "string"], "retry": ["type": "integer"]]]
            responses["200"] = ["description": "A stream of `board` events", "content": ["text/event-stream": ["itemSchema": event, "schema": event]]]
        }
        let public_ = route.roles == nil
        for status in route.refusals + (public_ ? [] : [401, 403]) {
            responses[String(status)] = ["description": statusWords[status] ?? "Refused", "content": refusal]
        }
        var operation: [String: Any] = [
            "summary": route.summary,
            "description": public_ ? "Anyone may read it." : "Roles: \(route.rolesWords) (admin may do everything).",
            "responses": responses,
        ]
        if public_ { operation["security"] = [] as [Any] }
        var parameters: [[String: Any]] = route.query.map {
            ["name": $0.name, "in": "query", "required": false, "description": $0.description, "schema": $0.schema.json]
        }
        if route.path.contains("{id}") {
            parameters.append(["name": "id", "in": "path", "required": true, "schema": ["type": "integer", "format": "int64"]])
        }
        parameters.append(["name": "Accept-Language", "in": "header", "required": false,
                           "description": "vi or en: the language of refusals' messages", "schema": ["type": "string"]])
        operation["parameters"] = parameters
        if let request = route.request {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": request.json]]]
        }
        return operation
    }
}
