import Foundation
import Testing
@testable import RoadmapKit

/// `roadmap forecast` on generated histories whose slips are known.
@Suite(.serialized)
struct ForecastTests {
    /// Slips of 0 to 60 days, each equally likely: P50 30, P80 48, P95 57 (nearest rank of 61 values).
    static let uniform = Array(0...60)
    /// How far the forecast's percentiles may be from the distribution's: the record holds
    /// 80 slips, whose own percentiles wander by a few days around the true ones.
    static let toleranceDays = 8

    static func today(_ day: Int) -> RoadmapDate { RoadmapDate(dayNumber: day) }

    /// Plans a new release (and a campaign 7 days after it) at the end of the history.
    static func planNew(_ history: SlipHistory, campaign: Bool = false) throws {
        try history.fixture.write("roadmap/releases/next.yaml", "kind: release\ntitle: Next\ndate: \(SlipHistory.text(history.end + 240))\n")
        if campaign {
            try history.fixture.write("roadmap/campaigns/next-launch.yaml",
                                      "kind: campaign\ntitle: Next launch\npromotes: [next]\nlaunch: \(SlipHistory.text(history.end + 247))\n")
        }
        history.fixture.clock = Int64(history.end) * SlipHistory.day
        try history.fixture.commit("plan next")
    }

    @Test("the percentiles recover a known slip distribution within 8 days")
    func recoversDistribution() throws {
        let history = try SlipHistory(releases: 80, slips: Self.uniform)
        try Self.planNew(history)
        let report = try history.workspace().forecast(ids: ["next"], at: nil, today: Self.today(history.end), samples: 4_000, seed: 1)
        let next = try #require(report.items.first)
        #expect(report.items.count == 1)
        #expect(next.source == .group(key: "kind:release", moves: report.moves.count, observations: report.observations))
        #expect(report.heldItems == 80 && report.datedItems == 81)
        let planned = history.end + 240
        for (got, want) in [(next.p50, 30), (next.p80, 48), (next.p95, 57)] {
            #expect(abs(got - planned - want) <= Self.toleranceDays, "got +\(got - planned)d, want +\(want)d")
        }
        // Every move is in the record with its size and the days until the date that held.
        #expect(report.moves.allSatisfy { $0.untilHeld == 40 && (1...60).contains($0.size) })
        #expect(!report.usesFallback)
    }

    @Test("the backtest on a known distribution is calibrated: about 50 / 80 / 95 %")
    func backtestIsCalibrated() throws {
        let history = try SlipHistory(releases: 80, slips: Self.uniform)
        let report = try history.workspace().backtest(today: Self.today(history.end), samples: 500, seed: 1)
        // Months judged from the record (not the fallback prior, which the first months use).
        let measured = report.months.filter { $0.fallback == 0 && $0.cases > 0 }
        let cases = measured.reduce(0) { $0 + $1.cases }
        func share(_ keyPath: KeyPath<BacktestReport.Month, Int>) -> Double {
            Double(measured.reduce(0) { $0 + $1[keyPath: keyPath] }) / Double(max(cases, 1))
        }
        #expect(cases >= 100, "\(cases) cases")
        #expect(abs(share(\.under50) - 0.5) <= 0.12, "≤ P50: \(share(\.under50))")
        #expect(abs(share(\.under80) - 0.8) <= 0.1, "≤ P80: \(share(\.under80))")
        #expect(abs(share(\.under95) - 0.95) <= 0.06, "≤ P95: \(share(\.under95))")
        #expect(report.months.contains { $0.fallback > 0 }, "the first months have no date that held yet")
        let table = ForecastRenderer.table(report)
        #expect(table.contains("≤ P50") && table.contains("\(report.cases) cases"))
    }

    @Test("the same seed gives the same forecast; another seed other draws")
    func deterministic() throws {
        let history = try SlipHistory(releases: 30, slips: Self.uniform)
        try Self.planNew(history, campaign: true)
        let workspace = try history.workspace()
        func run(_ seed: UInt64) throws -> String {
            ForecastRenderer.json(try workspace.forecast(ids: [], at: nil, today: Self.today(history.end), samples: 40, seed: seed)).encoded()
        }
        #expect(try run(7) == run(7))
        #expect(try run(7) != run(8))
    }

