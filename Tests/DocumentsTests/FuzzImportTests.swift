import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The delegate list import under random files, CSV and XLSX: no crash, no hang, every
/// answer a list or errors that say where (a typed rejection for a file that is not a
/// table at all).
@Suite("Fuzz: delegate list import")
struct FuzzImportTests {
    @Test(arguments: ["csv", "xlsx"])
    func importNeverCrashes(_ ext: String) throws {
        let seed = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("delegates.\(ext)"))))
        // small seeds mutate into more shapes per second than the whole 300-row file
        let small = Array(try DelegateListFile.export(Array(try DelegateListFile.read(path: Fixtures.path("delegates.csv"))
            .validated().prefix(3)), format: ext == "csv" ? .csv : .xlsx))
        var fuzzer = Fuzzer("import-\(ext)")
        let tried = fuzzer.run(seeds: [small, small, seed]) { bytes in
            let start = threadCPUSeconds()
            let reading = DelegateListFile.read(Data(bytes), source: "fuzz.\(ext)", fileExtension: ext)
            for e in reading.errors { #expect(!e.message(.vi).isEmpty) }
            if reading.errors.isEmpty { #expect(reading.delegates.allSatisfy { !$0.code.isEmpty && !$0.name.isEmpty }) }
            #expect(threadCPUSeconds() - start < 3, "no file takes three seconds")
        }
        #expect(tried > 2)
    }
}
