import Foundation
import Testing
@testable import RoadmapKit

/// The forecast propagates slips through `depends-on` (SPEC §14): a dependent's percentiles
/// move with its dependency's slips, and with nothing else's. Each owner's releases held with
/// slips of their own (owner groups have at least 10 moves), so one owner's slips can change
/// while the others stay; the seed is fixed.
@Suite(.serialized)
struct ForecastDependencyTests {
    static let small = Array(1...10)
    static let large = Array(30...60)

    /// The forecasts (percentiles in days after the history's end) of three new releases: `next-a` (@a) at the end + 120 days, `next-b` (@b)
    /// at + 130 depending on `next-a`, and `next-x` (@x) at + 120, which nothing depends on.
    static func forecast(a: [Int], b: [Int] = small, x: [Int]) throws -> [String: ItemForecast] {
        let history = try SlipHistory(releases: 45, slips: [], owners: ["@a": a, "@b": b, "@x": x])
        let end = history.end
        for (id, owner, day, after) in [("next-a", "@a", 120, ""), ("next-b", "@b", 130, "depends-on: [next-a]\n"),
                                        ("next-x", "@x", 120, "")] {
            try history.fixture.write("roadmap/releases/\(id).yaml",
                                      "kind: release\ntitle: \(id)\nowner: \"\(owner)\"\ndate: \(SlipHistory.text(end + day))\n\(after)")
        }
        history.fixture.clock = Int64(end) * SlipHistory.day
        try history.fixture.commit("plan the next releases")
        let report = try history.workspace().forecast(ids: [], at: nil, today: RoadmapDate(dayNumber: end), samples: 2_000, seed: 5)
        // Days after the history's end: each variant's history ends on another day.
        let shifted = report.items.map { f in
            var f = f
            (f.p50, f.p80, f.p95) = (f.p50 - end, f.p80 - end, f.p95 - end)
            return f
        }
        return Dictionary(shifted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func percentiles(_ f: ItemForecast?) -> [Int] { f.map { [$0.p50, $0.p80, $0.p95] } ?? [] }

    @Test("a dependent's percentiles move when its dependency's slips do, and not when another release's do")
    func dependentFollowsItsDependencyOnly() throws {
        let base = try Self.forecast(a: Self.small, x: Self.small)
        let slowDependency = try Self.forecast(a: Self.large, x: Self.small)
        let slowOther = try Self.forecast(a: Self.small, x: Self.large)
        let b = Self.percentiles(base["next-b"]), a = Self.percentiles(base["next-a"])
        #expect(b.count == 3 && a.count == 3)
        // Each release draws from its owner's record, not the fallback.
        #expect(base["next-b"]?.source.isFallback == false && base["next-a"]?.source.isFallback == false)

        // The dependency slips 30–60 days instead of 1–10: next-a lands 30+ days later, and
        // next-b (planned 10 days after it, slipping 1–10 itself) is pushed after it.
        let slowA = Self.percentiles(slowDependency["next-a"]), slowB = Self.percentiles(slowDependency["next-b"])
        #expect(zip(slowA, a).allSatisfy { $0 - $1 >= 20 }, "next-a \(a) → \(slowA)")
        #expect(zip(slowB, b).allSatisfy { $0 - $1 >= 15 }, "next-b \(b) → \(slowB)")
        #expect(zip(slowB, slowA).allSatisfy { $0 >= $1 }, "next-b starts after next-a ends: \(slowB) vs \(slowA)")

        // A release nothing depends on slips more: next-x moves, next-a and next-b do not (same
        // seed, one draw per item per sample, so the same draws).
        #expect(zip(Self.percentiles(slowOther["next-x"]), Self.percentiles(base["next-x"])).allSatisfy { $0 - $1 >= 20 })
        #expect(Self.percentiles(slowOther["next-b"]) == b)
        #expect(Self.percentiles(slowOther["next-a"]) == a)
    }
}
