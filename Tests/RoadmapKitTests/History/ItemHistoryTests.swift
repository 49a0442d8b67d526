import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// A release that is created, moved twice, broken, fixed, waived and moved to another folder.
struct BillingStory {
    let fixture: HistoryFixture
    let created, slipped, broken, fixed, archived, unrelated: ObjectID

    static let day: Int64 = 86_400

    init() throws {
        let fixture = try HistoryFixture()
        self.fixture = fixture
        let path = "roadmap/releases/billing-v2.yaml"
        try fixture.write("roadmap/campaigns/spring.yaml", "kind: campaign\ntitle: Spring\npromotes: [billing-v2]\nlaunch: 2026-07-01\n")
        try fixture.write(path, """
            kind: release
            title: Billing v2
            date: 2026-06-15
            tags: [billing]
            description: |
              Line one
              Line two
            """ + "\n")
        created = try fixture.commit("Plan billing v2", advance: Self.day)
        try fixture.write(path, """
            kind: release
            title: Billing v2
            date: 2026-07-30
            tags: [billing, beta]
            description: |
              Line one
              Line two changed
            """ + "\n")
        fixture.authorName = "Bob Builder"
        fixture.authorEmail = "bob@example.com"
        slipped = try fixture.commit("Slip billing v2 to the end of July", advance: Self.day)
        try fixture.write(path, "kind: release\ntitle: [unclosed\n")
        broken = try fixture.commit("Oops", advance: Self.day)
        fixture.authorName = "Cy Planner"
        fixture.authorEmail = "cy@example.com"
        try fixture.write(path, """
            kind: release
            title: Billing v2
            date: 2026-08-01
            tags: [beta]
            description: |
              Line one
              Line two changed
            waive:
              launch-lag: marketing waits for the beta
            """ + "\n")
        fixed = try fixture.commit("Fix billing v2 and move it to August", advance: Self.day)
        fixture.authorName = "Ada Lovelace"
        fixture.authorEmail = "ada@example.com"
        try fixture.move(path, "roadmap/archive/billing-v2.yaml")
        archived = try fixture.commit("Archive billing v2", advance: Self.day)
        try fixture.write("roadmap/campaigns/spring.yaml", "kind: campaign\ntitle: Spring launch\npromotes: [billing-v2]\nlaunch: 2026-07-01\n")
        unrelated = try fixture.commit("Rename the spring campaign", advance: Self.day)
    }

    func history() throws -> ItemHistory {
        try ItemHistory(repository: fixture.open(), root: "roadmap", decoder: ItemHistory.productDecoder)
    }
}

@Suite("Item history")
struct ItemHistoryTests {
    @Test("entries newest first, field by field, with ±days, list entries and an unreadable version")
    func fieldChanges() throws {
        let story = try BillingStory()
        let result = try story.history().history(of: "billing-v2")
        #expect(result.item == "billing-v2")
        #expect(result.path == "roadmap/archive/billing-v2.yaml")
        #expect(!result.truncated)
        #expect(result.entries.map(\.commit) == [story.archived, story.fixed, story.broken, story.slipped, story.created])
        #expect(result.entries.map(\.change) == [.moved, .modified, .modified, .modified, .added])

        let archived = result.entries[0]
        #expect(archived.previousPath == "roadmap/releases/billing-v2.yaml")
        #expect(archived.path == "roadmap/archive/billing-v2.yaml")
        #expect(archived.fields.isEmpty)

        let fixed = result.entries[1]
        #expect(fixed.author == HistoryAuthor(name: "Cy Planner", email: "cy@example.com"))
        // Compared with the last readable version, not with the broken one.
        #expect(fixed.fields.map(\.field) == ["date", "tags", "waive.launch-lag"])
        #expect(fixed.fields[0].days == 2)
        #expect(fixed.fields[1].removed == [.string("billing")])
        #expect(fixed.fields[1].added.isEmpty)
        #expect(fixed.fields[2].old == nil && fixed.fields[2].new == .string("marketing waits for the beta"))

        let broken = result.entries[2]
        #expect(broken.error?.contains("cannot be read") == true)
        #expect(broken.fields.isEmpty)

        let slipped = result.entries[3]
        #expect(slipped.subject == "Slip billing v2 to the end of July")
        #expect(slipped.date == "2026-01-02T00:00:00+00:00")
        #expect(slipped.fields.map(\.field) == ["date", "tags", "description"])
        #expect(slipped.fields[0] == FieldChange(field: "date", old: .string("2026-06-15"), new: .string("2026-07-30"), days: 45))
        #expect(slipped.fields[1].added == [.string("beta")])
        #expect(slipped.fields[2].textDiff == ["-Line two", "+Line two changed"])

        let created = result.entries[4]
        #expect(created.fields.map(\.field) == ["kind", "title", "date", "tags", "description"])
        #expect(created.fields.allSatisfy { $0.old == nil })
    }

