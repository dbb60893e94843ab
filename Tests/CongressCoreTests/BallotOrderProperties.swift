@testable import CongressCore
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite("Ballot order properties")
struct BallotOrderProperties {
    @Test func sortingIsATotalOrderIndependentOfNormalisation() async {
        await propertyCheck(count: 200, input: DelegateGen.list(maxCount: 25)) { delegates in
            let names = delegates.map(\.name)
            let sorted = BallotOrder.sorted(names)
            #expect(sorted.sorted() == names.sorted(), "sorting is a permutation")
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(!(BallotSortKey(name: b) < BallotSortKey(name: a)), "\(a) before \(b)")
            }
            // The same names decomposed (NFD) and upper-cased sort into the same places.
            let variants = names.map { $0.decomposedStringWithCanonicalMapping.uppercased() }
            let sortedVariants = BallotOrder.sorted(variants).map { $0.precomposedStringWithCanonicalMapping }
            #expect(sortedVariants.map { BallotSortKey(name: $0).words } == sorted.map { BallotSortKey(name: $0).words })
            for (a, b) in zip(names, names.dropFirst()) {
                let ab = BallotSortKey(name: a) < BallotSortKey(name: b)
                let ba = BallotSortKey(name: b) < BallotSortKey(name: a)
                #expect(!(ab && ba), "antisymmetric: \(a) / \(b)")
            }
        }
    }

    @Test func searchFindsEveryDelegateByTheirNameWithoutDiacritics() async {
        await propertyCheck(count: 100, input: DelegateGen.list(maxCount: 40)) { delegates in
            let index = DelegateSearchIndex(delegates)
            for (i, d) in delegates.enumerated() {
                let plain = VietnameseText.foldedKey(d.name).uppercased()
                #expect(index.matches(plain).contains(i), "\(plain) finds \(d.name)")
                #expect(index.matches(d.code.lowercased()).contains(i))
            }
        }
    }
}
