import CongressCore
import Foundation
import Testing

@Suite("Search ignoring case and diacritics")
struct SearchTests {
    let delegates = [
        Delegate(code: "DB0001", name: "Nguyễn Thị Đào", sex: .female, delegation: "Công đoàn ngành Y tế", kind: .elected),
        Delegate(code: "DB0002", name: "Trần Văn Đạo", sex: .male, delegation: "Công đoàn ngành Giáo dục", kind: .exOfficio),
        Delegate(code: "DB0003", name: "Lê Thị Hồng Thúy", sex: .female, delegation: "Công đoàn Viên chức tỉnh", kind: .appointed),
        Delegate(code: "DB0004", name: "Phạm Đức Dũng", sex: .male, delegation: "Công đoàn ngành Y tế", kind: .guest),
    ]

    @Test func foldedKeyDropsDiacriticsCaseAndDStroke() {
        #expect(VietnameseText.foldedKey("Nguyễn Thị Đào") == "nguyen thi dao")
        #expect(VietnameseText.foldedKey("NGUYỄN  THỊ   ĐÀO") == "nguyen thi dao")
        #expect(VietnameseText.foldedKey("Nguyễn Thị Đào".decomposedStringWithCanonicalMapping) == "nguyen thi dao")
        #expect(VietnameseText.foldedKey("Chức vụ, đơn vị công tác") == "chuc vu don vi cong tac")
        #expect(VietnameseText.foldedKey("ăâêôơưđ ĂÂÊÔƠƯĐ") == "aaeooud aaeooud")
    }

    @Test func findsWithoutDiacritics() {
        let index = DelegateSearchIndex(delegates)
        #expect(index.search("nguyen thi dao").map(\.code) == ["DB0001"])
        #expect(index.search("dao").map(\.code) == ["DB0001", "DB0002"])
        #expect(index.search("ĐÀO").map(\.code) == ["DB0001", "DB0002"])
        #expect(index.search("đạo").map(\.code) == ["DB0001", "DB0002"])
        #expect(index.search("thuy").map(\.code) == ["DB0003"])
        #expect(index.search("Thúy".decomposedStringWithCanonicalMapping).map(\.code) == ["DB0003"])
    }

    @Test func everyWordMustMatchNameCodeOrDelegation() {
        let index = DelegateSearchIndex(delegates)
        #expect(index.search("dung y te").map(\.code) == ["DB0004"])
        #expect(index.search("db0003").map(\.code) == ["DB0003"])
        #expect(index.search("y te").map(\.code) == ["DB0001", "DB0004"])
        #expect(index.search("dao giao duc").map(\.code) == ["DB0002"])
        #expect(index.search("xyz").isEmpty)
        #expect(index.search("  ").count == 4)
        #expect(index.search("dao", limit: 1).map(\.code) == ["DB0001"])
    }
}
