import CongressCore
import CongressStore
import Documents
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite("Import is all or nothing")
struct ImportProperties {
    /// Ways to spoil one cell, each naming the column it spoils and the value it writes.
    static let corruptions: [(DelegateField, String)] = [
        (.code, ""), (.code, "DB 1"), (.code, "ĐB01"), (.name, ""), (.name, "1234"), (.sex, ""), (.sex, "Khác"),
        (.delegation, ""), (.kind, ""), (.kind, "Chính thức"), (.birthDate, "31/02/1990"),
        (.birthDate, "1850"), (.birthDate, "ngày 5"), (.partyMember, "Có thể"), (.fullTime, "??"),
        (.sector, "Tư nhân"),
    ]

    @Test func exportFromTheStoreReimportsToTheSameDelegates() async throws {
        await propertyCheck(count: 25, input: DelegateGen.list(maxCount: 30)) { delegates in
            do {
                let first = try TemporaryCongress()
                try first.store.importDelegates(delegates, source: "gen", actor: "test")
                let stored = try first.store.delegates()
                #expect(Set(stored) == Set(delegates))
                for format in DelegateListFile.Format.allCases {
                    let file = first.directory.appendingPathComponent("export.\(format.rawValue)")
                    try DelegateListFile.export(stored, format: format).write(to: file)
                    let second = try TemporaryCongress()
                    guard case .applied = DelegateListImport.run(path: file.path, into: second.store, actor: "test") else {
                        Issue.record("re-import of \(format) refused")
                        continue
                    }
                    #expect(try second.store.delegates() == stored)
                    // and into the first store again: nothing changes
                    let before = try first.dump()
                    guard case .applied(_, let changes) = DelegateListImport.run(path: file.path, into: first.store, actor: "test") else {
                        Issue.record("re-import refused"); continue
                    }
                    #expect(changes.isEmpty)
                    #expect(try first.dump() == before)
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func anySingleCorruptedCellRefusesTheWholeFileAndChangesNothing() async throws {
        let congress = try TemporaryCongress()
        try congress.store.importDelegates(DelegateGen.fixedList(count: 15), source: "base", actor: "test")
        let input = zip(DelegateGen.list(maxCount: 25), Gen.int(in: 0...10_000), Gen.int(in: 0..<Self.corruptions.count))
        await propertyCheck(count: 80, input: input) { delegates, rowSeed, corruption in
            do {
                var rows = DelegateListExport.rows(delegates)
                let row = 1 + rowSeed % delegates.count
                let (field, value) = Self.corruptions[corruption]
                let column = try #require(DelegateListExport.fields.firstIndex(of: field))
                rows[row][column] = value
                let file = congress.directory.appendingPathComponent("bad-\(rowSeed).csv")
                try CSVTableWriter.data(rows).write(to: file)
                let before = try congress.dump()
                let outcome = DelegateListImport.run(path: file.path, into: congress.store, actor: "test")
                guard case .rejected(let reading) = outcome else {
                    Issue.record("\(field) = «\(value)» on row \(row + 1) was accepted")
                    return
                }
                #expect(reading.errors.contains { $0.row == row + 1 && $0.field == field },
                        "the error names row \(row + 1), \(field): \(reading.errors.map { $0.message(.en) })")
                #expect(try congress.dump() == before)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func duplicatedCodeRefusesTheWholeFile() async throws {
        let congress = try TemporaryCongress()
        let before = try congress.dump()
        await propertyCheck(count: 40, input: DelegateGen.list(maxCount: 20).filter { $0.count > 1 }) { delegates in
            var copy = delegates
            copy[copy.count - 1].code = copy[0].code.lowercased()
            let file = congress.directory.appendingPathComponent("dup.csv")
            do {
                try CSVTableWriter.data(DelegateListExport.rows(copy)).write(to: file)
                guard case .rejected(let reading) = DelegateListImport.run(path: file.path, into: congress.store, actor: "t") else {
                    Issue.record("accepted a duplicate code"); return
                }
                #expect(reading.errors.map(\.code) == ["duplicate_code"])
                #expect(reading.errors.first?.row == copy.count + 1)
                #expect(try congress.dump() == before)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func partialListIsRefusedUnlessAskedFor() throws {
        let congress = try TemporaryCongress()
        let all = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        try congress.store.importDelegates(all, source: "delegates.csv", actor: "test")
        let file = congress.directory.appendingPathComponent("partial.csv")
        try CSVTableWriter.data(DelegateListExport.rows(Array(all.prefix(100)))).write(to: file)
        let before = try congress.dump()
        guard case .refused(_, .massRemoval(removed: 200, of: 300)) = DelegateListImport.run(path: file.path, into: congress.store, actor: "t") else {
            Issue.record("a list missing two thirds of the delegates was applied"); return
        }
        #expect(try congress.dump() == before)
        guard case .applied(_, let changes) = DelegateListImport.run(path: file.path, into: congress.store, actor: "t", allowMassRemoval: true) else {
            Issue.record("--replace-all refused"); return
        }
        #expect(changes.removed.count == 200)
        #expect(try congress.store.delegates().count == 100)
    }
}
