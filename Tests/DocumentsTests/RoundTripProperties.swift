import CongressCore
import Documents
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite("Export and re-import")
struct RoundTripProperties {
    @Test(arguments: DelegateListFile.Format.allCases)
    func exportReimportsToTheSameDelegates(_ format: DelegateListFile.Format) async {
        await propertyCheck(count: 60, input: DelegateGen.list(maxCount: 40)) { delegates in
            do {
                let data = try DelegateListFile.export(delegates, format: format)
                let reading = DelegateListFile.read(data, source: "export.\(format.rawValue)", fileExtension: format.rawValue)
                #expect(reading.errors.isEmpty, "\(reading.errors.map { $0.message(.en) })")
                #expect(reading.delegates == delegates)
            } catch {
                Issue.record("export failed: \(error)")
            }
        }
    }

    @Test func fixtureSurvivesExportAndReimport() throws {
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        for format in DelegateListFile.Format.allCases {
            let data = try DelegateListFile.export(delegates, format: format)
            let again = try DelegateListFile.read(data, source: "x", fileExtension: format.rawValue).validated()
            #expect(again == delegates, "\(format)")
        }
    }
}
