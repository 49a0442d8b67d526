import Foundation
import Testing

/// `roadmap board` on the example roadmap at several widths, against golden files in
/// Tests/Data/golden/board/. `RECORD_GOLDEN=1 swift test --filter BoardCLITests` rewrites them;
/// a run that records fails, so a golden file is never rewritten silently.
@Suite(.serialized) struct BoardCLITests {
    static let goldenFolder = CLI.packageRoot + "/Tests/Data/golden/board/"

    func expectGolden(_ text: String, _ name: String) throws {
        let path = Self.goldenFolder + name
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run again without RECORD_GOLDEN to check it")
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == golden, "\(name) differs from its golden file:\n\(text)")
    }

    @Test(arguments: [("all", [String](), 40), ("all", [], 80), ("all", [], 120), ("all", [], 200),
                      ("story", ["--kind", "story"], 60), ("story", ["--kind", "story"], 80),
                      ("campaign", ["--kind", "campaign"], 100)])
    func textFitsTheWidth(_ name: String, _ arguments: [String], _ width: Int) throws {
        let example = try ViewsCLI.example()
        let r = try ViewsCLI.roadmap(["board"] + arguments, in: example.path, env: ["COLUMNS": "\(width)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"), "not a terminal: no color")
        for line in r.stdout.split(separator: "\n") { #expect(line.count <= width, "wider than \(width): \(line)") }
        try expectGolden(r.stdout, "board-\(name)-\(width).txt")
    }

    @Test func sideBySideAtEightyColumnsWithCountsInTheHeaders() throws {
        let example = try ViewsCLI.example()
        let r = try ViewsCLI.roadmap(["board"], in: example.path, env: ["COLUMNS": "80"])
        let header = try #require(r.stdout.split(separator: "\n").first)
        // Several statuses on the first line: the columns are side by side, each with its count.
        let counts = header.matches(of: #/[A-Z-]+ \(\d+\)/#).count
        #expect(counts >= 3, "\(header)")
        let stacked = try ViewsCLI.roadmap(["board"], in: example.path, env: ["COLUMNS": "30"])
        #expect(stacked.stdout.contains("\n  • "), "too narrow: stacked with bullets")
    }

    @Test func jsonHasEveryColumnWithItsCountAndCards() throws {
        let example = try ViewsCLI.example()
        let r = try ViewsCLI.roadmap(["board", "--kind", "release", "--format", "json"], in: example.path, env: ["COLUMNS": "20"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["kind"] as? String == "release")
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns.map { $0["status"] as? String } == ["proposed", "planned", "in-progress", "shipped", "cancelled"])
        for column in columns {
            let cards = try #require(column["cards"] as? [[String: Any]])
            #expect(column["count"] as? Int == cards.count)
            for card in cards { #expect(card["kind"] as? String == "release" && card["id"] is String && card["title"] is String) }
        }
        try expectGolden(r.stdout, "board-release.json")
        let bad = try ViewsCLI.roadmap(["board", "--format", "html"], in: example.path)
        #expect(bad.status == 2)
    }
}
