import Foundation
import GitKit
import Testing
@testable import RoadmapKit

@Suite("History edges: shallow clones, odd authors, the cache, as-of dates")
struct HistoryEdgeTests {
    @Test("a shallow clone: history stops at the boundary and says so")
    func shallowClone() throws {
        let story = try BillingStory()
        let clone = HistoryFixture(existing: story.fixture.directory.deletingLastPathComponent().appendingPathComponent("clone"))
        try story.fixture.git("clone", "-q", "--depth", "3", "file://\(story.fixture.path)", clone.path)
        let repository = try clone.open()
        #expect(repository.isShallow)
        let history = try ItemHistory(repository: repository, decoder: ItemHistory.productDecoder)
        let result = try history.history(of: "billing-v2")
        #expect(result.truncated)
        #expect(result.entries.map(\.commit) == [story.archived, story.fixed])
        #expect(result.entries.map(\.commit) == (try clone.gitLog("roadmap/archive/billing-v2.yaml", ["--follow"])))
        #expect(HistoryText.render(result).contains("shallow clone"))
        #expect(HistoryText.json(result).encoded().contains("\"truncated\": true"))
        // A field the visible versions lack may be in the hidden ones: an empty, truncated
        // answer rather than the "no such field" error a complete history gives.
        let unseen = try history.history(of: "billing-v2", field: "x-unseen")
        #expect(unseen.entries.isEmpty && unseen.truncated)
        #expect(throws: HistoryError.self) { try story.history().history(of: "billing-v2", field: "x-unseen") }
        // The plain log agrees with git's too, and the boundary commit is not cached.
        let log = try PathHistory(repository: repository)
        #expect(try log.log(path: "roadmap/campaigns/spring.yaml").commits == clone.gitLog("roadmap/campaigns/spring.yaml"))
        #expect(try HistoryCache(repository: repository).count == 2)
        // A complete history is not truncated.
        #expect(try !story.history().history(of: "billing-v2").truncated)
    }

    @Test("an author name that is not UTF-8 is decoded leniently")
    func nonUTF8Author() throws {
        let fixture = try HistoryFixture()
        try fixture.write("roadmap/releases/r1.yaml", "kind: release\ntitle: R1\ndate: 2026-05\n")
        let parent = try fixture.commit("add r1")
        try fixture.write("roadmap/releases/r1.yaml", "kind: release\ntitle: R1\ndate: 2026-Q3\n")
        try fixture.git("add", "-A")
        let tree = try fixture.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        var raw = Array("tree \(tree)\nparent \(parent.hex)\nauthor Jos".utf8)
        raw += [0xE9, 0xFF] // Latin-1 é and a byte that is never UTF-8
        raw += Array(" <jose@example.com> 1767312000 +0200\ncommitter C <c@example.com> 1767312000 +0200\n\nMove r1 to Q3\n".utf8)
        let file = fixture.directory.appendingPathComponent("../commit.raw")
        try Data(raw).write(to: file)
        let id = try fixture.id(fixture.git("hash-object", "-t", "commit", "-w", file.path))
        try fixture.git("update-ref", "refs/heads/main", id.hex)

        let result = try ItemHistory(repository: fixture.open(), decoder: ItemHistory.productDecoder).history(of: "r1")
        #expect(result.entries.map(\.commit) == [id, parent])
        let entry = result.entries[0]
        #expect(entry.author.name == "Jos\u{FFFD}\u{FFFD}")
        #expect(entry.date == "2026-01-02T02:00:00+02:00")
        // 2026-05 (May 1st) → 2026-Q3 (July 1st): first day against first day.
        #expect(entry.fields == [FieldChange(field: "date", old: .string("2026-05"), new: .string("2026-Q3"), days: 61)])
        #expect(HistoryText.json(result).encoded().contains("\"name\": \"Jos\u{FFFD}\u{FFFD}\""))
    }

    @Test("the cache is written atomically, survives deletion and damage, and never goes stale")
    func cache() throws {
        let fixture = try HistoryFixture()
        try fixture.write("a.txt", "one\n")
        try fixture.commit("one")
        try fixture.write("a.txt", "two\n")
        try fixture.write("b.txt", "b\n")
        try fixture.commit("two")
        try fixture.write("b.txt", "b2\n")
        try fixture.commit("three")
        let repository = try fixture.open()
        let url = HistoryCache.defaultURL(for: repository)
        #expect(url.path.hasSuffix("/.git/roadmap/history-cache-v1"))

        #expect(try PathHistory(repository: repository).log(path: "a.txt").commits == fixture.gitLog("a.txt"))
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(try HistoryCache(repository: repository).count == 3)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["history-cache-v1"])

        // New commits and rewritten history: ids are new, so the cache learns them.
        try fixture.write("a.txt", "three\n")
        try fixture.git("add", "-A")
        try fixture.git("commit", "-q", "--amend", "-m", "three, amended")
        #expect(try PathHistory(repository: repository).log(path: "a.txt").commits == fixture.gitLog("a.txt"))
        #expect(try PathHistory(repository: repository).log(path: "b.txt").commits == fixture.gitLog("b.txt"))
        #expect(try HistoryCache(repository: repository).count == 4)

        // A damaged or foreign file is ignored, then replaced by a good one.
        try Data("RMHC\u{2}garbage".utf8).write(to: url)
        #expect(try HistoryCache(repository: repository).count == 0)
        #expect(try PathHistory(repository: repository).log(path: "b.txt").commits == fixture.gitLog("b.txt"))
        #expect(try HistoryCache(repository: repository).count == 3)

