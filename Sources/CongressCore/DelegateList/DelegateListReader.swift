/// Gives meaning to a ``Table``: finds the header row, matches the columns, reads every row
/// into a ``Delegate``, and collects **every** error with its row and column. Pure: the
/// caller decides what to do with a list that has errors (the store never sees one).
public enum DelegateListReader {
    public struct Reading: Sendable {
        public var delegates: [Delegate]
        public var warnings: [DelegateListWarning]
        public var errors: [DelegateListError]
        /// Every error found, those counted but not listed included (a report stops at 200).
        public var errorCount: Int {
            errors.reduce(0) { total, error in
                if case .moreErrors(let n) = error.problem { return total + n }
                return total + 1
            }
        }

        public init(delegates: [Delegate], warnings: [DelegateListWarning], errors: [DelegateListError]) {
            self.delegates = delegates
            self.warnings = warnings
            self.errors = errors
        }

        /// The delegates, or every error at once.
        public func validated() throws(DelegateListRejected) -> [Delegate] {
            guard errors.isEmpty else { throw DelegateListRejected(errors) }
            return delegates
        }
    }

    /// How many rows from the top the header may be looked for (titles often sit above it).
    static let headerSearchDepth = 20

    /// Errors (and unknown columns) listed before the rest are only counted: a person reads
    /// a report of 200 and fixes the cause; a file of a million errors must not make one.
    public static let reportLimit = 200

    public static func read(_ table: Table) -> Reading {
        let source = table.source
        let rows = table.rows.filter { !$0.isBlank }
        guard !rows.isEmpty else {
            return Reading(delegates: [], warnings: [],
                           errors: [DelegateListError(source: source, problem: .emptyFile)])
        }
        // The header is the first row naming at least three known columns; failing that,
        // the first non-blank row (whose errors will then say what is missing).
        let headerIndex = rows.prefix(headerSearchDepth).firstIndex { row in
            Set(row.cells.compactMap(DelegateField.matching(header:))).count >= 3
        } ?? 0
        let header = rows[headerIndex]
        var warnings: [DelegateListWarning] = []
        if headerIndex > 0 {
            warnings.append(DelegateListWarning(source: source, row: header.number,
                                                problem: .rowsAboveHeader(count: headerIndex)))
        }

        var errors: [DelegateListError] = []
        var columns: [DelegateField: Int] = [:]
        var unknown = 0
        for (index, cell) in header.cells.enumerated() {
            let text = VietnameseText.cleaned(cell)
            guard !text.isEmpty else { continue }
            let letter = Table.columnLetter(index)
            guard let field = DelegateField.matching(header: text) else {
                unknown += 1
                if unknown <= reportLimit {
                    warnings.append(DelegateListWarning(source: source, row: header.number, column: letter,
                                                        header: text, problem: .unknownColumn))
                }
                continue
            }
            if let first = columns[field] {
                errors.append(DelegateListError(
                    source: source, row: header.number, column: letter, header: text, field: field,
                    problem: .duplicateColumn(field, firstColumn: Table.columnLetter(first))))
            } else {
                columns[field] = index
            }
        }
        if unknown > reportLimit {
            warnings.append(DelegateListWarning(source: source, row: header.number, problem: .moreUnknownColumns(count: unknown - reportLimit)))
        }
        for field in DelegateField.allCases where field.isRequired && columns[field] == nil {
            errors.append(DelegateListError(source: source, row: header.number, field: field,
                                            problem: .missingColumn(field)))
        }
        guard errors.isEmpty else { return Reading(delegates: [], warnings: warnings, errors: errors) }

        let body = rows[(headerIndex + 1)...]
        guard !body.isEmpty else {
            return Reading(delegates: [], warnings: warnings,
                           errors: [DelegateListError(source: source, row: header.number, problem: .noDelegates)])
        }

        let headers = header.cells.map(VietnameseText.cleaned)
        var delegates: [Delegate] = []
        delegates.reserveCapacity(body.count)
        var firstRowOfCode: [String: Int] = [:]
        var omitted = 0
        let cache = CellCache()
        for row in body {
            var reader = RowReader(source: source, row: row, columns: columns, headers: headers, cache: cache)
            if let delegate = reader.delegate() {
                if let first = firstRowOfCode[delegate.code] {
                    reader.fail(.code, .duplicateCode(delegate.code, firstRow: first))
                } else {
                    firstRowOfCode[delegate.code] = row.number
                    delegates.append(delegate)
                }
            }
            // a file of errors is reported in part: the first ones, then how many more
            omitted += max(0, reader.errors.count - (reportLimit - errors.count))
            errors.append(contentsOf: reader.errors.prefix(max(0, reportLimit - errors.count)))
        }
        if omitted > 0 { errors.append(DelegateListError(source: source, problem: .moreErrors(count: omitted))) }
        return Reading(delegates: errors.isEmpty ? delegates : [], warnings: warnings, errors: errors)
    }
}

