import CongressCore
import Foundation
import Testing
import TestSupport

/// The core's parsers under random input: no crash, no hang, every answer a value or a
/// typed error (their signatures say so; these runs say it holds).
@Suite("Fuzz: core parsers")
struct FuzzParsersTests {
    @Test func payloadParserAndVerifier() {
        let key = CongressSigningKey()
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let seeds = (1...5).compactMap { try? key.payload(code: "DB000\($0)", serial: $0).text }.map { Array($0.utf8) }
        var fuzzer = Fuzzer("payload")
        let tried = fuzzer.run(seeds: seeds) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let start = threadCPUSeconds()
            let check = verifier.check(text)
            // a scanner with Caps Lock types the same badge in lower case: still that badge
            // (and the scanner's Enter, CR or Tab around it are not part of it)
            if case .valid = check {
                #expect(seeds.contains(Array(text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().utf8)),
                        "only a genuine payload is valid: \(text)")
            }
            _ = CredentialPayload.parse(text)
            _ = BallotSerialCode.parse(text)
            _ = BallotLine.parse(text)
            #expect(threadCPUSeconds() - start < 1, "no input takes a second")
        }
        #expect(tried > 5)
    }

    @Test func electionFileReader() throws {
        let seeds = try ["every-invalid-reason", "base-convened", "single-candidate"].map {
            Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("elections/\($0).json"))))
        }
        var fuzzer = Fuzzer("election-file")
        let tried = fuzzer.run(seeds: seeds) { bytes in
            let start = threadCPUSeconds()
            switch ElectionFile.read(Data(bytes)) {
            case .success(let (election, ballots)):
                let r = Tally.count(election, ballots)
                #expect(r.valid + r.invalid == r.ballotsCollected)
            case .failure(let invalid):
                #expect(!invalid.problems.isEmpty && invalid.problems.allSatisfy { !$0.field.isEmpty })
            }
            #expect(threadCPUSeconds() - start < 2)
        }
        #expect(tried > 5)
    }
}
