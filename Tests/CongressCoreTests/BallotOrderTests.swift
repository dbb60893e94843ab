@testable import CongressCore
import Foundation
import PropertyBased
import Testing

@Suite("Ballot order (RULES.md §4.1)")
struct BallotOrderTests {
    /// Sorts a shuffled copy and expects exactly `expected`.
    func expectOrder(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for seed in 0..<5 {
            var rng = Xoshiro(seed: (UInt64(seed), 0x9E37_79B9_7F4A_7C15, 7, 11))
            let shuffled = expected.shuffled(using: &rng)
            #expect(BallotOrder.sorted(shuffled) == expected, sourceLocation: sourceLocation)
        }
    }

    @Test func tonesOnlyBreakTiesInTheirOrder() {
        // none, huyền, hỏi, ngã, sắc, nặng
        expectOrder(["Lê Văn Ba", "Lê Văn Bà", "Lê Văn Bả", "Lê Văn Bã", "Lê Văn Bá", "Lê Văn Bạ"])
    }

    @Test func lettersComeBeforeTones() {
        // "Bạ" has the last tone but fewer letters than "Bác".
        expectOrder(["Lê Văn Bạ", "Lê Văn Bác", "Lê Văn Bách"])
        expectOrder(["Trần Văn An", "Trần Văn Án", "Trần Văn Anh", "Trần Văn Ánh"])
    }

    @Test func breveAndCircumflexOfA() {
        expectOrder(["Lê Văn An", "Lê Văn Ăn", "Lê Văn Ân"])
        expectOrder(["Lê Thị Ấn", "Lê Thị Bích"])
    }

    @Test func oWithCircumflexAndHorn() {
        expectOrder(["Lê Văn Lo", "Lê Văn Lô", "Lê Văn Lơ", "Lê Văn Lu"])
        expectOrder(["Đỗ Thị Thoa", "Đỗ Thị Thơ", "Đỗ Thị Thu"])
    }

    @Test func uAndUWithHorn() {
        expectOrder(["Lê Văn Tu", "Lê Văn Tú", "Lê Văn Tư", "Lê Văn Tứ", "Lê Văn Ty"])
    }

    @Test func dBeforeDStroke() {
        expectOrder(["Lê Văn Dũng", "Lê Thị Duyên", "Lê Văn Đa", "Lê Văn Đức", "Lê Văn Em"])
        expectOrder(["Nguyễn Văn Do", "Nguyễn Văn Đo"])
    }

    @Test func eBeforeECircumflex() {
        expectOrder(["Hà Văn Len", "Hà Văn Lên", "Hà Văn Lò"])
    }

    @Test func givenNameDecidesBeforeFamilyName() {
        expectOrder(["Vũ Văn An", "Bùi Văn Bình", "Âu Thị Cúc"])
    }

    @Test func equalGivenNamesGoByFamilyThenMiddleThenBirthDate() {
        expectOrder(["Lê Thị An", "Lê Văn An", "Nguyễn Văn An", "Trần Anh An", "Trần Văn An"])
        let older = BallotSortKey(name: "Nguyễn Văn An", birthDate: .day(year: 1970, month: 3, day: 2))
        let younger = BallotSortKey(name: "Nguyễn Văn An", birthDate: .day(year: 1985, month: 1, day: 9))
        #expect(older < younger)
        #expect(!(younger < older))
    }

    @Test func middleNamesWordByWord() {
        expectOrder(["Nguyễn An", "Nguyễn Thị An", "Nguyễn Thị Hồng An", "Nguyễn Thị Thu An"])
    }

    @Test func normalisationCaseAndTonePlacementDoNotMatter() {
        let nfc = "Nguyễn Thị Hồng Thúy"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.unicodeScalars) != Array(nfd.unicodeScalars))
        #expect(BallotSortKey(name: nfc).words == BallotSortKey(name: nfd).words)
        #expect(BallotSortKey(name: "NGUYỄN THỊ HỒNG THÚY").words == BallotSortKey(name: nfc).words)
        // old ("Hoà") and new ("Hòa") tone placement are the same word
        #expect(BallotSortKey(name: "Lê Thị Hoà").words == BallotSortKey(name: "Lê Thị Hòa").words)
        let mixed = ["Lê Văn Bá".decomposedStringWithCanonicalMapping, "Lê Văn Ba", "Lê Văn Bà".decomposedStringWithCanonicalMapping]
        #expect(BallotOrder.sorted(mixed).map { $0.precomposedStringWithCanonicalMapping } == ["Lê Văn Ba", "Lê Văn Bà", "Lê Văn Bá"])
    }

    @Test func lettersOfOtherOriginsAndPunctuation() {
        expectOrder(["Y Moan Niê", "Lê Văn Zũ"])
        expectOrder(["Hoàng Thị Fương", "Hoàng Thị Giang"])
        // the apostrophe inside K'Brơi is passed over: it sorts as "KBrơi"
        expectOrder(["K'Brơi", "Lê Văn Kha"])
    }

    @Test func namesSplitIntoFamilyMiddleGiven() {
        let name = PersonName("  Nguyễn   Thị Hồng Thúy ")
        #expect(name.family == "Nguyễn")
        #expect(name.middle == ["Thị", "Hồng"])
        #expect(name.given == "Thúy")
        #expect(PersonName("Lan").given == "Lan")
        #expect(PersonName("Lan").family == "")
        #expect(PersonName("Lê Lan").middle == [])
    }
}
