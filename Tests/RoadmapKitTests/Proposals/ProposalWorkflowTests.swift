import Foundation
import Testing
@testable import RoadmapKit

@Suite struct ProposalWorkflowTests {
    @Test func proposeCarriesUncommittedChangesAndRecordsTitleAndReasoning() throws {
        let repo = try GitFixture.roadmap()
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "planned", with: "in-progress"))
        let outcome = try repo.workspace().propose(name: "start-billing", why: "Start billing\nQA signed off.", from: nil, switchTo: true)
        #expect(outcome.switched)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/proposal/start-billing\n")
        #expect(try repo.read("roadmap/releases/billing-v2.yaml").contains("in-progress"))
        #expect(try repo.git("log", "-1", "--format=%B") == "Start billing\n\nQA signed off.\n\nRoadmap-Proposal: start-billing\n\n")
        let (title, reasoning, _) = try repo.workspace().proposalDescription(name: "start-billing", tip: outcome.commit, base: try repo.workspace().baseTip())
        #expect(title == "Start billing")
        #expect(reasoning == "QA signed off.")
    }

    @Test func proposeRefusesWithNothingChangedWhenChangesWouldBeLost() throws {
        let repo = try GitFixture.roadmap()
        let first = try repo.rev("HEAD")
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "2026-06-15", with: "2026-07-01"))
        try repo.commitAll("move")
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "planned", with: "shipped"))
        let refs = try repo.refs()
        let status = try repo.git("status", "--porcelain")
        #expect(throws: RoadmapError.self) {
            try repo.workspace().propose(name: "old", why: nil, from: first, switchTo: true)
        }
        #expect(try repo.refs() == refs)
        #expect(try repo.git("status", "--porcelain") == status)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
    }

    @Test(arguments: ["Bad", "-x", "a/b", ""]) func invalidNamesAreRefused(name: String) throws {
        let repo = try GitFixture.roadmap()
        #expect(throws: RoadmapError.self) { try repo.workspace().propose(name: name, why: nil, from: nil, switchTo: false) }
        #expect(try repo.git("branch", "--list", "proposal/*").isEmpty)
    }

    @Test func acceptFastForwardsAndArchives() throws {
        let repo = try GitFixture.roadmap()
        _ = try repo.workspace().propose(name: "tags", why: "More tags", from: nil, switchTo: true)
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "payments]", with: "payments, q3]"))
        try repo.commitAll("tags")
        let tip = try repo.rev("HEAD")
        let outcome = try repo.workspace().accept(name: "tags", noFastForward: false, force: false, message: nil, today: proposalsToday)
        #expect(outcome.kind == .fastForward)
        #expect(try repo.rev("main") == tip)
        #expect(try repo.rev("refs/proposals/accepted/tags") == tip)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
        #expect(try repo.git("branch", "--list", "proposal/*").isEmpty)
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func acceptMergesFieldByFieldAndTheWorkingTreeFollows() throws {
        let repo = try GitFixture.roadmap()
        _ = try repo.workspace().propose(name: "rename", why: nil, from: nil, switchTo: false)
        try repo.git("switch", "-q", "proposal/rename")
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "title: Billing v2", with: "title: Billing 2.0"))
        try repo.commitAll("rename")
        try repo.git("switch", "-q", "main")
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "tier: major", with: "tier: minor"))
        try repo.commitAll("tier on main")
        let oldMain = try repo.rev("main"), tip = try repo.rev("proposal/rename")
        let outcome = try repo.workspace().accept(name: "rename", noFastForward: false, force: false, message: "ok", today: proposalsToday)
        #expect(outcome.kind == .merge)
        #expect(outcome.mergedItems == ["billing-v2"])
        #expect(try repo.git("rev-parse", "main^1", "main^2") == "\(oldMain)\n\(tip)\n")
        let merged = try repo.git("show", "main:roadmap/releases/billing-v2.yaml")
        #expect(merged == GitFixture.release.replacingOccurrences(of: "title: Billing v2", with: "title: Billing 2.0").replacingOccurrences(of: "tier: major", with: "tier: minor"))
        #expect(try repo.read("roadmap/releases/billing-v2.yaml") == merged)
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func aConflictRefusesWithNothingWritten() throws {
        let repo = try GitFixture.roadmap()
        _ = try repo.workspace().propose(name: "sep", why: nil, from: nil, switchTo: true)
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "2026-06-15", with: "2026-09-01"))
        try repo.commitAll("sep")
        try repo.git("switch", "-q", "main")
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "2026-06-15", with: "2026-05-01"))
        try repo.commitAll("may")
        let refs = try repo.refs()
        do {
            _ = try repo.workspace().accept(name: "sep", noFastForward: false, force: false, message: nil, today: proposalsToday)
            Issue.record("accept should have refused")
        } catch let error as RoadmapError {
            #expect(error.exitCode == 1)
            #expect(error.message.contains("item 'billing-v2'"))
            #expect(error.message.contains("field 'date'"))
            #expect(!error.message.contains("\n"))
        }
        #expect(try repo.refs() == refs)
        #expect(try repo.git("status", "--porcelain").isEmpty)
    }

    @Test func newErrorsRefuseUnlessForced() throws {
        let repo = try GitFixture.roadmap()
        _ = try repo.workspace().propose(name: "slip", why: nil, from: nil, switchTo: true)
        try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "2026-06-15", with: "2026-07-30"))
        try repo.commitAll("slip")
        let refs = try repo.refs()
        let refused = try repo.workspace().accept(name: "slip", noFastForward: false, force: false, message: nil, today: proposalsToday)
        #expect(refused.refused)
        #expect(refused.review?.findings.contains { $0.change == .new && $0.finding.rule == "launch-before-release" } == true)
        #expect(try repo.refs() == refs)
        let forced = try repo.workspace().accept(name: "slip", noFastForward: false, force: true, message: nil, today: proposalsToday)
        #expect(!forced.refused)
        #expect(forced.switchedToBase)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
    }

    @Test func withdrawKeepsEveryCommit() throws {
        let repo = try GitFixture.roadmap()
        _ = try repo.workspace().propose(name: "idea", why: nil, from: nil, switchTo: true)
        try repo.write("roadmap/epics/idea.yaml", "kind: epic\ntitle: Idea\n")
        try repo.commitAll("idea")
        let tip = try repo.rev("HEAD")
        let outcome = try repo.workspace().withdraw(name: "idea", why: "not now")
        #expect(outcome.archive == "refs/proposals/withdrawn/idea")
        #expect(try repo.rev("refs/proposals/withdrawn/idea^") == tip)
        #expect(try repo.git("log", "-1", "--format=%B", "refs/proposals/withdrawn/idea").contains("not now"))
        #expect(try repo.git("branch", "--list", "proposal/*").isEmpty)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
        // A second proposal of the same name never overwrites the archive.
        _ = try repo.workspace().propose(name: "idea", why: nil, from: nil, switchTo: false)
        #expect(try repo.workspace().withdraw(name: "idea", why: nil).archive == "refs/proposals/withdrawn/idea-2")
        #expect(try repo.rev("refs/proposals/withdrawn/idea^") == tip)
    }

    @Test func proposalsFlagsOverlapsAndConflicts() throws {
        let repo = try GitFixture.roadmap()
        for (name, date) in [("july", "2026-07-01"), ("sept", "2026-09-01")] {
            _ = try repo.workspace().propose(name: name, why: "Move to \(date)", from: nil, switchTo: true)
            try repo.write("roadmap/releases/billing-v2.yaml", GitFixture.release.replacingOccurrences(of: "2026-06-15", with: date))
            try repo.write("roadmap/epics/shared.yaml", "kind: epic\ntitle: \(name)\n")
            try repo.commitAll(name)
            try repo.git("switch", "-q", "main")
        }
        let report = try repo.workspace().proposalsReport(remote: nil, today: proposalsToday)
        #expect(report.proposals.map(\.proposal.name) == ["july", "sept"])
        #expect(report.proposals.map(\.title) == ["Move to 2026-07-01", "Move to 2026-09-01"])
        #expect(report.proposals.allSatisfy { $0.mergesCleanly && $0.ahead == 2 && $0.behind == 0 })
        #expect(report.proposals[0].diff.added == 1 && report.proposals[0].diff.changed == 1)
        #expect(report.overlaps.contains { $0.item == "billing-v2" && $0.field == "date" })
        #expect(report.overlaps.contains { $0.item == "shared" && $0.field == nil })
    }
}
