import Foundation
import Testing
@testable import RoadmapKit

/// `roadmap replan`: a release moved; its campaigns and announcing assets follow by as many days.
@Suite struct ReplanTests {
    static let today = RoadmapDate(year: 2026, month: 1, day: 1)

    static let release = """
    kind: release
    title: Billing v2
    owner: "@rel"
    status: planned
    date: 2026-06-15

    """

    static let epic = """
    kind: epic
    title: Invoices
    status: planned
    release: billing-v2

    """

    /// A campaign promoting `target`, with an absolute asset announcing the release and a relative one.
    static func campaign(promotes target: String) -> String {
        """
        kind: campaign
        title: Spring launch   # keep this comment
        owner: "@mara"
        status: planned
        promotes: [\(target)]
        start: 2026-06-01
        launch: 2026-06-20
        end: 2026-07-15
        assets:
          - id: blog-post
            title: Billing v2 is here
            type: blog
            publish: 2026-06-18
            owner: "@lee"
            announces: [\(target)]
          - id: teaser-mail
            title: Coming soon
            type: email
            publish: launch-7d
            teaser: true

        """
    }

    static func repository(throughEpic: Bool) throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("roadmap/releases/billing-v2.yaml", release)
        if throughEpic { try repo.write("roadmap/epics/invoices.yaml", epic) }
        try repo.write("roadmap/campaigns/spring-launch.yaml", campaign(promotes: throughEpic ? "invoices" : "billing-v2"))
        try repo.commitAll("init")
        // The slip: five weeks, not committed (a commit would be refused).
        try repo.write("roadmap/releases/billing-v2.yaml", release.replacingOccurrences(of: "2026-06-15", with: "2026-07-20"))
        return repo
    }

    static func newErrors(_ repo: GitFixture, _ scope: ReviewScope) throws -> [Finding] {
        try repo.workspace().review(scope, today: today).result.findings
            .filter { $0.change == .new && $0.finding.severity == .error }.map(\.finding)
    }

    @Test(arguments: [false, true]) func movesTheCampaignAndAbsoluteAssetsInPlace(throughEpic: Bool) throws {
        let repo = try Self.repository(throughEpic: throughEpic)
        #expect(try Self.newErrors(repo, .worktree).contains { $0.rule == "launch-before-release" })
        let outcome = try repo.workspace().replan(release: "billing-v2", since: nil, propose: nil, today: Self.today)
        #expect(outcome.days == 35)
        #expect(outcome.changes.map(\.field) == ["launch", "start", "end", "assets.blog-post.publish"])
        #expect(outcome.changes.map(\.owner) == ["@mara", "@mara", "@mara", "@lee"])
        #expect(outcome.notes.map(\.reason) == ["follows its launch"])
        // One-field byte edits: the file is the old one with four dates replaced.
        let expected = Self.campaign(promotes: throughEpic ? "invoices" : "billing-v2")
            .replacingOccurrences(of: "start: 2026-06-01", with: "start: 2026-07-06")
            .replacingOccurrences(of: "launch: 2026-06-20", with: "launch: 2026-07-25")
            .replacingOccurrences(of: "end: 2026-07-15", with: "end: 2026-08-19")
            .replacingOccurrences(of: "publish: 2026-06-18", with: "publish: 2026-07-23")
        #expect(try repo.read("roadmap/campaigns/spring-launch.yaml") == expected)
        #expect(try Self.newErrors(repo, .worktree).isEmpty)
        // Run again: every date already moved, nothing moves twice.
        let again = try repo.workspace().replan(release: "billing-v2", since: nil, propose: nil, today: Self.today)
        #expect(again.changes.isEmpty)
        #expect(try repo.read("roadmap/campaigns/spring-launch.yaml") == expected)
    }

    @Test(arguments: [false, true]) func proposeLeavesTheWorkingTreeAndBranchAlone(throughEpic: Bool) throws {
        let repo = try Self.repository(throughEpic: throughEpic)
        let head = try repo.rev("HEAD")
        let status = try repo.git("status", "--porcelain")
        let outcome = try repo.workspace().replan(release: "billing-v2", since: nil, propose: "follow-billing", today: Self.today)
        #expect(outcome.proposal == "follow-billing")
        #expect(outcome.changes.count == 4)
        #expect(try repo.rev("HEAD") == head)
        #expect(try repo.git("status", "--porcelain") == status)
        #expect(try repo.read("roadmap/campaigns/spring-launch.yaml").contains("launch: 2026-06-20"))
        // The proposal carries the release's move and the campaign's.
        #expect(try repo.git("show", "proposal/follow-billing:roadmap/releases/billing-v2.yaml").contains("date: 2026-07-20"))
        #expect(try repo.git("show", "proposal/follow-billing:roadmap/campaigns/spring-launch.yaml").contains("launch: 2026-07-25"))
        #expect(try Self.newErrors(repo, .range(base: "main", head: "proposal/follow-billing")).isEmpty)
        try repo.git("fsck", "--strict")
    }

    @Test func aDateMovedByHandIsLeftAndAnUnmovedReleaseMovesNothing() throws {
        let repo = try Self.repository(throughEpic: false)
        try repo.write("roadmap/campaigns/spring-launch.yaml",
                       Self.campaign(promotes: "billing-v2").replacingOccurrences(of: "launch: 2026-06-20", with: "launch: 2026-08-01"))
        let outcome = try repo.workspace().replan(release: "billing-v2", since: nil, propose: nil, today: Self.today)
        #expect(!outcome.changes.contains { $0.field == "launch" })
        #expect(outcome.notes.contains { $0.field == "launch" && $0.reason.contains("already") })
        try repo.git("checkout", "--", ".")
        let none = try repo.workspace().replan(release: "billing-v2", since: nil, propose: nil, today: Self.today)
        #expect(none.days == 0 && none.changes.isEmpty)
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func anUnknownReleaseIsAnErrorAndNothingIsWritten() throws {
        let repo = try Self.repository(throughEpic: false)
        let status = try repo.git("status", "--porcelain")
        #expect(throws: RoadmapError.self) {
            try repo.workspace().replan(release: "nope", since: nil, propose: nil, today: Self.today)
        }
        #expect(try repo.git("status", "--porcelain") == status)
    }
}
