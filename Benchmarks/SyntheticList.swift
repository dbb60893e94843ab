import CongressCore
import Foundation

/// A large, deterministic delegate list: Vietnamese names with every tone, all columns set.
enum SyntheticList {
    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    static let middles = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Ngọc", "Xuân", "Thị Ánh", "Quốc", "Minh", "Thanh"]
    static let givens = ["An", "Ánh", "Ân", "Ẩn", "Bình", "Dũng", "Đạt", "Đào", "Hà", "Hạnh", "Hằng", "Hiếu", "Hòa", "Hương",
                         "Lan", "Lộc", "Ngân", "Phượng", "Quỳnh", "Sơn", "Thảo", "Thủy", "Trung", "Tú", "Tư", "Ước", "Xuân", "Yến"]
    static let delegations = (1...60).map { "Công đoàn cơ sở số \($0), Liên đoàn Lao động tỉnh" }

    /// `count` delegates coded DB0001… (four digits up to 9,999, five beyond).
    static func make(count: Int) -> [Delegate] {
        let format = count < 10_000 ? "DB%04d" : "DB%05d"
        var rng = SplitMix64(seed: 2023)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        return (0..<count).map { i in
            Delegate(
                code: String(format: format, i + 1),
                name: "\(pick(families)) \(pick(middles)) \(pick(givens))",
                sex: pick(Sex.allCases),
                birthDate: .day(year: 1960 + Int(rng.next() % 40), month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28)),
                delegation: pick(delegations), kind: pick(DelegateKind.allCases), ethnicity: pick(["Kinh", "Kinh", "Tày", "K'Ho"]),
                partyMember: pick([true, false]), education: pick(["Đại học", "Thạc sĩ", "Cao đẳng"]),
                politicalTheory: pick(["Cao cấp", "Trung cấp", "Sơ cấp"]), sector: pick(Sector.allCases),
                fullTime: pick([true, false]), position: "Chủ tịch Công đoàn, Công ty số \(i % 500)",
                seat: "\(pick(["A", "B", "C", "D"]))-\(i % 100)")
        }
    }
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
