import Foundation
import Testing
@testable import RoadmapKit

/// The model of SPEC §13: assets and their publish days, money, `set` on assets, the merge of
/// assets by id, the audience cut of the new fields, and the review graph's new edges.
@Suite struct MarketingModelTests {
    static let campaign = """
        kind: campaign
        title: Spring launch
        owner: "@maria"
        promotes: [billing-v2]
        launch: 2026-06-20
        program: launch-2026
        goals: [upgrades]
        budget: {planned: 1200.10, spent: 99.95, currency: EUR}
        results:
          signups: {target: 500, actual: 420}
        assets:
          - id: blog-post
            title: Billing v2 is here
            publish: launch-14d
            owner: "@li"
            announces: [billing-v2]
          - id: email
            title: Mail
            publish: 2026-Q2
            status: published

        description: |
          Launch.
        """

    static func item(_ yaml: String = campaign) throws -> Item {
        Item(id: "spring-launch", path: "roadmap/campaigns/spring-launch.yaml", node: try YAMLParser.parse(Array(yaml.utf8)).root)
    }

    @Test func assetsResolveTheirPublishDays() throws {
        let item = try Self.item()
        #expect(item.assets.map(\.id) == ["blog-post", "email"])
        let days = item.scheduledAssets.map { $0.day?.text }
        #expect(days == ["2026-06-06", "2026-Q2"])
        #expect(item.assets[0].location.line == 12 && item.assets[1].status == .published)
        #expect(item.assets[0].name(in: item) == "spring-launch/blog-post")
        #expect(item.program == "launch-2026" && item.goals.map(\.id) == ["upgrades"])
    }

    @Test(arguments: [("launch", 0), ("launch-14d", -14), ("launch+3d", 3), ("launch-2w", -14), ("launch+1w", 7)])
    func relativePublishDays(text: String, days: Int) {
        #expect(AssetPublish(text) == .relative(days: days))
    }

    @Test(arguments: ["launch-", "launch-14", "launch14d", "lunch", "launch-1.5w", "launch--3d", ""])
    func badPublishDays(text: String) {
        #expect(AssetPublish(text) == nil)
    }

    @Test func aRelativeDayOnACoarseLaunchIsAMovedInterval() throws {
        let day = try #require(AssetPublish("launch-14d")?.resolved(launch: RoadmapDate("2026-Q2")))
        #expect(day.firstDay == RoadmapDate("2026-03-18")!.firstDay && day.lastDay == RoadmapDate("2026-06-16")!.firstDay)
        #expect(day.text == "2026-03-18…2026-06-16")
    }

    @Test func moneyIsDecimal() throws {
        let item = try Self.item()
        let budget = try #require(item.budget)
        #expect(budget.planned == Decimal(string: "1200.1") && budget.spent == Decimal(string: "99.95"))
        #expect(budget.remaining == Decimal(string: "1100.15"))
        #expect(Money.text(try #require(budget.remaining), currency: "EUR") == "1100.15 EUR")
        #expect(Money.text(Decimal(1500), currency: "JPY") == "1500 JPY")
        #expect(item.results.first?.attainment == Decimal(string: "0.84"))
        // A thousand cents add up to exactly ten.
        let cent = try #require(Money.amount(try YAMLParser.parse(Array("v: 0.01".utf8)).root["v"]))
        #expect((0..<1000).reduce(Decimal(0)) { sum, _ in sum + cent } == 10)
    }

    // MARK: set

    func edit(_ assignments: [String], _ yaml: String = campaign) throws -> String {
        var document = try YAMLParser.parse(Array(yaml.utf8))
        try ItemFactory.apply(try assignments.map(FieldAssignment.parse), to: &document)
        return String(decoding: document.bytes, as: UTF8.self)
    }

    @Test func setAddressesAnAssetByIdWithAOneLineEdit() throws {
        let edited = try edit(["assets.blog-post.publish=launch-7d"])
        #expect(edited == Self.campaign.replacingOccurrences(of: "publish: launch-14d", with: "publish: launch-7d"))
        #expect(try FieldAssignment.parse("assets.v1.2-post.teaser=true") == FieldAssignment(path: ["assets", "v1.2-post", "teaser"], value: .bool(true)))
        #expect(try FieldAssignment.parse("budget.spent=100.5").value == .float(100.5))
        #expect(throws: RoadmapError.self) { try FieldAssignment.parse("budget.spent=lots") }
    }

