import CongressCore

/// What the server checks in each request body beyond its types (and answers 400 for),
/// in the document so that a client generated from it sends what is taken. The limits are
/// the handlers' own (Routes): a change of one is a change of the other.
extension ScanBatch.Scan: APIBody {
    static var limits: [String: [JSONSchema.Limit]] {
        ["id": [.format("uuid"), .pattern("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")],
         "station": [.minLength(1), .maxLength(64)],
         "reason": [.maxLength(200), .pattern("\\S")]]
    }
    /// A manual admission (a code) gives its reason.
    static var dependentRequired: [String: [String]] { ["code": ["reason"]] }
}

extension ManualAdmissionBody: APIBody {
    static var limits: [String: [JSONSchema.Limit]] { ["reason": [.pattern("\\S")]] }
}

extension OpenSittingBody: APIBody {
    static var limits: [String: [JSONSchema.Limit]] { ["name": [.maxLength(100), .pattern("\\S")]] }
}
