/// The list of the elected with short details (danh sách trích ngang), for the recognition
/// file sent to the higher level (RULES.md §6): in descending vote order.
public struct ElectedList: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var name: String
        public var birth: String
        public var sex: String
        public var ethnicity: String
        public var partyMember: String
        public var education: String
        public var politicalTheory: String
        public var position: String
        public var votes: Int
        /// Of the threshold base, decimal comma.
        public var percent: String

        public init(name: String, birth: String, sex: String, ethnicity: String, partyMember: String, education: String,
                    politicalTheory: String, position: String, votes: Int, percent: String) {
            self.name = name
            self.birth = birth
            self.sex = sex
            self.ethnicity = ethnicity
            self.partyMember = partyMember
            self.education = education
            self.politicalTheory = politicalTheory
            self.position = position
            self.votes = votes
            self.percent = percent
        }
    }

    public var title: String
    public var rows: [Row]

    public init(title: String, rows: [Row]) {
        self.title = title
        self.rows = rows
    }

    public var table: [[String]] {
        [["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Đảng viên", "Trình độ chuyên môn", "Lý luận chính trị",
          "Chức vụ, đơn vị công tác", "Số phiếu", "Tỷ lệ %"]]
            + rows.enumerated().map { i, r in
                [String(i + 1), r.name, r.birth, r.sex, r.ethnicity, r.partyMember, r.education, r.politicalTheory, r.position,
                 String(r.votes), r.percent]
            }
    }
}
