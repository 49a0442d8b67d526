import Foundation
import Testing

/// `roadmap impact` (SPEC §14) through the binary, on real repositories made with the git CLI:
/// chains, diamonds, campaigns of moved releases, --propose, and the current branch untouched.
@Suite("CLI: impact")
struct ImpactCLITests {
    /// The state a command must leave alone: HEAD, every ref, the index and the working tree.
    func state(_ s: Scratch, _ folder: String) throws -> String {
        try s.git("rev-parse", "HEAD", in: folder).stdout + s.git("for-each-ref", in: folder).stdout
            + s.git("status", "--porcelain", "--untracked-files=all", in: folder).stdout
            + s.git("ls-files", "-s", in: folder).stdout
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func moves(_ document: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for move in document["moves"] as? [[String: Any]] ?? [] { if let id = move["id"] as? String { out[id] = move } }
        return out
    }

    /// A bare roadmap: `roadmap init` and the given items, committed.
    func repository(_ s: Scratch, _ items: [String: String]) throws -> String {
        #expect(try s.roadmap("init", "--no-hooks", "repo").status == 0)
        for (path, text) in items { try s.write("repo/roadmap/\(path)", text) }
        try s.git("add", "-A", in: "repo")
        try s.git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "items", in: "repo")
        return "repo"
    }

