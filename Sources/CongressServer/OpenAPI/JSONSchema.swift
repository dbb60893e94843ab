import CongressCore
import Foundation

/// A JSON Schema (as OpenAPI 3.1 writes it) of a request or response body, read off the
/// body's own Swift type by decoding it with `SchemaRecorder`: the document describes the
/// types the handlers decode and encode, so the two cannot drift apart; schemathesis, run
/// by `make test` against a live server, checks every answer against it.
indirect enum JSONSchema: Sendable, Hashable {
    case string(values: [String]?)
    case integer
    case number
    case boolean
    case array(JSONSchema)
    /// Properties in declaration order; `required` those that are always present.
    case object([Property])
    /// An object whose keys are data (a map).
    case map(JSONSchema)
    /// Anything (a feed event's details, passed through).
    case any
    /// An optional property: absent, or null, or the value.
    case nullable(JSONSchema)
    /// The server's own limits on a value (what it answers 400 for), so a client generated
    /// from the document sends what is taken.
    case limited(JSONSchema, [Limit])
    /// An object where one property calls for others (a manual admission's code, its reason).
    case dependent(JSONSchema, [String: [String]])

    enum Limit: Sendable, Hashable {
        case minLength(Int), maxLength(Int), pattern(String), format(String), minimum(Double), maximum(Double)
    }

    /// The object a `.dependent` wraps.
    var objectInside: JSONSchema {
        if case .dependent(let inner, _) = self { return inner }
        return self
    }

    struct Property: Sendable, Hashable {
        var name: String
        var schema: JSONSchema
        var required: Bool
    }

    var json: [String: Any] {
        switch self {
        case .string(let values):
            var s: [String: Any] = ["type": "string"]
            if let values { s["enum"] = values }
            return s
        // a JSON number the server reads into a 64-bit integer
        case .integer: return ["type": "integer", "minimum": Int64.min, "maximum": Int64.max]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let item): return ["type": "array", "items": item.json]
        case .object(let properties):
            var s: [String: Any] = ["type": "object",
                                    "properties": Dictionary(properties.map { ($0.name, $0.schema.json) }, uniquingKeysWith: { a, _ in a })]
            let required = properties.filter(\.required).map(\.name)
            if !required.isEmpty { s["required"] = required }
            return s
        case .map(let value): return ["type": "object", "additionalProperties": value.json]
        case .any: return [:]
        case .nullable(let inner):
            var s = inner.json
            if let type = s["type"] as? String { s["type"] = [type, "null"]; return s }
            return ["anyOf": [inner.json, ["type": "null"]]]
        case .limited(let inner, let limits):
            var s = inner.json
            for limit in limits {
                switch limit {
                case .minLength(let n): s["minLength"] = n
                case .maxLength(let n): s["maxLength"] = n
                case .pattern(let p): s["pattern"] = p
                case .format(let f): s["format"] = f
                case .minimum(let n): s["minimum"] = n
                case .maximum(let n): s["maximum"] = n
                }
            }
            return s
        case .dependent(let inner, let dependencies):
            var s = inner.json
            // "if this property is given (not null), those are given too, as strings": a manual
            // admission's code calls for its reason (null is as good as absent, as the server reads it)
            var all: [[String: Any]] = []
            for (property, needed) in dependencies.sorted(by: { $0.key < $1.key }) {
                var properties: [String: Any] = [:]
                for n in needed {
                    var inner: [String: Any] = ["type": "string"]
                    if case .object(let props) = self.objectInside, let p = props.first(where: { $0.name == n }),
                       case .nullable(let schema) = p.schema { inner = schema.json }
                    properties[n] = inner
                }
                all.append(["if": ["properties": [property: ["type": "string"]], "required": [property]],
                            "then": ["properties": properties, "required": needed]])
            }
            s["allOf"] = all
            return s
        }
    }

    /// The schema of `type`; `.any` if the type cannot be walked (it is then documented
    /// loosely rather than wrongly).
    static func of<T: Decodable>(_ type: T.Type) -> JSONSchema {
        (try? SchemaRecorder.schema(of: type).schema) ?? .any
    }
}

/// A request body whose server checks more than types: the limits of its properties, by
/// name, and the properties one calls for.
protocol APIBody: Decodable {
    static var limits: [String: [JSONSchema.Limit]] { get }
    static var dependentRequired: [String: [String]] { get }
}

extension APIBody {
    static var dependentRequired: [String: [String]] { [:] }
}

/// A coded enumeration with string values (a verdict, an entrance, a reason): its schema
/// lists them.
protocol APIEnum: CaseIterable, RawRepresentable, Decodable where RawValue == String {}

extension APIEnum {
    static var rawValues: [String] { allCases.map(\.rawValue) }
    static var someValue: Any? { allCases.first }
}

extension ScanVerdict: APIEnum {}
extension Entrance: APIEnum {}
extension InvalidReason: APIEnum {}
