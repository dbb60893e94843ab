import CongressCore
import Foundation

/// A `Decoder` that records the shape of what a type decodes instead of reading data: each
/// property's name, whether it is optional (`decodeIfPresent`), its type; lists and maps by
/// their element's type, coded enumerations by their values. It hands the type harmless
/// values (empty strings, zero, the first case) so that its `init(from:)` completes.
struct SchemaRecorder {
    struct Unsupported: Error { var type: String }

    /// The schema of `type`, and a value of it built from the recorder's placeholders.
    static func schema<T: Decodable>(of type: T.Type) throws -> (schema: JSONSchema, value: T) {
        if let special = try special(type) { return special }
        let recorder = Recorder()
        let value = try T(from: recorder)
        var schema = recorder.shape.schema
        if let body = T.self as? any APIBody.Type, case .object(var properties) = schema {
            for i in properties.indices {
                guard let limits = body.limits[properties[i].name] else { continue }
                if case .nullable(let inner) = properties[i].schema {
                    properties[i].schema = .nullable(.limited(inner, limits))
                } else {
                    properties[i].schema = .limited(properties[i].schema, limits)
                }
            }
            schema = body.dependentRequired.isEmpty ? .object(properties) : .dependent(.object(properties), body.dependentRequired)
        }
        return (schema, value)
    }

    /// Types whose schema is not what walking them would say.
    private static func special<T: Decodable>(_ type: T.Type) throws -> (schema: JSONSchema, value: T)? {
        func value(_ any: Any?) throws -> T {
            guard let v = any as? T else { throw Unsupported(type: "\(T.self)") }
            return v
        }
        if T.self == JSONValue.self { return (.any, try value(JSONValue.null)) }
        if let e = T.self as? any APIEnum.Type { return (.string(values: e.rawValues), try value(e.someValue)) }
        if let list = T.self as? any DecodableList.Type { return (.array(list.elementSchema), try value(list.empty)) }
        if let map = T.self as? any DecodableMap.Type { return (.map(map.valueSchema), try value(map.empty)) }
        return nil
    }

    /// What one `init(from:)` asked for.
    final class Shape {
        var properties: [JSONSchema.Property] = []
        var single: JSONSchema?
        var schema: JSONSchema { single ?? .object(properties) }
    }

    final class Recorder: Decoder {
        let shape = Shape()
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]
        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(shape: shape))
        }
        func unkeyedContainer() throws -> UnkeyedDecodingContainer { throw Unsupported(type: "an unkeyed container") }
        func singleValueContainer() throws -> SingleValueDecodingContainer { Single(shape: shape) }
    }

    struct Single: SingleValueDecodingContainer {
        let shape: Shape
        var codingPath: [CodingKey] = []
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { shape.single = .boolean; return false }
        func decode(_ type: String.Type) throws -> String { shape.single = .string(values: nil); return "" }
        func decode(_ type: Double.Type) throws -> Double { shape.single = .number; return 0 }
        func decode(_ type: Float.Type) throws -> Float { shape.single = .number; return 0 }
        func decode(_ type: Int.Type) throws -> Int { shape.single = .integer; return 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { shape.single = .integer; return 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { shape.single = .integer; return 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { shape.single = .integer; return 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { shape.single = .integer; return 0 }
        func decode(_ type: UInt.Type) throws -> UInt { shape.single = .integer; return 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { shape.single = .integer; return 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { shape.single = .integer; return 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { shape.single = .integer; return 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { shape.single = .integer; return 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (schema, value) = try SchemaRecorder.schema(of: type)
            shape.single = schema
            return value
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let shape: Shape
        var codingPath: [CodingKey] = []
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }

        private func note(_ key: Key, _ schema: JSONSchema, required: Bool) {
            if !shape.properties.contains(where: { $0.name == key.stringValue }) {
                shape.properties.append(.init(name: key.stringValue, schema: schema, required: required))
            }
        }

        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { note(key, .boolean, required: true); return false }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { note(key, .string(values: nil), required: true); return "" }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { note(key, .number, required: true); return 0 }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { note(key, .number, required: true); return 0 }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { note(key, .integer, required: true); return 0 }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { note(key, .integer, required: true); return 0 }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { note(key, .integer, required: true); return 0 }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { note(key, .integer, required: true); return 0 }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { note(key, .integer, required: true); return 0 }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { note(key, .integer, required: true); return 0 }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { note(key, .integer, required: true); return 0 }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { note(key, .integer, required: true); return 0 }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { note(key, .integer, required: true); return 0 }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { note(key, .integer, required: true); return 0 }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (schema, value) = try SchemaRecorder.schema(of: type)
            note(key, schema, required: true)
            return value
        }
        // optional properties: recorded as not required, decoded as absent
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            note(key, .nullable(try SchemaRecorder.schema(of: type).schema), required: false)
            return nil
        }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { note(key, .nullable(.boolean), required: false); return nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { note(key, .nullable(.string(values: nil)), required: false); return nil }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { note(key, .nullable(.number), required: false); return nil }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { note(key, .nullable(.integer), required: false); return nil }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { note(key, .nullable(.integer), required: false); return nil }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw Unsupported(type: "a nested container")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { throw Unsupported(type: "a nested list") }
        func superDecoder() throws -> Decoder { throw Unsupported(type: "a super decoder") }
        func superDecoder(forKey key: Key) throws -> Decoder { throw Unsupported(type: "a super decoder") }
    }
}

/// A list: its schema is its element's.
protocol DecodableList { static var elementSchema: JSONSchema { get }; static var empty: Any { get } }
extension Array: DecodableList where Element: Decodable {
    static var elementSchema: JSONSchema { JSONSchema.of(Element.self) }
    static var empty: Any { [Element]() }
}

/// A map with string keys: its schema is its values'.
protocol DecodableMap { static var valueSchema: JSONSchema { get }; static var empty: Any { get } }
extension Dictionary: DecodableMap where Key == String, Value: Decodable {
    static var valueSchema: JSONSchema { JSONSchema.of(Value.self) }
    static var empty: Any { [String: Value]() }
}