    @Test func theExampleNamesTheReleaseAndBothCampaignsWithOwners() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("review", "--rev", "HEAD", "--strict", in: demo).status == 0)
        let before = try state(s, demo)
        let result = try s.roadmap("impact", "usage-based-pricing", "--by", "+30d", in: demo)
        #expect(result.status == 0, "\(result.stderr)")
        for expected in ["billing-v2", "billing-v2-launch", "billing-v2-teaser", "@priya", "@maria",
                         "date 2027-04-15 → 2027-04-30", "launch 2027-04-22 → 2027-05-07",
                         "billing-v2: usage-based-pricing → billing-v2"] {
            #expect(result.stdout.contains(expected), "\(expected) in\n\(result.stdout)")
        }
        #expect(try state(s, demo) == before, "impact writes nothing")

        let document = try json(try s.roadmap("impact", "usage-based-pricing", "--by", "+30d", "--format", "json", in: demo).stdout)
        #expect(document["schemaVersion"] as? Int == 1)
        let moved = moves(document)
        #expect(Set(moved.keys) == ["usage-based-pricing", "billing-v2", "billing-v2-launch", "billing-v2-teaser"])
        #expect(moved["billing-v2"]?["days"] as? Int == 15 && moved["billing-v2"]?["owner"] as? String == "@priya")
        #expect(moved["billing-v2-teaser"]?["owner"] as? String == "@maria")

        // The launch campaign's assets move with it: relative ones follow the launch, the dated
        // e-mail moves by the campaign's days; each with old → new and its owner.
        for expected in ["billing-v2-launch/announcement-post", "publish 2027-04-22 → 2027-05-07", "@li", "follows its launch",
                         "billing-v2-launch/launch-email", "publish 2027-05-27 → 2027-06-11", "its campaign moves",
                         "billing-v2-launch/pricing-webinar", "publish 2027-04-29 → 2027-05-14", "@kofi"] {
            #expect(result.stdout.contains(expected), "\(expected) in\n\(result.stdout)")
        }
        let assets = Dictionary(((document["assets"] as? [[String: Any]]) ?? []).compactMap { a in (a["asset"] as? String).map { ($0, a) } },
                                uniquingKeysWith: { first, _ in first })
        #expect(Set(assets.keys) == ["announcement-post", "launch-email", "pricing-webinar"])
        let email = assets["launch-email"]
        #expect(email?["old"] as? String == "2027-05-27" && email?["new"] as? String == "2027-06-11" && email?["days"] as? Int == 15)
        #expect(email?["owner"] as? String == "@maria" && email?["field"] as? String == "assets.launch-email.publish")
        #expect((email?["reason"] as? [String: Any])?["type"] as? String == "campaign-moves")
        #expect(assets["announcement-post"]?["field"] is NSNull && assets["announcement-post"]?["owner"] as? String == "@li")
        #expect((assets["pricing-webinar"]?["reason"] as? [String: Any])?["type"] as? String == "follows-launch")
    }

    @Test func proposeWritesACleanProposalAndLeavesTheBranchAlone() throws {
        let s = try Scratch()
        let demo = try s.example()
        let before = try state(s, demo)
        let head = try s.git("rev-parse", "HEAD", in: demo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try s.roadmap("impact", "usage-based-pricing", "--by", "+30d", "--propose", "ubp-slip", in: demo)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("proposal ubp-slip written on proposal/ubp-slip"))
        // Only the new branch was added: HEAD, the index and the working tree are as they were.
        let after = try state(s, demo)
        #expect(after.replacingOccurrences(of: try s.git("for-each-ref", "refs/heads/proposal", in: demo).stdout, with: "") == before)
        #expect(try s.git("rev-parse", "HEAD", in: demo).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == head)
        // The proposal: one commit of one-field edits on top of its first commit, from HEAD.
        #expect(try s.git("merge-base", "--is-ancestor", head, "proposal/ubp-slip", in: demo).status == 0)
        let numstat = try s.git("diff", "--numstat", head, "proposal/ubp-slip", in: demo).stdout
        #expect(numstat.contains("1\t1\troadmap/releases/billing-v2.yaml"), "\(numstat)")
        // launch, start, end and the dated e-mail's publish day (the relative assets follow the launch).
        #expect(numstat.contains("4\t4\troadmap/campaigns/billing-v2-launch.yaml"), "\(numstat)")
        #expect(try s.git("show", "proposal/ubp-slip:roadmap/campaigns/billing-v2-launch.yaml", in: demo).stdout.contains("publish: 2027-06-11"))
        #expect(numstat.contains("2\t2\troadmap/epics/usage-based-pricing.yaml"), "\(numstat)")
        #expect(try s.git("show", "proposal/ubp-slip:roadmap/releases/billing-v2.yaml", in: demo).stdout.contains("date: 2027-04-30"))
        #expect(try s.git("fsck", "--strict", in: demo).status == 0)
        // Its review adds no new error.
        let review = try s.roadmap("review", "--base", head, "--head", "proposal/ubp-slip", "--format", "json", in: demo)
        #expect(review.status == 0, "\(review.stdout)")
        let summary = try json(review.stdout)["summary"] as? [String: Any]
        #expect(summary?["newErrors"] as? Int == 0)
        // A second proposal of the same name is refused, writing nothing.
        let again = try s.roadmap("impact", "usage-based-pricing", "--by", "+30d", "--propose", "ubp-slip", in: demo)
        #expect(again.status == 2 && again.stderr.hasPrefix("roadmap: error: "))
    }

    @Test func aChainMovesEachLinkByWhatItsSlackDoesNotAbsorb() throws {
        let s = try Scratch()
        let repo = try repository(s, [
            "epics/a.yaml": "kind: epic\ntitle: A\nowner: '@a'\nstart: 2026-01-01\nend: 2026-01-31\n",
            "epics/b.yaml": "kind: epic\ntitle: B\nowner: '@b'\nstart: 2026-02-05\nend: 2026-02-28\ndepends-on: [a]\n",
            "stories/c.yaml": "kind: story\ntitle: C\nowner: '@c'\nstart: 2026-03-01\nend: 2026-03-10\ndepends-on: [{id: b, lag: 1}]\n",
            "releases/r.yaml": "kind: release\ntitle: R\nowner: '@r'\ndate: 2026-03-20\ndepends-on: [c]\n",
            "epics/free.yaml": "kind: epic\ntitle: Free\nstart: 2026-06-01\nend: 2026-06-30\ndepends-on: [a]\n",
        ])
        let document = try json(try s.roadmap("impact", "a", "--by", "+20d", "--format", "json", in: repo).stdout)
        let moved = moves(document)
        // b had 5 days of slack: moves 15; c had none (it starts the day b ends + lag 1): moves 15; r had 10: moves 5.
        #expect(moved["a"]?["days"] as? Int == 20)
        #expect(moved["b"]?["days"] as? Int == 15)
        #expect(moved["c"]?["days"] as? Int == 15)
        #expect(moved["r"]?["days"] as? Int == 5)
        #expect(moved["free"] == nil, "plenty of slack")
        let paths = document["criticalPaths"] as? [[String: Any]]
        #expect(paths?.first?["chain"] as? [String] == ["a", "b", "c", "r"])
        let fields = (moved["r"]?["fields"] as? [[String: Any]])?.first
        #expect(fields?["old"] as? String == "2026-03-20" && fields?["new"] as? String == "2026-03-25")
    }

    @Test func aDiamondMovesByTheLargestPushAndTheProposalReviewsClean() throws {
        let s = try Scratch()
        let repo = try repository(s, [
            "epics/top.yaml": "kind: epic\ntitle: Top\nstart: 2026-01-01\nend: 2026-01-31\n",
            "epics/left.yaml": "kind: epic\ntitle: Left\nstart: 2026-02-01\nend: 2026-02-10\ndepends-on: [top]\n",
            "epics/right.yaml": "kind: epic\ntitle: Right\nstart: 2026-02-11\nend: 2026-02-20\ndepends-on: [top]\n",
            "releases/bottom.yaml": "kind: release\ntitle: Bottom\nowner: '@pm'\ndate: 2026-03-01\ndepends-on: [left, {id: right, lag: 5}]\n",
            "campaigns/launch.yaml": "kind: campaign\ntitle: Launch\nowner: '@mk'\npromotes: [bottom]\nlaunch: 2026-03-02\nstart: 2026-02-25\nend: 2026-03-31\n",
        ])
        let before = try state(s, repo)
        let document = try json(try s.roadmap("impact", "top", "--to", "2026-02-14", "--format", "json", "--propose", "diamond", in: repo).stdout)
        let moved = moves(document)
        #expect(moved["top"]?["days"] as? Int == 14)
        // top ends 02-14: left (1 day of slack) moves 13, right (11 days) moves 3; both then end 02-23, and the
        // release (03-01) still has room after left and after right + 5 days of lag.
        #expect(moved["left"]?["days"] as? Int == 13 && moved["right"]?["days"] as? Int == 3)
        #expect(moved["bottom"] == nil)
        #expect(moved["launch"] == nil)
        let proposal = document["proposal"] as? [String: Any]
        #expect(proposal?["branch"] as? String == "proposal/diamond")
        #expect(try state(s, repo).replacingOccurrences(of: try s.git("for-each-ref", "refs/heads/proposal", in: repo).stdout, with: "") == before)

        // A bigger slip reaches the release through both sides; the right side (with its lag) decides.
        let far = try json(try s.roadmap("impact", "top", "--by", "+30d", "--format", "json", in: repo).stdout)
        let farMoves = moves(far)
        // top ends 03-02: left moves 29 (ends 03-11), right 19 (ends 03-11, + 5 lag = 03-16): the release moves 15, not 10.
        #expect(farMoves["bottom"]?["days"] as? Int == 15)
        #expect(farMoves["launch"]?["days"] as? Int == farMoves["bottom"]?["days"] as? Int)
        #expect((far["criticalPaths"] as? [[String: Any]])?.first?["chain"] as? [String] == ["top", "right", "bottom"])
    }

    @Test func assetsMoveAlongAChainAndTheProposalReviewsClean() throws {
        let s = try Scratch()
        let repo = try repository(s, [
            "epics/core.yaml": "kind: epic\ntitle: Core\nowner: '@dev'\nstart: 2027-01-01\nend: 2027-01-31\n",
            "releases/r.yaml": "kind: release\ntitle: R\nowner: '@pm'\ndate: 2027-02-10\ndepends-on: [core]\nmarketing: optional\n",
            // Promotes r: moves with it, and so do its assets.
            "campaigns/launch.yaml": """
                kind: campaign
                title: Launch
                owner: '@mk'
                promotes: [r]
                launch: 2027-02-15
                start: 2027-02-01
                end: 2027-03-31
                assets:
                  - {id: teaser, title: Teaser, type: social, channel: social, publish: launch-10d, teaser: true}
                  - {id: post, title: Post, type: blog, channel: blog, publish: 2027-02-16, owner: '@writer', announces: [r]}
                  - {id: done-post, title: Old post, type: blog, channel: blog, publish: 2027-01-20, status: published, teaser: true}
                  - {id: coarse, title: Coarse, type: blog, channel: blog, publish: 2027-03, teaser: true}

                """,
            // Promotes another release but announces r in a dated e-mail: only that asset moves.
            "releases/other.yaml": "kind: release\ntitle: Other\ndate: 2027-01-20\nmarketing: optional\n",
            "campaigns/newsletter.yaml": """
                kind: campaign
                title: Newsletter
                owner: '@news'
                promotes: [other]
                launch: 2027-01-25
                start: 2027-01-25
                end: 2027-04-30
                assets:
                  - {id: mention, title: Mention, type: email, channel: email, publish: 2027-02-20, announces: [r]}
                  - {id: unrelated, title: Unrelated, type: email, channel: email, publish: 2027-02-01}

                """,
        ])
        #expect(try s.roadmap("review", "--rev", "HEAD", in: repo).status == 0)
        let head = try s.git("rev-parse", "HEAD", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try s.roadmap("impact", "core", "--by", "+20d", "--format", "json", "--propose", "core-slip", in: repo)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result.stdout)
        // core ends 02-20: r (10 days of slack) moves 10 to 02-20; launch follows by 10.
        #expect(moves(document)["r"]?["days"] as? Int == 10 && moves(document)["launch"]?["days"] as? Int == 10)
        var assets: [String: [String: Any]] = [:]
        for a in document["assets"] as? [[String: Any]] ?? [] { assets["\(a["campaign"] ?? "")/\(a["asset"] ?? "")"] = a }
        #expect(Set(assets.keys) == ["launch/teaser", "launch/post", "launch/coarse", "newsletter/mention"], "\(assets.keys)")
        #expect(assets["launch/teaser"]?["old"] as? String == "2027-02-05" && assets["launch/teaser"]?["new"] as? String == "2027-02-15")
        #expect(assets["launch/post"]?["new"] as? String == "2027-02-26" && assets["launch/post"]?["owner"] as? String == "@writer")
        #expect(assets["launch/coarse"]?["new"] as? String == "2027-04", "a coarse date keeps its precision")
        #expect(assets["newsletter/mention"]?["new"] as? String == "2027-03-02" && assets["newsletter/mention"]?["owner"] as? String == "@news")
        #expect((assets["newsletter/mention"]?["reason"] as? [String: Any])?["id"] as? String == "r")
        // The proposal edits the dated ones, leaves the relative, published and unrelated ones, and reviews clean.
        let launch = try s.git("show", "proposal/core-slip:roadmap/campaigns/launch.yaml", in: repo).stdout
        #expect(launch.contains("publish: 2027-02-26") && launch.contains("publish: launch-10d") && launch.contains("publish: 2027-01-20")
                && launch.contains("publish: 2027-04"))
        let newsletter = try s.git("show", "proposal/core-slip:roadmap/campaigns/newsletter.yaml", in: repo).stdout
        #expect(newsletter.contains("publish: 2027-03-02") && newsletter.contains("publish: 2027-02-01") && newsletter.contains("launch: 2027-01-25"))
        let review = try s.roadmap("review", "--base", head, "--head", "proposal/core-slip", "--format", "json", in: repo)
        #expect((try json(review.stdout)["summary"] as? [String: Any])?["newErrors"] as? Int == 0, "\(review.stdout)")
    }

    @Test func badRequestsAreErrorsThatWriteNothing() throws {
        let s = try Scratch()
        let demo = try s.example()
        let before = try state(s, demo)
        for arguments in [["impact", "usage-based-pricing"], ["impact", "usage-based-pricing", "--by", "soon"],
                          ["impact", "no-such-item", "--by", "+3d"], ["impact", "self-serve-billing", "--by", "+3d"],
                          ["impact", "usage-based-pricing", "--by", "+3d", "--to", "2027-01-01"]] {
            let result = try s.roadmap(arguments, in: demo)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("roadmap: error: "), "\(arguments)")
        }
        #expect(try state(s, demo) == before)
    }
}