        // Damage past the header, in the current format: cut short anywhere, bytes added at
        // the end, another version's number on a well-formed body, too many resolutions.
        let good = try Data(contentsOf: url)
        #expect(good.count > 12)
        var damaged: [Data] = [good + Data([0]), good.prefix(good.count - 1)]
        for cut in stride(from: 12, to: good.count, by: max(1, good.count / 16)) { damaged.append(good.prefix(cut)) }
        var otherVersion = good
        otherVersion[4] = 2
        damaged.append(otherVersion)
        var tooMany = good
        tooMany.replaceSubrange((good.count - 4)..<good.count, with: [65, 0, 0, 0])
        damaged.append(tooMany)
        for (index, bytes) in damaged.enumerated() {
            try bytes.write(to: url)
            #expect(try HistoryCache(repository: repository).count == 0, "damage \(index)")
            #expect(try PathHistory(repository: repository).log(path: "b.txt").commits == fixture.gitLog("b.txt"), "damage \(index)")
            #expect(try HistoryCache(repository: repository).count == 3, "damage \(index)")
        }
        #expect(try Data(contentsOf: url) == good)

        // Deleted: rebuilt on demand.
        try FileManager.default.removeItem(at: url)
        #expect(try PathHistory(repository: repository).log(path: "a.txt").commits == fixture.gitLog("a.txt"))
        #expect(FileManager.default.fileExists(atPath: url.path))

        // A warm cache answers from its records (the same answer).
        let warm = try HistoryCache(repository: repository)
        #expect(warm.count == 3)
        #expect(try PathHistory(cache: warm).log(path: "a.txt").commits == fixture.gitLog("a.txt"))
    }

    @Test("the commit a branch held at the end of a day, on its first-parent history")
    func asOf() throws {
        let fixture = try HistoryFixture()
        func at(_ iso: String) {
            let formatter = ISO8601DateFormatter()
            fixture.clock = Int64(formatter.date(from: iso)!.timeIntervalSince1970)
        }
        at("2026-03-01T10:00:00Z")
        try fixture.write("a.txt", "1\n")
        let morning = try fixture.commit("morning", advance: 0)
        at("2026-03-01T23:30:00Z")
        try fixture.write("a.txt", "2\n")
        let late = try fixture.commit("late", advance: 0)
        try fixture.git("checkout", "-q", "-b", "side", morning.hex)
        at("2026-03-01T23:50:00Z")
        try fixture.write("b.txt", "side\n")
        try fixture.commit("side", advance: 0)
        try fixture.git("checkout", "-q", "main")
        at("2026-03-02T08:00:00Z")
        try fixture.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        let merge = try fixture.head()
        let repository = try fixture.open()
        let utc = TimeZone(identifier: "UTC")!
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(try RoadmapAsOf.commit(in: repository, onBranch: "main", endOfDay: "2026-03-01", timeZone: utc) == late)
        #expect(try RoadmapAsOf.commit(in: repository, onBranch: "main", endOfDay: "2026-03-01", timeZone: berlin) == morning)
        #expect(try RoadmapAsOf.commit(in: repository, onBranch: "main", endOfDay: "2026-03-02", timeZone: utc) == merge)
        #expect(try RoadmapAsOf.commit(in: repository, onBranch: "main", endOfDay: "2026-02-28", timeZone: utc) == nil)
        #expect(throws: RoadmapAsOf.AsOfError.invalidDay("2026-02-30")) {
            try RoadmapAsOf.commit(in: repository, onBranch: "main", endOfDay: "2026-02-30")
        }
        #expect(throws: (any Error).self) { try RoadmapAsOf.commit(in: repository, onBranch: "nope", endOfDay: "2026-03-01") }
    }

    @Test("SPEC §5 dates: intervals and first-day differences", arguments: [
        ("2026-06-15", "2026-07-30", 45),
        ("2026-Q2", "2026-Q3", 91),
        ("2026-H1", "2026-H2", 181),
        ("2026", "2027-01", 365),
        ("2024-02", "2024-03", 29),
        ("2026-07-30", "2026-06-15", -45),
    ])
    func dates(old: String, new: String, days: Int) {
        #expect(RoadmapDate.days(from: .string(old), to: .string(new)) == days)
    }

    @Test("only values that hold dates have a difference in days")
    func nonDates() {
        for text in ["2026-02-30", "2026-Q5", "2026-H3", "2026-13", "26-01-01", "2026-1-01", "soon", ""] {
            #expect(RoadmapDate.days(from: .string(text), to: .string("2026-01-01")) == nil, "\(text)")
        }
        #expect(RoadmapDate.days(from: .int(2026), to: .string("2026-02")) == 31)
        #expect(RoadmapDate.days(from: .bool(true), to: .string("2026-02")) == nil)
        #expect(RoadmapDate.days(from: nil, to: .string("2026-02")) == nil)
    }

    @Test("commit times in ISO 8601 with the recorded offset", arguments: [
        (0, 0, "1970-01-01T00:00:00+00:00"),
        (1_767_312_000, 120, "2026-01-02T02:00:00+02:00"),
        (1_709_164_800, -330, "2024-02-28T18:30:00-05:30"),
        (-1, 0, "1969-12-31T23:59:59+00:00"),
    ])
    func commitTimes(seconds: Int, offset: Int, text: String) {
        #expect(CommitTime.iso8601(Date(timeIntervalSince1970: TimeInterval(seconds)), offsetMinutes: offset) == text)
    }
}
