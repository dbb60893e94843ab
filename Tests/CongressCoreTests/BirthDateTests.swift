import CongressCore
import Testing

@Suite("Birth dates")
struct BirthDateTests {
    @Test(arguments: [
        ("12/05/1980", BirthDate.day(year: 1980, month: 5, day: 12)),
        ("2/5/1980", .day(year: 1980, month: 5, day: 2)),
        ("12-05-1980", .day(year: 1980, month: 5, day: 12)),
        ("12.05.1980", .day(year: 1980, month: 5, day: 12)),
        ("1980-05-12", .day(year: 1980, month: 5, day: 12)),
        ("1980", .year(1980)),
        ("29/02/1988", .day(year: 1988, month: 2, day: 29)),
        ("29/02/2000", .day(year: 2000, month: 2, day: 29)),
        // Excel serial day numbers, as a date cell holds them
        ("29221", .day(year: 1980, month: 1, day: 1)),
        ("32275", .day(year: 1988, month: 5, day: 12)),
        ("36586", .day(year: 2000, month: 3, day: 1)),
    ])
    func reads(_ text: String, _ expected: BirthDate) throws {
        #expect(try BirthDate.parse(text).get() == expected)
    }

    @Test(arguments: ["31/02/1980", "29/02/1983", "29/02/1900", "15/13/1979", "00/01/1980", "31/04/1990", "12/05/1850", "1850", "2150", "0", "9999"])
    func refusesDaysThatDoNotExist(_ text: String) {
        #expect(BirthDate.parse(text) == .failure(.impossible))
    }

    @Test(arguments: ["12/05/80", "May 12 1980", "12//1980", "abc", "1980-05", "١٢/٠٥/١٩٨٠"])
    func refusesUnreadableText(_ text: String) {
        #expect(BirthDate.parse(text) == .failure(.unreadable))
    }

    @Test func writesBackTheFormsItReads() throws {
        let date = BirthDate.day(year: 1975, month: 4, day: 3)
        #expect(date.vietnamese == "03/04/1975")
        #expect(date.iso == "1975-04-03")
        #expect(try BirthDate.parse(date.vietnamese).get() == date)
        #expect(try BirthDate.parse(date.iso).get() == date)
        #expect(BirthDate.year(1975) < date)
        #expect(date.age(onYear: 2025, month: 4, day: 2) == 49)
        #expect(date.age(onYear: 2025, month: 4, day: 3) == 50)
    }
}
