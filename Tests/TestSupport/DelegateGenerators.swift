import Foundation
import CongressCore
import PropertyBased

/// Random but valid delegate lists, in the form the product stores them (NFC, trimmed,
/// upper-case codes), for property tests.
public enum DelegateGen {
    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Âu", "Ông"]
    static let middles = ["Văn", "Thị", "Hữu", "Đức", "Thị Thu", "Ngọc", "Xuân", "Thị Ánh", "Quốc", ""]
    static let givens = ["An", "Án", "Ánh", "Ân", "Ẩn", "Bình", "Dũng", "Đạt", "Hà", "Hạnh", "Hằng", "Hiếu",
                         "Hoà", "Hòa", "Hương", "Lan", "Lộc", "Ngân", "Phượng", "Quỳnh", "Sơn", "Thảo",
                         "Thủy", "Trung", "Tú", "Tư", "Ước", "Xuân", "Yến", "Ửng", "Đào", "Dao"]
    static let delegations = ["Công đoàn ngành Y tế", "Công đoàn ngành Giáo dục", "Công đoàn Viên chức tỉnh",
                              "Liên đoàn Lao động huyện Đức Trọng", "Công đoàn các KCN \"Phú Hội\", Đức Trọng"]
    static let ethnicities = ["Kinh", "Kinh", "Tày", "K'Ho", "Ê Đê", "Mạ"]
    static let texts = ["Đại học", "Thạc sĩ", "Cao cấp", "Trung cấp", "Chủ tịch CĐCS, Công ty \"Hoà Bình\"",
                        "Tổ trưởng;\nPhân xưởng 2", "Kỹ sư, Nhà máy A-1", "  ", ""]

    /// One delegate with the given code.
    public static func delegate(code: String, using rng: inout any SeededRandomNumberGenerator) -> Delegate {
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &rng) ? value() : nil }
        func text() -> String? {
            let t = VietnameseText.cleaned(pick(texts))
            return t.isEmpty ? nil : t
        }
        let middle = pick(middles)
        let name = [pick(families), middle, pick(givens)].filter { !$0.isEmpty }.joined(separator: " ")
        let birth: BirthDate? = maybe(Bool.random(using: &rng)
            ? BirthDate.year(Int.random(in: 1950...2005, using: &rng))
            : BirthDate.day(year: Int.random(in: 1950...2005, using: &rng), month: Int.random(in: 1...12, using: &rng),
                            day: Int.random(in: 1...28, using: &rng)))
        return Delegate(
            code: code, name: name, sex: pick(Sex.allCases), birthDate: birth, delegation: pick(delegations),
            kind: pick(DelegateKind.allCases), ethnicity: pick(ethnicities),
            partyMember: maybe(Bool.random(using: &rng)), education: text(), politicalTheory: text(),
            sector: maybe(pick(Sector.allCases)), fullTime: maybe(Bool.random(using: &rng)),
            position: text(), seat: maybe("\(pick(["A", "B", "C"]))-\(Int.random(in: 1...99, using: &rng))"))
    }

    /// Lists of 1…`maxCount` delegates with distinct codes.
    public static func list(maxCount: Int = 30) -> Generator<[Delegate], Shrink.None<[Delegate]>> {
        Generator { rng in
            let count = Int.random(in: 1...maxCount, using: &rng)
            let prefix = ["DB", "D-", "X"][Int.random(in: 0..<3, using: &rng)]
            return (0..<count).map { delegate(code: "\(prefix)\(1000 + $0)", using: &rng) }
        }
    }

    /// A list of `count` delegates, the same for the same seed: for benchmarks.
    public static func fixedList(count: Int, seed: UInt64 = 42) -> [Delegate] {
        var rng: any SeededRandomNumberGenerator = Xoshiro(seed: (seed, seed &* 31 &+ 7, 0x9E37_79B9_7F4A_7C15, 1))
        return (0..<count).map { delegate(code: String(format: "DB%05d", $0 + 1), using: &rng) }
    }
}
