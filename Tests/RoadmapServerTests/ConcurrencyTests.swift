import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import RoadmapKit
import RoadmapServer
import Testing

/// Twenty browsers saving at once, through two servers on the same repository (so the
/// compare-and-swap of the branch is really raced, not only queued): saves of different
/// items all land; of the saves of one item from the same version exactly one lands and
/// the others are told (409). Afterwards git finds the repository sound and every accepted
/// save is in the proposal's history exactly once.
@Suite struct ConcurrencyTests {
    @Test func twentyClientsSavingAtOnce() async throws {
        let fixture = try ServerFixture()
        // The proposal exists first, so every save races on the same branch.
        try fixture.git(["branch", "proposal/busy", "main"])
        let ids = ["usage-based-pricing", "invoice-redesign", "custom-dashboards", "sso-enforcement", "metered-usage-api",
                   "pricing-page", "invoice-pdf", "dashboard-sharing", "saml-login", "insights-2-1"]
        let blobs = try Dictionary(uniqueKeysWithValues: (ids + ["billing-v2"]).map { id -> (String, String) in
            let path = try fixture.git(["ls-tree", "-r", "--name-only", "main", "roadmap"]).split(separator: "\n")
                .first { $0.hasSuffix("/\(id).yaml") }.map(String.init) ?? ""
            return (id, try fixture.git(["rev-parse", "main:\(path)"]))
        })
        let first = try RoadmapServer.application(fixture.options())
        let second = try RoadmapServer.application(fixture.options())
        let outcomes = Outcomes()
        try await first.test(.router) { clientA in
            try await second.test(.router) { clientB in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<20 {
                        let client: any TestClientProtocol = n % 2 == 0 ? clientA : clientB
                        // Clients 0…9 each save another item; 10…19 all save billing-v2.
                        let id = n < 10 ? ids[n] : "billing-v2"
                        let owner = "@client\(n)"
                        group.addTask {
                            let browser = Browser(client)
                            _ = try await browser.get("/timeline")
                            let response = try await browser.post("/items/\(id)", [("blob", blobs[id] ?? ""), ("owner", owner), ("proposal", "busy")])
                            await outcomes.record(n: n, id: id, owner: owner, status: response.status.code)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        let results = await outcomes.all
        #expect(results.count == 20)
        let different = results.filter { $0.n < 10 }
        #expect(different.allSatisfy { $0.status == 303 }, "every save of a different item lands: \(different.map(\.status))")
        let same = results.filter { $0.n >= 10 }
        #expect(same.filter { $0.status == 303 }.count == 1, "one save of billing-v2 wins: \(same.map(\.status))")
        #expect(same.filter { $0.status == 409 }.count == 9, "the others are told it changed")
        try fixture.git(["fsck", "--strict"])
        let subjects = try fixture.git(["log", "--format=%s", "proposal/busy"]).split(separator: "\n").map(String.init)
        for accepted in results where accepted.status == 303 {
            let subject = "Set \(accepted.id) owner=\(accepted.owner)"
            #expect(subjects.filter { $0 == subject }.count == 1, "\(subject) is in history exactly once")
        }
        #expect(subjects.filter { $0.hasPrefix("Set ") }.count == 11, "nothing else was committed")
    }
}

actor Outcomes {
    struct Outcome: Sendable {
        var n: Int
        var id: String
        var owner: String
        var status: Int
    }
    private(set) var all: [Outcome] = []
    func record(n: Int, id: String, owner: String, status: Int) {
        all.append(Outcome(n: n, id: id, owner: owner, status: status))
    }
}
