@testable import CongressCore
import PropertyBased
import Testing

/// Several committee members at the review page at once: each is shown a sheet nobody else
/// has open while there is one; a member keeps their sheet until they decide it, open
/// another or leave it `holdSeconds`.
@Suite("Sharing the review queue")
struct ReviewSharingTests {
    @Test func twoMembersAreShownTwoSheets() {
        var sharing = ReviewSharing()
        let a = sharing.choose(for: "an", name: "Lê Văn An", waiting: [10, 11, 12], now: 0)
        let b = sharing.choose(for: "binh", name: "Trần Thị Bình", waiting: [10, 11, 12], now: 1)
        #expect(a.sheet == 10 && a.alsoOpenBy == nil && a.openElsewhere == 0)
        #expect(b.sheet == 11 && b.alsoOpenBy == nil && b.openElsewhere == 1)
        // reloading keeps one's own sheet
        #expect(sharing.choose(for: "an", waiting: [10, 11, 12], now: 2).sheet == 10)
        // decided: the next sheet nobody holds
        sharing.release(10)
        #expect(sharing.choose(for: "an", waiting: [11, 12], now: 3).sheet == 12)
    }

    @Test func aSheetAskedForByNumberIsShownAndSaysWhoElseHasIt() {
        var sharing = ReviewSharing()
        _ = sharing.choose(for: "an", name: "Lê Văn An", waiting: [10, 11], now: 0)
        let b = sharing.choose(for: "binh", waiting: [10, 11], asked: 10, now: 1)
        #expect(b.sheet == 10 && b.alsoOpenBy == "Lê Văn An" && b.asked)
        // a sheet asked for that no longer waits: the queue as usual
        let c = sharing.choose(for: "chi", waiting: [10, 11], asked: 99, now: 2)
        #expect(c.sheet == 11 && c.alsoOpenBy == nil)
    }

    @Test func whenEverySheetIsOpenElsewhereTheOldestHoldIsShared() {
        var sharing = ReviewSharing()
        _ = sharing.choose(for: "an", name: "Lê Văn An", waiting: [10, 11], now: 0)
        _ = sharing.choose(for: "binh", name: "Trần Thị Bình", waiting: [10, 11], now: 5)
        let c = sharing.choose(for: "chi", waiting: [10, 11], now: 6)
        #expect(c.sheet == 10 && c.alsoOpenBy == "Lê Văn An" && c.openElsewhere == 2 && !c.asked)
    }

    @Test func aSheetLeftAloneIsFreedAfterTheHold() {
        var sharing = ReviewSharing()
        _ = sharing.choose(for: "an", waiting: [10, 11], now: 0)
        #expect(sharing.choose(for: "binh", waiting: [10, 11], now: ReviewSharing.holdSeconds - 1).sheet == 11)
        // an walked away: after the hold, 10 is free for the next who asks
        #expect(sharing.choose(for: "chi", waiting: [10, 11], now: ReviewSharing.holdSeconds + 1).sheet == 10)
    }

    @Test func queueEmpty() {
        var sharing = ReviewSharing()
        #expect(sharing.choose(for: "an", waiting: [], now: 0) == .init(sheet: nil, alsoOpenBy: nil, openElsewhere: 0))
    }

    /// Random visits, decisions and waits by up to five members over a queue that grows as
    /// the scanner reads: nobody is ever shown a sheet another holds while a free one waits;
    /// every member holds at most one sheet; a shown sheet always waits.
    @Test func membersNeverShareASheetWhileAnotherIsFree() async {
        let steps = Generator<[(member: Int, action: Int, gap: Int)], Shrink.None<[(member: Int, action: Int, gap: Int)]>> { rng in
            (0..<Int.random(in: 1...60, using: &rng)).map { _ in
                (Int.random(in: 0..<5, using: &rng), Int.random(in: 0..<4, using: &rng), Int.random(in: 0...120, using: &rng))
            }
        }
        await propertyCheck(count: 300, input: steps) { steps in
            var sharing = ReviewSharing()
            var waiting: [Int64] = [1, 2, 3]
            var next: Int64 = 4
            var now = 0.0
            for step in steps {
                now += Double(step.gap)
                let member = "m\(step.member)"
                switch step.action {
                case 0:  // the scanner reads another sheet for the committee
                    waiting.append(next); next += 1
                case 1:  // the member decides the sheet they hold
                    if let held = sharing.holds.first(where: { $0.value.member == member })?.key {
                        sharing.release(held)
                        waiting.removeAll { $0 == held }
                    }
                default:  // the member opens the page
                    let live = sharing.holds.filter { waiting.contains($0.key) && $0.value.until > now }
                    let freeExists = waiting.contains { live[$0] == nil || live[$0]?.member == member }
                    let choice = sharing.choose(for: member, waiting: waiting, now: now)
                    if waiting.isEmpty { #expect(choice.sheet == nil) } else {
                        let shown = try #require(choice.sheet)
                        #expect(waiting.contains(shown))
                        if freeExists { #expect(choice.alsoOpenBy == nil, "\(member) shown \(shown) held by another while one was free") }
                    }
                }
                let members = sharing.holds.values.map(\.member)
                #expect(Set(members).count == members.count, "one sheet held per member")
            }
        }
    }
}
