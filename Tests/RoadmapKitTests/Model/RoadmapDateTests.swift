import Testing
@testable import RoadmapKit

@Suite struct RoadmapDateTests {
    @Test(arguments: [
        ("2026-06-15", "2026-06-15", "2026-06-15"),
        ("2026-06", "2026-06-01", "2026-06-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2026-Q2", "2026-04-01", "2026-06-30"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026", "2026-01-01", "2026-12-31"),
        ("2000-02-29", "2000-02-29", "2000-02-29"),
    ])
    func intervals(text: String, first: String, last: String) throws {
        let date = try #require(RoadmapDate(text))
        #expect(RoadmapDate(dayNumber: date.firstDay).text == first)
        #expect(RoadmapDate(dayNumber: date.lastDay).text == last)
        #expect(date.text == text)
    }

    @Test(arguments: ["2026-02-30", "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-00", "1900-02-29",
                      "26-06-15", "2026-6-15", "2026-06-15T00:00", "", "soon", "0000", "2026-06-", "2026-q2"])
    func impossibleDatesAreInvalid(text: String) {
        #expect(RoadmapDate(text) == nil)
    }

    @Test func dayNumbersMatchTheCalendar() {
        #expect(RoadmapDate.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(RoadmapDate.dayNumber(year: 2000, month: 3, day: 1) == 11017)
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = RoadmapDate.civil(fromDayNumber: day)
            #expect(RoadmapDate.dayNumber(year: y, month: m, day: d) == day)
        }
    }

    @Test func orderOfOverlappingDatesCannotBeTold() throws {
        let q2 = try #require(RoadmapDate("2026-Q2")), june15 = try #require(RoadmapDate("2026-06-15"))
        let july = try #require(RoadmapDate("2026-07")), march = try #require(RoadmapDate("2026-03-31"))
        #expect(q2.compare(june15) == .cannotTell)
        #expect(q2.compare(july) == .before)
        #expect(july.compare(q2) == .after)
        #expect(march.compare(q2) == .before)
        #expect(june15.compare(RoadmapDate("2026-06-15")!) == .same)
        #expect(!q2.definitelyBefore(june15) && !q2.definitelyAfter(june15))
        #expect(RoadmapDate("2026-07-30")!.days(since: june15) == 45)
    }

    @Test func todayHonoursTheOptionAndRefusesCoarseDays() throws {
        #expect(try RoadmapDate.today(option: "2026-03-01").text == "2026-03-01")
        #expect(throws: TodayError.self) { try RoadmapDate.today(option: "2026-03") }
        #expect(throws: TodayError.self) { try RoadmapDate.today(option: "yesterday") }
    }

    @Test func todayIsTheLocalWallClockDay() throws {
        let now = Date(timeIntervalSince1970: 1_767_225_600 - 3600)  // 2025-12-31T23:00Z
        #expect(try RoadmapDate.today(now: now, timeZone: TimeZone(secondsFromGMT: 0)!).text == "2025-12-31")
        #expect(try RoadmapDate.today(now: now, timeZone: TimeZone(secondsFromGMT: 7200)!).text == "2026-01-01")
        #expect(try RoadmapDate.today(now: now, timeZone: TimeZone(secondsFromGMT: -36000)!).text == "2025-12-31")
    }
}

import Foundation
