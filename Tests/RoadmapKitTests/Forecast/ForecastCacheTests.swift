import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// The forecast keeps its record per tip (`DatedHistoryCache`): a warm forecast, one extended
/// over new commits, one after the skipped folders changed and one over a damaged file all
/// print exactly what a cold one prints.
@Suite(.serialized)
struct ForecastCacheTests {
    static func cacheFile(_ history: SlipHistory) -> String { history.fixture.path + "/.git/roadmap/dated-history-v1" }

    /// The forecast and the backtest as JSON and table, at `day`.
    static func output(_ history: SlipHistory, day: Int) throws -> String {
        let workspace = try history.workspace()
        let today = RoadmapDate(dayNumber: day)
        let report = try workspace.forecast(ids: [], at: nil, today: today, samples: 500, seed: 2)
        let backtest = try workspace.backtest(today: today, samples: 200, seed: 2)
        return ForecastRenderer.json(report).encoded() + ForecastRenderer.table(report) + "\(backtest.months)"
    }

    /// What a forecast prints with no cache at all (the cache file and the history cache removed).
    static func cold(_ history: SlipHistory, day: Int) throws -> String {
        try? FileManager.default.removeItem(atPath: history.fixture.path + "/.git/roadmap")
        return try output(history, day: day)
    }

    @Test("warm, extended, re-walked and damaged-cache forecasts print what a cold one prints")
    func warmEqualsCold() throws {
        let history = try SlipHistory(releases: 30, slips: Array(0...40))
        // An epic's folder holds no dated item: the walk skips it until a release arrives there.
        try history.fixture.write("roadmap/epics/e.yaml", "kind: epic\ntitle: E\n")
        try history.fixture.write("roadmap/releases/next.yaml", "kind: release\ntitle: Next\ndate: \(SlipHistory.text(history.end + 200))\n")
        history.fixture.clock = Int64(history.end) * SlipHistory.day
        try history.fixture.commit("plan next")
        let day = history.end + 1

        let cold = try Self.cold(history, day: day)
        #expect(FileManager.default.fileExists(atPath: Self.cacheFile(history)), "the cold forecast leaves its record")
        #expect(cold.contains("\"next\"") && !cold.isEmpty)
        #expect(try Self.output(history, day: day) == cold, "warm = cold")

        // New commits on the branch: the record is extended from the cached tip.
        try history.fixture.write("roadmap/releases/next.yaml", "kind: release\ntitle: Next\ndate: \(SlipHistory.text(history.end + 230))\n")
        history.fixture.clock += SlipHistory.day
        try history.fixture.commit("next slips")
        try history.fixture.write("roadmap/releases/r3.yaml", "kind: release\ntitle: R3 again\ndate: \(SlipHistory.text(history.end + 90))\n")
        history.fixture.clock += SlipHistory.day
        try history.fixture.commit("r3 comes back")
        let extended = try Self.output(history, day: day + 2)
        #expect(extended.contains("\"r3\"") || extended.contains("r3"))
        #expect(extended == (try Self.cold(history, day: day + 2)), "extended = cold")

        // A release moves into the skipped folder: the walk starts over.
        try history.fixture.move("roadmap/releases/next.yaml", "roadmap/epics/next.yaml")
        history.fixture.clock += SlipHistory.day
        try history.fixture.commit("next is filed with the epics")
        let rewalked = try Self.output(history, day: day + 3)
        #expect(rewalked == (try Self.cold(history, day: day + 3)), "re-walked = cold")

        // A damaged file counts as absent.
        let file = Self.cacheFile(history)
        var bytes = try #require(FileManager.default.contents(atPath: file))
        bytes.removeLast(7)
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(try Self.output(history, day: day + 3) == rewalked, "damaged = cold")
    }

    @Test("the record's file reads back what was written, and refuses another key")
    func roundTrip() throws {
        let commit = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let point = SlipPoint(commit: commit, date: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 0, value: .string("2027-01-04"))
        let gone = SlipPoint(commit: commit, date: Date(timeIntervalSince1970: 1_700_086_400), offsetMinutes: 0, value: nil)
        let record = DatedHistoryCache(tip: commit, skipped: ["roadmap/stories"], current: ["r1": .string("2027-01-04"), "r2": nil, "r3": .int(2027)],
                                       series: ["r1": .init(kind: "release", field: "date", path: "roadmap/releases/r1.yaml", points: [point, gone])])
        let bytes = try #require(record.encode(key: "k"))
        let back = try #require(bytes.withUnsafeBytes { DatedHistoryCache.decode($0, key: "k") })
        #expect(back.tip == commit && back.skipped == ["roadmap/stories"])
        let r2: YAMLValue?? = back.current["r2"], r3: YAMLValue?? = back.current["r3"]
        #expect(back.current.count == 3 && r2 == .some(nil) && r3 == .some(.some(YAMLValue.int(2027))))
        let points = try #require(back.series["r1"]?.points)
        let values: [YAMLValue?] = points.map { $0.value }
        #expect(values == [YAMLValue.string("2027-01-04"), nil] && points.map { $0.date } == [point.date, gone.date])
        #expect(bytes.withUnsafeBytes { DatedHistoryCache.decode($0, key: "other") } == nil)
        // A date that is no scalar is not cached (its text would not come back the same).
        var odd = record
        odd.current["r4"] = .some(.sequence([.string("2027")]))
        #expect(odd.encode(key: "k") == nil)
    }
}