/// What was already made of a cell's text. Lists repeat the same few values in most
/// columns (Nam, Nữ, Bầu, a delegation's name), and normalising Unicode is the costly
/// part of reading a list, so each distinct text is cleaned and parsed once.
private final class CellCache {
    var cleaned: [String: String] = [:]
    var parsed: [DelegateField: [String: Any?]] = [:]

    func clean(_ text: String) -> String {
        if let hit = cleaned[text] { return hit }
        let value = VietnameseText.cleaned(text)
        cleaned[text] = value
        return value
    }

    func parse<T>(_ field: DelegateField, _ text: String, _ parse: (String) -> T?) -> T? {
        if let hit = parsed[field]?[text] { return hit as? T }
        let value = parse(text)
        parsed[field, default: [:]][text] = value.map { $0 as Any }
        return value
    }
}

/// Reads one row, noting each bad cell.
private struct RowReader {
    let source: String
    let row: Table.Row
    let columns: [DelegateField: Int]
    let headers: [String]
    let cache: CellCache
    var errors: [DelegateListError] = []

    init(source: String, row: Table.Row, columns: [DelegateField: Int], headers: [String], cache: CellCache) {
        self.source = source
        self.row = row
        self.columns = columns
        self.headers = headers
        self.cache = cache
    }

    func raw(_ field: DelegateField) -> String {
        guard let index = columns[field], index < row.cells.count else { return "" }
        return cache.clean(row.cells[index])
    }

    mutating func fail(_ field: DelegateField, _ problem: DelegateListError.Problem) {
        let index = columns[field]
        errors.append(DelegateListError(
            source: source, row: row.number, column: index.map(Table.columnLetter),
            header: index.flatMap { $0 < headers.count ? headers[$0] : nil }, field: field,
            problem: problem))
    }

    /// The text of a required column, or an error.
    mutating func required(_ field: DelegateField) -> String? {
        let text = raw(field)
        if text.isEmpty { fail(field, .missingValue); return nil }
        return text
    }

    mutating func optional(_ field: DelegateField) -> String? {
        let text = raw(field)
        return text.isEmpty ? nil : text
    }

    /// A coded value: required or not, read by `parse`, an error when unreadable.
    mutating func coded<T>(_ field: DelegateField, _ parse: (String) -> T?) -> T?? {
        let text = raw(field)
        if text.isEmpty {
            if field.isRequired { fail(field, .missingValue); return nil }
            return .some(nil)
        }
        guard let value = cache.parse(field, text, parse) else { fail(field, .invalidValue(text)); return nil }
        return .some(value)
    }

    mutating func delegate() -> Delegate? {
        let codeText = required(.code)
        var code: String?
        if let codeText {
            code = Delegate.normalisedCode(codeText)
            if code == nil { fail(.code, .invalidValue(codeText)) }
        }
        let name = required(.name)
        if let name, !name.contains(where: \.isLetter) { fail(.name, .invalidValue(name)) }
        let sex = coded(.sex, Sex.parse)
        let delegation = required(.delegation).map { cache.parse(.delegation, $0, VietnameseText.collapsed) ?? $0 }
        let kind = coded(.kind, DelegateKind.parse)
        var birthDate: BirthDate?? = .some(nil)
        if let text = optional(.birthDate) {
            switch BirthDate.parse(text) {
            case .success(let date): birthDate = .some(date)
            case .failure(.impossible): fail(.birthDate, .impossibleDate(text)); birthDate = nil
            case .failure(.unreadable): fail(.birthDate, .invalidValue(text)); birthDate = nil
            }
        }
        let party = coded(.partyMember, YesNo.parse)
        let fullTime = coded(.fullTime, YesNo.parse)
        let sector = coded(.sector, Sector.parse)

        guard let code, let name, name.contains(where: \.isLetter), let sex = sex ?? nil,
              let delegation, let kind = kind ?? nil, let birthDate, let party, let fullTime,
              let sector else { return nil }
        return Delegate(
            code: code, name: name, sex: sex, birthDate: birthDate, delegation: delegation,
            kind: kind, ethnicity: optional(.ethnicity) ?? Delegate.majorityEthnicity,
            partyMember: party, education: optional(.education),
            politicalTheory: optional(.politicalTheory), sector: sector, fullTime: fullTime,
            position: optional(.position), seat: optional(.seat))
    }
}
