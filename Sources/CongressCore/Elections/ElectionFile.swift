import Foundation

/// The election file (DESIGN.md "`congress tally FILE --json`"): how a count is handed to
/// `congress tally`, archived, and checked again later. Reading it collects every problem,
/// each naming its field ("ballots[3].struck[1]"), in Vietnamese and English.
public enum ElectionFile {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var field: String
        public var vietnamese: String
        public var english: String
        public var description: String { "\(field): \(vietnamese) / \(english)" }
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Reads an election and its ballots, or every problem found.
    public static func read(_ data: Data) -> Result<(Election, [EnteredBallot]), Invalid> {
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: data)
        } catch let error as DecodingError {
            return .failure(Invalid(problems: [problem(error)]))
        } catch {
            return .failure(Invalid(problems: [Problem(field: "(tệp)", vietnamese: "không đọc được: \(error)", english: "unreadable: \(error)")]))
        }
        return validate(raw)
    }

    /// An election and its ballots as a file (the archive of a count, and what
    /// `congress tally` reads back to check it).
    public static func encode(_ e: Election, _ ballots: [EnteredBallot]) -> Data {
        let file = Raw(
            title: e.title, seats: e.seats, threshold_base: e.thresholdBase.rawValue, convened: e.convened,
            absent_whole_congress: e.absentWholeCongress, candidates: e.candidates.map { RawCandidate(id: $0.id, name: $0.name) },
            ballots_issued: e.ballotsIssued,
            ballots: ballots.map { b in
                RawBallot(serial: b.serial, struck: b.struck.map { e.candidates[$0].id },
                          invalid: b.marks.isEmpty ? nil : b.marks.map(\.rawValue))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(file)) ?? Data()
    }

    struct Raw: Codable {
        var title: String?
        var seats: Int?
        var threshold_base: String?
        var convened: Int?
        var absent_whole_congress: Int?
        var candidates: [RawCandidate]?
        var ballots_issued: Int?
        var ballots: [RawBallot]?
    }

    struct RawCandidate: Codable {
        var id: String?
        var name: String?
    }

    struct RawBallot: Codable {
        var serial: String?
        var struck: [String]?
        var invalid: [String]?
    }

    static func validate(_ raw: Raw) -> Result<(Election, [EnteredBallot]), Invalid> {
        var problems: [Problem] = []
        func add(_ field: String, _ vi: String, _ en: String) {
            if problems.count < 50 { problems.append(Problem(field: field, vietnamese: vi, english: en)) }
        }
        let title = raw.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if title.isEmpty { add("title", "thiếu tên cuộc bầu cử", "the election's title is missing") }
        let seats = raw.seats ?? 0
        if raw.seats == nil { add("seats", "thiếu số lượng cần bầu", "the number of seats is missing") }
        else if seats < 1 { add("seats", "số lượng cần bầu phải từ 1 trở lên, không phải \(seats)", "must be 1 or more, not \(seats)") }
        var base = ThresholdBase.ballotsCollected
        if let text = raw.threshold_base {
            if let b = ThresholdBase(rawValue: text) { base = b } else {
                let allowed = ThresholdBase.allCases.map(\.rawValue).joined(separator: ", ")
                add("threshold_base", "«\(text)» không phải một trong: \(allowed)", "\"\(text)\" is not one of: \(allowed)")
            }
        }
        if base == .convened && raw.convened == nil {
            add("convened", "cần số đại biểu được triệu tập khi tính trên số triệu tập", "required when threshold_base is convened")
        }
        if let c = raw.convened, c < 0 { add("convened", "không được âm", "must not be negative") }
        let absent = raw.absent_whole_congress ?? 0
        if absent < 0 { add("absent_whole_congress", "không được âm", "must not be negative") }
        if let c = raw.convened, absent > c {
            add("absent_whole_congress", "lớn hơn số triệu tập (\(c))", "more than convened (\(c))")
        }

        var candidates: [Election.Candidate] = []
        var index: [String: Int] = [:]
        if raw.candidates == nil || raw.candidates?.isEmpty == true {
            add("candidates", "danh sách ứng cử viên trống", "the candidate list is empty")
        }
        for (i, c) in (raw.candidates ?? []).enumerated() {
            let id = c.id ?? ""
            let name = c.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if id.isEmpty { add("candidates[\(i)].id", "thiếu mã ứng cử viên", "the candidate's id is missing") }
            else if index[id] != nil { add("candidates[\(i)].id", "mã «\(id)» trùng", "id \"\(id)\" appears twice") }
            if name.isEmpty { add("candidates[\(i)].name", "thiếu họ tên", "the name is missing") }
            index[id] = candidates.count
            candidates.append(Election.Candidate(id: id, name: name))
        }

        if raw.ballots == nil { add("ballots", "thiếu danh sách phiếu (có thể là [])", "the ballots are missing (may be [])") }
        var ballots: [EnteredBallot] = []
        ballots.reserveCapacity(raw.ballots?.count ?? 0)
        for (i, b) in (raw.ballots ?? []).enumerated() {
            let serial = b.serial ?? ""
            if serial.isEmpty { add("ballots[\(i)].serial", "thiếu số sê-ri của phiếu", "the ballot's serial is missing") }
            var struck: [Int] = []
            var seen = Set<Int>()
            for (j, id) in (b.struck ?? []).enumerated() {
                guard let k = index[id] else {
                    add("ballots[\(i)].struck[\(j)]", "«\(id)» không có trong danh sách ứng cử viên", "\"\(id)\" is not a candidate")
                    continue
                }
                if !seen.insert(k).inserted {
                    add("ballots[\(i)].struck[\(j)]", "«\(id)» bị gạch hai lần", "\"\(id)\" is struck twice")
                    continue
                }
                struck.append(k)
            }
            var marks: [InvalidReason] = []
            for (j, text) in (b.invalid ?? []).enumerated() {
                guard let reason = InvalidReason(rawValue: text) else {
                    let allowed = InvalidReason.allCases.map(\.rawValue).joined(separator: ", ")
                    add("ballots[\(i)].invalid[\(j)]", "«\(text)» không phải một trong: \(allowed)", "\"\(text)\" is not one of: \(allowed)")
                    continue
                }
                marks.append(reason)
            }
            ballots.append(EnteredBallot(serial: serial, struck: struck, marks: marks))
        }
        let issued = raw.ballots_issued ?? ballots.count
        if issued < 0 { add("ballots_issued", "không được âm", "must not be negative") }
        // More collected than issued is not a malformed file but a fact the minutes must show
        // (TallyResult.warnings); it is counted, not refused.
        guard problems.isEmpty else { return .failure(Invalid(problems: problems)) }
        return .success((Election(title: title, seats: seats, thresholdBase: base, convened: raw.convened,
                                  absentWholeCongress: absent, candidates: candidates, ballotsIssued: issued), ballots))
    }

    /// A decoding error as the field it is about and what was expected there.
    static func problem(_ error: DecodingError) -> Problem {
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "(tệp)" : text
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let expected = "\(type)".contains("Int") ? ("một số nguyên", "a whole number")
                : "\(type)".contains("Array") ? ("một danh sách", "a list")
                : "\(type)".contains("String") ? ("một chuỗi chữ", "a string") : ("\(type)", "\(type)")
            return Problem(field: path(context.codingPath), vietnamese: "phải là \(expected.0)", english: "must be \(expected.1)")
        case .dataCorrupted(let context):
            return Problem(field: path(context.codingPath), vietnamese: "không phải JSON hợp lệ", english: "not valid JSON: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return Problem(field: path(context.codingPath + [key]), vietnamese: "thiếu", english: "missing")
        @unknown default:
            return Problem(field: "(tệp)", vietnamese: "không đọc được", english: "unreadable: \(error)")
        }
    }
}
