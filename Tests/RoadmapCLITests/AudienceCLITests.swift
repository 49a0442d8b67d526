import Foundation
import Testing

@Suite struct AudienceCLITests {
    @Test func theHookRefusesACommitThatLeaksAnInternalIdIntoAPublicTitle() throws {
        let s = try Scratch()
        let demo = try s.example(hooks: true)
        #expect(try s.roadmap("set", "billing-v2", "public-title=Billing v2, with usage-based-pricing", in: demo).status == 0)
        let refused = try s.git("commit", "-am", "public title", in: demo, environment: ["ROADMAP_TODAY": "2026-11-15"])
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("visibility-leak"))
        #expect(try s.git("log", "-1", "--format=%s", in: demo).stdout == "Plan the marketing in depth: a goal shared with product, the 2027 program, budgets and content\n")
        // Reworded, it goes through.
        #expect(try s.roadmap("set", "billing-v2", "public-title=Billing v2, priced by usage", in: demo).status == 0)
        let ok = try s.git("commit", "-am", "public title", in: demo, environment: ["ROADMAP_TODAY": "2026-11-15"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func aHiddenItemIsAnsweredAsAMissingOne() throws {
        let s = try Scratch()
        let demo = try s.example()
        let hidden = try s.roadmap("show", "usage-based-pricing", "--audience", "public", in: demo)
        let missing = try s.roadmap("show", "no-such-item", "--audience", "public", in: demo)
        #expect(hidden.status == 2 && missing.status == 2)
        #expect(hidden.stderr.replacingOccurrences(of: "usage-based-pricing", with: "X") == missing.stderr.replacingOccurrences(of: "no-such-item", with: "X"))
        let byPath = try s.roadmap("show", "roadmap/epics/usage-based-pricing.yaml", "--audience", "stakeholders", in: demo)
        let noPath = try s.roadmap("show", "roadmap/epics/nothing.yaml", "--audience", "stakeholders", in: demo)
        #expect(byPath.stderr.replacingOccurrences(of: "usage-based-pricing", with: "X") == noPath.stderr.replacingOccurrences(of: "nothing", with: "X"))
        let bad = try s.roadmap("list", "--audience", "customers", in: demo)
        #expect(bad.status == 2 && bad.stderr.contains("public") && bad.stderr.contains("stakeholders"))
    }

    @Test func teamIsTodaysOutputAndPublishIsReproducible() throws {
        let s = try Scratch()
        let demo = try s.example()
        for command in [["list"], ["board"], ["timeline", "--today", "2026-11-15"], ["export", "--format", "json"], ["slips"]] {
            let plain = try s.roadmap(command, in: demo)
            let team = try s.roadmap(command + ["--audience", "team"], in: demo)
            #expect(plain.status == 0 && plain.stdout == team.stdout, "\(command)")
        }
        #expect(try s.roadmap("publish", "--audience", "public", "-o", "site1", in: demo).status == 0)
        #expect(try s.roadmap("publish", "--audience", "public", "-o", "site2", in: demo).status == 0)
        let diff = try s.git("diff", "--no-index", "--stat", "site1", "site2", in: demo)
        #expect(diff.status == 0 && diff.stdout.isEmpty)
        let index = try s.read(demo + "/site1/index.html")
        #expect(index.contains("Billing v2: pay for what you use") && !index.contains("<script"))
        #expect(!index.contains("Usage-based pricing") && !index.contains("@priya"))
        #expect(FileManager.default.fileExists(atPath: s.dir(demo + "/site1/items/billing-v2.html")))
        #expect(!FileManager.default.fileExists(atPath: s.dir(demo + "/site1/items/usage-based-pricing.html")))
    }
}