    @Test func setAddsAndRemovesAssets() throws {
        let added = try edit(["assets.webinar.title=Webinar", "assets.webinar.publish=launch+7d"])
        let item = try Self.item(added)
        #expect(item.asset("webinar")?.title == "Webinar" && item.asset("webinar")?.publish == .relative(days: 7))
        let removed = try Self.item(try edit(["assets.email="]))
        #expect(removed.assets.map(\.id) == ["blog-post"])
        #expect(throws: RoadmapError.self) { try edit(["assets.nope.owner="]) }
    }

    // MARK: merge

    func merge(_ ours: String, _ theirs: String) -> ItemMerge.Result {
        ItemMerge.merge(base: Array(Self.campaign.utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8),
                        id: "spring-launch", path: "roadmap/campaigns/spring-launch.yaml", sides: ("on main", "in the proposal"))
    }

    @Test func twoProposalsEditingDifferentAssetsMergeCleanly() throws {
        let ours = Self.campaign.replacingOccurrences(of: "publish: launch-14d", with: "publish: launch-7d")
        let theirs = Self.campaign.replacingOccurrences(of: "publish: 2026-Q2", with: "publish: 2026-06-25")
        let result = merge(ours, theirs)
        #expect(result.conflicts.isEmpty)
        let expected = ours.replacingOccurrences(of: "publish: 2026-Q2", with: "publish: 2026-06-25")
        #expect(String(decoding: try #require(result.bytes), as: UTF8.self) == expected)
    }

    @Test func oneAssetFieldSetTwiceIsAConflictNamedByAsset() {
        let ours = Self.campaign.replacingOccurrences(of: "publish: launch-14d", with: "publish: launch-7d")
        let theirs = Self.campaign.replacingOccurrences(of: "publish: launch-14d", with: "publish: launch-3d")
        let result = merge(ours, theirs)
        #expect(result.bytes == nil && result.conflicts.map(\.field) == ["assets.blog-post.publish"])
    }

    @Test func anAssetAddedOnEachSideKeepsBoth() throws {
        let ours = Self.campaign.replacingOccurrences(of: "    status: published\n", with: "    status: published\n  - id: tweet\n    title: Tweet\n")
        let theirs = Self.campaign.replacingOccurrences(of: "  - id: email\n    title: Mail\n    publish: 2026-Q2\n    status: published\n", with: "")
        let merged = try Self.item(String(decoding: try #require(merge(ours, theirs).bytes), as: UTF8.self))
        #expect(merged.assets.map(\.id) == ["blog-post", "tweet"])
    }

    // MARK: audiences and the review graph

    @Test func audiencesDropHiddenReferencesAndCoarsenPublishDays() throws {
        var f = Fixture()
        f.add("billing-v2", "kind: release\ntitle: Billing v2\ndate: 2026-06-15\nvisibility: public\n")
        f.add("secret", "kind: story\ntitle: Secret\nvisibility: team\n")
        f.add("upgrades", "kind: goal\ntitle: Upgrades\n")
        f.add("spring-launch", """
            kind: campaign
            title: Spring launch
            visibility: stakeholders
            promotes: [billing-v2]
            launch: 2026-06-20
            goals: [upgrades]
            assets:
              - {id: post, title: Post, publish: 2026-06-10, announces: [billing-v2, secret], owner: "@li"}
            """)
        let seen = AudienceView(.stakeholders).filter(f.snapshot)
        let campaign = try #require(seen["spring-launch"])
        #expect(campaign.goals.isEmpty)  // the goal is key-only
        #expect(campaign.assets.first?.announces.map(\.id) == ["billing-v2"])
        #expect(campaign.assets.first?.node["publish"]?.string == "2026-06")
        #expect(seen["upgrades"] == nil)
        #expect(AudienceView(.key).filter(f.snapshot)["upgrades"] != nil)
    }

    @Test func theReviewGraphFollowsGoalsProgramsAndAnnouncements() throws {
        let entry = GraphEntry(try Self.item())
        #expect(Set(entry.links) == ["upgrades", "launch-2026", "billing-v2"])
        let graph = ItemGraph([entry, GraphEntry(path: "roadmap/goals/upgrades.yaml", parsed: true, kind: .goal,
                                                 theme: nil, epic: nil, release: nil, promotes: [])])
        // A change to the goal re-judges the campaign that names it, and the other way round.
        #expect(graph.reverse(["upgrades"]).contains("spring-launch"))
        #expect(graph.forward(["spring-launch"]).isSuperset(of: ["upgrades", "launch-2026", "billing-v2"]))
    }

    @Test func theSchemaKnowsTheNewKindsAndFields() throws {
        let schema = ItemSchema.jsonSchema()
        for word in ["\"goal\"", "\"program\"", "\"assets\"", "\"landing-page\"", "\"messaging\"", "\"results\""] {
            #expect(schema.contains(word), "\(word)")
        }
    }
}
