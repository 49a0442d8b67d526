import Foundation
import Testing
@testable import RoadmapKit

/// The canary of SPEC §12 over many seeds, in process (the CLI canary runs the real binary over
/// a few): every renderer and the published site, for each audience below team, holds no
/// marker of an item or field that audience may not see. Hostile text: markers inside URLs,
/// hidden ids that are parts of longer visible words (which must not trip the check).
@Suite struct AudienceCanaryLibraryTests {
    @Test func noRendererBetraysAHiddenItemOrField() throws {
        let kinds = ["theme", "release", "epic", "story", "campaign"]
        var checkedVisible = 0
        for seed in 1...30 {
            var random = SeededRNG(seed: UInt64(seed) &* 7919)
            var f = Fixture()
            // marker → widest audience (0 public … 3 team) that may see it; ids checked as whole words.
            var markers: [(String, Int, isID: Bool)] = []
            var ids: [String: [String]] = [:]
            let count = 4 + random.int(0 ..< 8)
            for index in 0..<count {
                let kind = kinds[random.int(0 ..< kinds.count)]
                let visibility = random.int(0 ..< 4)
                let m = "k\(seed)n\(index)"
                let id = "\(kind)-\(m)"
                let wording = random.int(0 ..< 2) == 0
                // A visible word that contains an earlier item's id as a part (never a mention).
                let decoy = ids.values.flatMap { $0 }.first.map { "pre\($0)post" } ?? "plain"
                var lines = ["kind: \(kind)", "title: \"T\(m)t \(decoy)\"", "visibility: \(Audience.allCases[visibility].rawValue)",
                             "owner: \"@\(m)o\"", "x-cost: \(m)x", "budget: \"\(m)b\"",
                             "description: \"https://example.com/\(m)d?next=\(m)u\""]
                if wording { lines.append("public-title: Public \(index)") }
                switch kind {
                case "release": lines.append("date: 2027-0\(1 + random.int(0 ..< 9))-1\(random.int(0 ..< 10))")
                case "epic", "story":
                    if let r = ids["release"]?.last { lines.append("release: \(r)") }
                    if kind == "story", let e = ids["epic"]?.last { lines.append("epic: \(e)") }
                    lines += ["start: 2027-01-0\(1 + random.int(0 ..< 9))", "end: 2027-03"]
                case "campaign":
                    lines += ["promotes: [\((ids["release"] ?? ["none"]).joined(separator: ", "))]",
                              "launch: 2027-04-1\(random.int(0 ..< 10))", "audience: \"\(m)a\""]
                default: break
                }
                f.add(id, lines.joined(separator: "\n"))
                ids[kind, default: []].append(id)
                let owner = max(visibility, 1), inner = max(visibility, 2)
                markers += [(id, visibility, true), ("T\(m)t", wording ? owner : visibility, false), ("\(m)o", owner, false),
                            ("\(m)x", inner, false), ("\(m)b", inner, false), ("\(m)d", visibility, false),
                            ("\(m)u", visibility, false), ("\(m)a", owner, false)]
            }
            let full = RoadmapView(snapshot: f.snapshot, config: f.config, commit: nil, commitDate: Date(timeIntervalSince1970: 1_790_000_000),
                                   today: RoadmapDate("2026-12-01")!)
            for audience in [Audience.public, .stakeholders, .key] {
                let view = AudienceView(audience, config: f.config).filter(full)
                let timeline = Timeline(view)
                var outputs: [String] = ListFormat.allCases.map { ItemListRenderer.render(view.snapshot.items, format: $0) }
                outputs.append(BoardTextRenderer(width: 200).render(Board(view.snapshot)))
                outputs.append(TimelineTextRenderer(width: 200).render(timeline))
                outputs.append(MermaidRenderer.render(timeline))
                for format in ExportFormat.allCases { outputs.append(try format.render(view)) }
                for (path, bytes) in try SitePublisher.site(view) { outputs.append(path + "\n" + String(decoding: bytes, as: UTF8.self)) }
                for item in view.snapshot.items { outputs.append(String(decoding: AudienceYAML.render(item.node), as: UTF8.self)) }
                // ICS folds long lines: unfold, so that a marker split across lines is still seen.
                outputs = outputs.map { $0.replacingOccurrences(of: "\r\n ", with: "") }
                let rank = Audience.allCases.firstIndex(of: audience)!
                for (marker, widest, isID) in markers {
                    let shown = outputs.contains { text in isID ? IDMentions.candidates(in: text).contains(marker) : text.contains(marker) }
                    if widest > rank {
                        #expect(!shown, "seed \(seed), \(audience.rawValue): \(marker) shown (visible from \(Audience.allCases[widest].rawValue) on)")
                    } else if isID {
                        #expect(shown, "seed \(seed), \(audience.rawValue): visible \(marker) missing")
                        checkedVisible += 1
                    }
                }
            }
        }
        #expect(checkedVisible > 100)
    }
}
