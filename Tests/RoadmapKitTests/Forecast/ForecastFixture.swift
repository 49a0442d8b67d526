import Foundation
@testable import RoadmapKit

/// A roadmap history made by the git CLI with a known slip distribution: release `r<i>` is
/// planned `plan` days after it is created, then moved once by a slip drawn from `slips`
/// (each value equally likely). `known` days before the date that held the move is
/// committed (0: on that day, after the fact). With `campaigns`, each release has a campaign
/// launching 7 days after it, which never moves. With `owners` (owner → slips), release `r<i>`
/// belongs to the i-th owner in turn (by name) and draws from that owner's slips instead.
/// One commit a day with events, at noon UTC.
struct SlipHistory {
    let fixture: HistoryFixture
    /// The day after the last event and the last date that held.
    let end: Int

    static let day: Int64 = 86_400
    static let start = 19_723  // 2024-01-01

    init(releases: Int, every spacing: Int = 10, plan: Int = 240, slips: [Int], known: Int = 40,
         campaigns: Bool = false, seed: UInt64 = 1, owners: [String: [Int]] = [:]) throws {
        let fixture = try HistoryFixture()
        self.fixture = fixture
        var random = SplitMix64(seed: seed)
        var events: [(day: Int, order: Int, path: String, text: String)] = []
        var last = Self.start
        let names = owners.keys.sorted()
        for i in 0..<releases {
            let created = Self.start + i * spacing
            let planned = created + plan
            let owner = names.isEmpty ? nil : names[i % names.count]
            let pool = owner.flatMap { owners[$0] } ?? slips
            let held = planned + pool[random.index(below: pool.count)]
            last = max(last, held)
            let path = "roadmap/releases/r\(i).yaml"
            events.append((created, 0, path, Self.release(i, planned, owner: owner)))
            if held != planned { events.append((min(max(created + 1, held - known), held), 1, path, Self.release(i, held, owner: owner))) }
            if campaigns {
                events.append((created, 0, "roadmap/campaigns/c\(i).yaml",
                               "kind: campaign\ntitle: C\(i)\npromotes: [r\(i)]\nlaunch: \(Self.text(planned + 7))\n"))
            }
        }
        events.sort { ($0.day, $0.order, $0.path) < ($1.day, $1.order, $1.path) }
        try fixture.write("roadmap.yaml", "root: roadmap\nbase: main\n")
        var index = 0
        while index < events.count {
            let day = events[index].day
            while index < events.count && events[index].day == day {
                try fixture.write(events[index].path, events[index].text)
                index += 1
            }
            fixture.clock = Int64(day) * Self.day + 12 * 3_600
            try fixture.commit("day \(day)")
        }
        end = max(last, events.map(\.day).max() ?? Self.start) + 1
    }

    static func release(_ i: Int, _ day: Int, owner: String? = nil) -> String {
        "kind: release\ntitle: R\(i)\ndate: \(text(day))\n" + (owner.map { "owner: \"\($0)\"\n" } ?? "")
    }

    static func text(_ day: Int) -> String { RoadmapDate(dayNumber: day).text }

    func workspace() throws -> Workspace { try Workspace.open(at: fixture.path) }
}