    @Test("--at sees the roadmap and the moves of that day, not what later commits did")
    func atDoesNotUseTheFuture() throws {
        let fixture = try HistoryFixture()
        try fixture.write("roadmap.yaml", "root: roadmap\nbase: main\n")
        let start = SlipHistory.start
        func commit(_ day: Int, _ files: [(String, String)]) throws {
            for (path, text) in files { try fixture.write(path, text) }
            fixture.clock = Int64(day) * SlipHistory.day + 12 * 3_600
            try fixture.commit("day \(day)")
        }
        let cutoff = start + 300
        try commit(start, [("roadmap/releases/target.yaml", SlipHistory.release(0, cutoff + 120))])
        // Before the cutoff: twelve releases that held their dates.
        for i in 1...12 { try commit(start + i * 15, [("roadmap/releases/a\(i).yaml", SlipHistory.release(i, start + i * 15 + 60))]) }
        // After it: twelve that slipped by 60 days, and the target moved.
        try commit(cutoff + 1, [("roadmap/releases/target.yaml", SlipHistory.release(0, cutoff + 200))])
        for i in 1...12 {
            let created = cutoff + 1 + i * 15
            try commit(created, [("roadmap/releases/b\(i).yaml", SlipHistory.release(100 + i, created + 60))])
            try commit(created + 20, [("roadmap/releases/b\(i).yaml", SlipHistory.release(100 + i, created + 120))])
        }
        let end = cutoff + 1 + 12 * 15 + 121
        let workspace = try Workspace.open(at: fixture.path)
        let today = Self.today(end)
        let cutoffDay = SlipHistory.text(cutoff)

        let then = try workspace.forecast(ids: ["target"], at: cutoffDay, today: today, samples: 500, seed: 1)
        let target = try #require(then.items.first)
        #expect(then.asOf.text == cutoffDay)
        #expect(target.planned.text == SlipHistory.text(cutoff + 120))
        #expect(then.moves.isEmpty && then.heldItems == 12)
        #expect(target.p50 == cutoff + 120 && target.p95 == cutoff + 120, "every date held before the cutoff")

        // The later commits do change the answer.
        let now = try workspace.forecast(ids: ["target"], at: nil, today: today, samples: 500, seed: 1)
        #expect(try #require(now.items.first).planned.text == SlipHistory.text(cutoff + 200))
        // 24 releases and the target, whose (moved) date has passed by then.
        #expect(now.moves.count == 13 && now.heldItems == 25)
    }

    @Test("a thin history falls back to the stated prior, and says so")
    func thinHistoryFallsBack() throws {
        let history = try SlipHistory(releases: 2, plan: 20, slips: [0])
        try Self.planNew(history)
        let report = try history.workspace().forecast(ids: [], at: nil, today: Self.today(history.end), samples: 200, seed: 1)
        let next = try #require(report.items.first { $0.id == "next" })
        #expect(next.source == .fallback && report.usesFallback)
        #expect(next.p50 > next.planned.firstDay && next.p95 > next.p80)
        #expect(ForecastRenderer.table(report).contains("fallback: the history is too thin"))
        let json = ForecastRenderer.json(report).encoded()
        #expect(json.contains("\"schemaVersion\": 1") && json.contains("\"fallback\": true"))
    }

    @Test("a campaign follows its release's slip when it was known in time, else launches before the ship day",
          arguments: [(100, false), (0, true)])
    func promotesPropagation(known: Int, launchesEarly: Bool) throws {
        let history = try SlipHistory(releases: 40, slips: Self.uniform, known: known, campaigns: true)
        try Self.planNew(history, campaign: true)
        let report = try history.workspace().forecast(ids: ["next", "next-launch"], at: nil, today: Self.today(history.end),
                                                      samples: 2_000, seed: 3)
        let risk = try #require(report.risks.first { $0.campaign == "next-launch" && $0.release == "next" })
        if launchesEarly {
            // The slips were set on the day that held: too late for the campaign (P(slip > 7 days) = 53/61).
            #expect(risk.probability > 0.75 && risk.probability < 0.95, "\(risk.probability)")
        } else {
            #expect(risk.probability == 0)
            let release = try #require(report.items.first { $0.id == "next" })
            let campaign = try #require(report.items.first { $0.id == "next-launch" })
            #expect(campaign.p50 >= release.p50 + 7 && campaign.p95 >= release.p95 + 7)
        }
        #expect(ForecastRenderer.table(report).contains("LAUNCH BEFORE SHIP DAY"))
    }
}