    @Test("--field keeps the commits that changed the field, --limit the newest N")
    func fieldFilterAndLimit() throws {
        let story = try BillingStory()
        let history = try story.history()
        let dates = try history.history(of: "billing-v2", field: "date")
        #expect(dates.entries.map(\.commit) == [story.fixed, story.slipped, story.created])
        #expect(dates.entries.allSatisfy { $0.fields.map(\.field) == ["date"] })
        let waive = try history.history(of: "billing-v2", field: "waive")
        #expect(waive.entries.map(\.commit) == [story.fixed])
        #expect(try history.history(of: "billing-v2", field: "waive.launch-lag").entries.map(\.commit) == [story.fixed])
        // A field SPEC §4 gives releases that this one never had: never changed, not an error.
        let owner = try history.history(of: "billing-v2", field: "owner")
        #expect(owner.entries.isEmpty && !owner.truncated)
        // A field no version had is refused, nested or not, with the nearest real one.
        #expect(throws: HistoryError.unknownField(field: "waive.launch-lagg", item: "billing-v2 (roadmap/archive/billing-v2.yaml)",
                                                  fields: ["kind", "title", "date", "tags", "description", "waive"],
                                                  nearest: "waive.launch-lag")) {
            try history.history(of: "billing-v2", field: "waive.launch-lagg")
        }
        let limited = try history.history(of: "roadmap/archive/billing-v2.yaml", limit: 2)
        #expect(limited.entries.map(\.commit) == [story.archived, story.fixed])
    }

    @Test("text and JSON forms")
    func encoders() throws {
        let story = try BillingStory()
        let result = try story.history().history(of: "billing-v2")
        let text = HistoryText.render(result)
        #expect(text.contains("\(story.slipped.short)  2026-01-02  Bob Builder  Slip billing v2 to the end of July\n"))
        #expect(text.contains("  date: 2026-06-15 → 2026-07-30 (+45 days)\n"))
        #expect(text.contains("  tags: +beta\n"))
        #expect(text.contains("[moved from roadmap/releases/billing-v2.yaml]"))
        #expect(text.contains("  error: "))

        let json = HistoryText.json(result).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["item"] as? String == "billing-v2")
        #expect(object["path"] as? String == "roadmap/archive/billing-v2.yaml")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 5)
        let slipped = entries[3]
        #expect(slipped["commit"] as? String == story.slipped.hex)
        #expect((slipped["author"] as? [String: String]) == ["name": "Bob Builder", "email": "bob@example.com"])
        #expect(slipped["date"] as? String == "2026-01-02T00:00:00+00:00")
        #expect(slipped["change"] as? String == "modified")
        #expect(slipped["path"] as? String == "roadmap/releases/billing-v2.yaml")
        let field = try #require((slipped["fields"] as? [[String: Any]])?.first)
        #expect(field["field"] as? String == "date")
        #expect(field["old"] as? String == "2026-06-15")
        #expect(field["new"] as? String == "2026-07-30")
        #expect(field["days"] as? Int == 45)
        #expect(json.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"item\": \"billing-v2\",\n  \"path\": "))
        // SPEC §9's key order, for the document, an entry (a move, with its previous path) and a field.
        func keys(_ value: JSONValue?) -> [String] {
            if case let .object(members)? = value { return members.map(\.0) }
            return []
        }
        func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
            if case let .object(members)? = value { return members.first { $0.0 == key }?.1 }
            return nil
        }
        func element(_ value: JSONValue?, _ index: Int) -> JSONValue? {
            if case let .array(items)? = value, items.indices.contains(index) { return items[index] }
            return nil
        }
        let document = HistoryText.json(result)
        #expect(keys(document) == ["schemaVersion", "item", "path", "entries"])
        #expect(keys(element(member(document, "entries"), 0))
                == ["commit", "author", "date", "subject", "path", "change", "previousPath", "fields"])
        #expect(keys(element(member(element(member(document, "entries"), 3), "fields"), 0)) == ["field", "old", "new", "days"])
        #expect(!json.hasSuffix("\n"), "the command adds the final newline")
    }

    @Test("unknown ids and paths outside history are clear errors")
    func errors() throws {
        let story = try BillingStory()
        let history = try story.history()
        #expect(throws: HistoryError.unknownItem(id: "nope", root: "roadmap")) { try history.history(of: "nope") }
        #expect(throws: HistoryError.neverInHistory(path: "roadmap/releases/nope.yaml")) {
            try history.history(of: "roadmap/releases/nope.yaml")
        }
        #expect("\(HistoryError.unknownItem(id: "nope", root: "roadmap"))".contains("nope.yaml"))
        // The old path of a moved item still has its history (up to its move).
        let old = try history.history(of: "roadmap/releases/billing-v2.yaml")
        #expect(old.entries.first?.commit == story.archived)
        #expect(old.entries.first?.change == .deleted)
    }

    @Test("an id's file is remembered by the folder's tree, so a changed folder is looked through again")
    func resolutionsFollowTheTree() throws {
        let fixture = try HistoryFixture()
        try fixture.write("roadmap/releases/r1.yaml", "kind: release\ntitle: R1\ndate: 2026-06-15\n")
        try fixture.commit("add r1")
        let repository = try fixture.open()
        let first = try ItemHistory(repository: repository, decoder: ItemHistory.productDecoder)
        #expect(try first.resolve("r1", at: fixture.head()).path == "roadmap/releases/r1.yaml")
        try first.save()
        // A later process answers from the saved cache: the folder was not read again.
        let warm = try HistoryCache(repository: repository)
        let folder = try #require(try repository.entry(at: "roadmap", inTree: repository.commitLink(fixture.head()).treeID))
        #expect(warm.resolution(of: "r1", inFolder: folder.id) == ["roadmap/releases/r1.yaml"])

        // The saved answer is what a later lookup uses (a planted one comes back)...
        let planted = try HistoryCache(repository: repository)
        planted.remember(["roadmap/releases/r1.yaml", "roadmap/releases/r1.yaml"], for: "r1", inFolder: folder.id)
        try planted.save()
        #expect(throws: HistoryError.duplicateItem(id: "r1", paths: ["roadmap/releases/r1.yaml", "roadmap/releases/r1.yaml"])) {
            try ItemHistory(repository: repository, decoder: ItemHistory.productDecoder).resolve("r1", at: fixture.head())
        }
        // ...but one that does not fit the tree (a damaged or edited file) is looked up afresh.
        for bogus in [["roadmap/releases/gone.yaml"], ["roadmap/releases/nope/r1.yaml"], ["elsewhere/r1.yaml"], []] {
            let damaged = try HistoryCache(repository: repository)
            damaged.remember(bogus, for: "r1", inFolder: folder.id)
            try damaged.save()
            let fresh = try ItemHistory(repository: repository, decoder: ItemHistory.productDecoder)
            #expect(try fresh.resolve("r1", at: fixture.head()).path == "roadmap/releases/r1.yaml", "\(bogus)")
        }

        // A second file with the same id: another folder tree, another answer.
        try fixture.write("roadmap/archive/r1.yml", "kind: release\ntitle: R1 again\ndate: 2026-06-15\n")
        try fixture.commit("a second r1")
        let later = try ItemHistory(repository: repository, decoder: ItemHistory.productDecoder)
        #expect(throws: HistoryError.duplicateItem(id: "r1", paths: ["roadmap/archive/r1.yml", "roadmap/releases/r1.yaml"])) {
            try later.resolve("r1", at: fixture.head())
        }
        try fixture.git("rm", "-q", "roadmap/releases/r1.yaml")
        try fixture.commit("keep the archived one")
        #expect(try later.resolve("r1", at: fixture.head()).path == "roadmap/archive/r1.yml")
    }

    @Test("blame names the commit that last changed each field and list entry")
    func blame() throws {
        let story = try BillingStory()
        let lines = try Blame.blame("billing-v2", history: story.history())
        func commit(_ field: String, _ index: Int? = nil) -> ObjectID? {
            lines.first { $0.field == field && $0.index == index }?.commit
        }
        #expect(lines.map(\.field) == ["kind", "title", "date", "tags", "description", "waive.launch-lag"])
        #expect(commit("kind") == story.created)
        #expect(commit("title") == story.created) // the broken version in between does not count
        #expect(commit("date") == story.fixed)
        #expect(commit("tags", 0) == story.slipped)
        #expect(commit("description") == story.slipped)
        #expect(commit("waive.launch-lag") == story.fixed)
        #expect(lines.first { $0.field == "date" }?.author?.name == "Cy Planner")
        #expect(Blame.render(lines).contains("date"))
    }

    @Test("slips: a release moved twice, a campaign that never moved")
    func slips() throws {
        let story = try BillingStory()
        let history = try story.history()
        let reports = try Slips.compute(history: history)
        #expect(reports.map(\.id) == ["billing-v2", "spring"])
        let billing = reports[0]
        #expect(billing.kind == "release" && billing.field == "date")
        #expect(billing.firstPlanned == .string("2026-06-15"))
        #expect(billing.current == .string("2026-08-01"))
        #expect(billing.moves == 2)
        #expect(billing.netSlipDays == 47)
        #expect(billing.lastMovedBy?.name == "Cy Planner")
        #expect(billing.series.map(\.value) == [.string("2026-06-15"), .string("2026-07-30"), .string("2026-08-01")])
        #expect(Slips.chart(billing.series) == "▁▇█")
        let spring = reports[1]
        #expect(spring.moves == 0 && spring.netSlipDays == 0 && spring.lastMovedBy == nil)

        #expect(try Slips.compute(history: history, kind: "campaign").map(\.id) == ["spring"])
        let since = try Slips.compute(history: history, kind: "release", since: "2026-01-03")
        #expect(since.first?.firstPlanned == .string("2026-07-30"))
        #expect(since.first?.moves == 1)
        #expect(since.first?.netSlipDays == 2)
        // The day starts in the given time zone, as --at's days end in it: the slip committed
        // at 2026-01-02 00:00 UTC is on 1 January in New York (UTC-5), so not since 2 January there.
        let utc = try Slips.compute(history: history, kind: "release", since: "2026-01-02", timeZone: #require(TimeZone(identifier: "UTC")))
        #expect(utc.first?.firstPlanned == .string("2026-06-15") && utc.first?.moves == 2)
        let newYork = try Slips.compute(history: history, kind: "release", since: "2026-01-02",
                                        timeZone: #require(TimeZone(secondsFromGMT: -5 * 3600)))
        #expect(newYork.first?.firstPlanned == .string("2026-07-30") && newYork.first?.moves == 1)

        let table = Slips.render(reports)
        #expect(table.contains("billing-v2"))
        #expect(table.contains("+47d"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Slips.json(reports).encoded().utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.first?["slipDays"] as? Int == 47)
        #expect((items.first?["series"] as? [Any])?.count == 3)
    }
}
