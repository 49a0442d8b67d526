import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RoadmapKit
import RoadmapServer
import Testing

/// `roadmap serve`'s routes, driven like a browser through HummingbirdTesting on a real
/// example repository; what the saves commit is checked with the git CLI.
@Suite(.serialized) struct ServerTests {
    @Test func pagesRenderTheExampleWithSecurityHeaders() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            for (path, expected) in [("/timeline", "Billing v2 launch"), ("/board", "Metered usage API"),
                                     ("/items/billing-v2", "Campaigns promoting it"), ("/review", "By owner"),
                                     ("/proposals", "Proposals"), ("/slips", "billing-v2"), ("/new?kind=release", "Create release")] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(Browser.text(response).contains(expected), "\(path) shows \(expected)")
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil)
            }
            let timeline = Browser.text(try await browser.get("/timeline?scale=quarter&kind=campaign"))
            #expect(timeline.contains("Q2 2027"))
            #expect(!timeline.contains(">Invoice redesign<"), "the kind filter drops epics")
        }
    }

    /// SPEC §14: the served timeline draws the example's dependencies as the export does, an
    /// SVG arrow (no inline style or script: the page's CSP forbids both) and a text mark.
    @Test func timelineDrawsDependencyArrows() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let page = Browser.text(try await Browser(client).get("/timeline"))
            let arrow = try #require(page.range(of: "<g class=\"dep") .map { String(page[$0.lowerBound...].prefix(400)) },
                                     "the timeline draws an arrow")
            #expect(page.contains("data-after=\"usage-based-pricing\""), "billing-v2 waits for usage-based-pricing")
            #expect(arrow.contains("<line x1=") && arrow.contains("<path d=\"M0,0"), "\(arrow)")
            #expect(page.contains("· after usage-based-pricing"), "the row says what it waits for")
            #expect(!page.contains("style=\""), "no inline style")
            // Filtered to releases only, billing-v2 still waits for the epic: the arrow stays.
            let releases = Browser.text(try await Browser(client).get("/timeline?kind=release"))
            #expect(releases.contains("data-after=\"usage-based-pricing\""))
        }
    }

    @Test func apiReturnsTheCommandsJSON() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            for path in ["/api/items", "/api/review", "/api/history/billing-v2", "/api/proposals", "/api/slips"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let object = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(object?["schemaVersion"] as? Int == 1, "\(path) has schemaVersion 1")
            }
            let history = try await client.execute(uri: "/api/history/billing-v2", method: .get)
            #expect(String(buffer: history.body).contains("2027-04-15"))
        }
    }

    @Test func aCampaignsAssetsAreOneRecordALineOnItsPage() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let page = Browser.text(try await Browser(client).get("/items/billing-v2-launch"))
            let assets = try #require(page.range(of: "<dt>assets</dt><dd>"), "the page lists the campaign's assets")
            let field = page[assets.upperBound...]
            let dd = String(field[..<(field.range(of: "</dd>")?.lowerBound ?? field.endIndex)])
            let lines = dd.components(separatedBy: "<span class=\"line\">").dropFirst()
            #expect(lines.count == 3, "three assets, one a line: \(dd)")
            #expect(lines.allSatisfy { $0.hasPrefix("id: ") }, "each line is one asset's record")
            #expect(page.contains("<dt>channels</dt><dd><span class=\"line\">email, blog, webinar</span></dd>"), "a plain list stays one line")
        }
    }

    @Test func savingAFieldCommitsOnAProposalWithoutTouchingTheWorkingTree() async throws {
        let fixture = try ServerFixture()
        let before = try fixture.git(["rev-parse", "main"])
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let page = try await browser.get("/items/billing-v2")
            let blob = try #require(Browser.blob(page))
            let saved = try await browser.post("/items/billing-v2", [("blob", blob), ("date", "2027-05-01"), ("proposal", "slip-billing")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/items/billing-v2?on=slip-billing&saved=1")
            let campaign = Browser.text(try await browser.get("/items/billing-v2-launch?on=slip-billing"))
            #expect(campaign.contains("launch-before-release"), "the campaign now launches before its release")
        }
        #expect(try fixture.git(["rev-parse", "main"]) == before, "main did not move")
        #expect(try fixture.git(["show", "proposal/slip-billing:roadmap/releases/billing-v2.yaml"]).contains("date: 2027-05-01"))
        #expect(try fixture.git(["log", "-1", "--format=%an", "proposal/slip-billing"]) == "Web Tester")
        #expect(try fixture.git(["status", "--porcelain"]).isEmpty, "the working tree and index are untouched")
        #expect(try String(contentsOfFile: fixture.root + "/roadmap/releases/billing-v2.yaml", encoding: .utf8).contains("2027-04-15"))
        try fixture.git(["fsck", "--strict"])
    }

    @Test func aStaleFormIsRefusedWithTheCurrentValues() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            let first = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "2.0.1"), ("proposal", "p1")])
            #expect(first.status == .seeOther)
            let blobOnP1 = try #require(Browser.blob(try await browser.get("/items/billing-v2?on=p1")))
            _ = try await browser.post("/items/billing-v2", [("blob", blobOnP1), ("version", "2.0.2"), ("proposal", "p1")])
            // A second tab still holds the version read before the last save.
            let stale = try await browser.post("/items/billing-v2", [("blob", blobOnP1), ("version", "9.9.9"), ("proposal", "p1")])
            #expect(stale.status == .conflict)
            let text = Browser.text(stale)
            #expect(text.contains("changed by someone else") && text.contains("2.0.2"))
        }
        #expect(try fixture.git(["show", "proposal/p1:roadmap/releases/billing-v2.yaml"]).contains("version: 2.0.2"))
    }

    @Test func invalidValuesAreShownInlineAndNothingIsWritten() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            let response = try await browser.post("/items/billing-v2", [("blob", blob), ("date", "2027-02-30"), ("proposal", "bad")])
            #expect(response.status == .unprocessableContent)
            #expect(Browser.text(response).contains("invalid-value"))
        }
        #expect((try? fixture.git(["rev-parse", "--verify", "proposal/bad"])) == nil, "no proposal was started")
    }

    @Test func postsNeedTheCSRFTokenAndReadOnlyRefusesThem() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            let forged = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "6.6.6"), ("proposal", "x")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(Browser.text(forged).contains("CSRF"))
        }
        try await RoadmapServer.application(fixture.options(readOnly: true)).test(.router) { client in
            let browser = Browser(client)
            // Read-only pages carry no form: the POST is crafted, with the version the branch holds.
            #expect(Browser.blob(try await browser.get("/items/billing-v2")) == nil)
            let blob = try fixture.git(["rev-parse", "main:roadmap/releases/billing-v2.yaml"])
            let refused = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "6.6.6"), ("proposal", "x")])
            #expect(refused.status == .forbidden)
            #expect(Browser.text(refused).contains("read-only"))
        }
        #expect((try? fixture.git(["rev-parse", "--verify", "proposal/x"])) == nil)
    }

    @Test func hostileTitlesAreEscapedAndBadRequestsGet4xx() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/pricing-page")))
            _ = try await browser.post("/items/pricing-page", [("blob", blob), ("title", "<script>alert(1)</script>"), ("proposal", "evil")])
            let page = Browser.text(try await browser.get("/items/pricing-page?on=evil"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(try await browser.get("/items/no-such-item").status == .notFound)
            #expect(try await browser.get("/items/..%2F..%2Fetc%2Fpasswd").status == .badRequest)
            #expect(try await browser.get("/static/..%2Froadmap.yaml").status == .notFound)
            #expect(try await browser.get("/static/app.js").status == .ok)
            let huge = try await client.execute(uri: "/timeline", method: .get, headers: [HTTPField.Name("X-Big")!: String(repeating: "a", count: 20_000)])
            #expect(huge.status.code == 431)
            let put = try await client.execute(uri: "/timeline", method: .put)
            #expect(put.status == .methodNotAllowed)
        }
    }

    @Test func usersSignInAndSavesAreTheirs() async throws {
        let fixture = try ServerFixture()
        let users = fixture.root + "/../users-\(UUID().uuidString)"
        try UsersFile.addUser(path: users, name: "maria", audience: "team", password: "s3cret")
        defer { unlink(users) }
        try await RoadmapServer.application(fixture.options(users: users)).test(.router) { client in
            let browser = Browser(client)
            let redirected = try await browser.get("/timeline")
            #expect(redirected.status == .seeOther && redirected.headers[.location] == "/login")
            #expect(try await client.execute(uri: "/api/items", method: .get).status == .unauthorized)
            _ = try await browser.get("/login")
            let wrong = try await browser.post("/login", [("name", "maria"), ("password", "nope")])
            #expect(wrong.status == .unauthorized)
            let signedIn = try await browser.post("/login", [("name", "maria"), ("password", "s3cret")])
            #expect(signedIn.status == .seeOther)
            let item = try await browser.get("/items/billing-v2")
            #expect(item.status == .ok)
            let blob = try #require(Browser.blob(item))
            _ = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "2.1.0"), ("proposal", "marias")])
            #expect(try fixture.git(["log", "-1", "--format=%an", "proposal/marias"]) == "maria")
            // Accept and withdraw are saves too: their commits are hers, not the server's.
            #expect(try await browser.get("/proposals/marias").status == .ok)
            let accepted = try await browser.post("/proposals/marias/accept", [])
            #expect(accepted.status == .seeOther && accepted.headers[.location] == "/proposals?accepted=marias")
            let other = try #require(Browser.blob(try await browser.get("/items/pricing-page")))
            _ = try await browser.post("/items/pricing-page", [("blob", other), ("owner", "@maria"), ("proposal", "later")])
            #expect(try await browser.get("/proposals/later").status == .ok)
            let withdrawn = try await browser.post("/proposals/later/withdraw", [("why", "not now")])
            #expect(withdrawn.status == .seeOther)
        }
        // The accept wrote a merge commit (base and proposal as parents) whose author is the
        // signed-in person; the committer stays the server's configured identity.
        #expect(try fixture.git(["log", "-1", "--format=%an|%ae|%cn|%p", "main"]).split(separator: "|").prefix(3)
                == ["maria", "maria@roadmap-serve", "Web Tester"])
        #expect(try fixture.git(["log", "-1", "--format=%p", "main"]).split(separator: " ").count == 2)
        #expect(try fixture.git(["log", "-1", "--format=%an", "refs/proposals/accepted/marias"]) == "maria")
        #expect(try fixture.git(["log", "-1", "--format=%an", "refs/proposals/withdrawn/later"]) == "maria")
    }

    @Test func aPublicAudienceSeesOnlyItsRoadmapOnEveryURL() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options(audience: "public")).test(.router) { client in
            let browser = Browser(client)
            let items = Browser.text(try await browser.get("/api/items"))
            #expect(items.contains("billing-v2") && !items.contains("billing-v2-launch"), "campaigns are for key and team")
            #expect(!Browser.text(try await browser.get("/timeline")).contains("Billing v2 launch"))
            #expect(try await browser.get("/items/billing-v2-launch").status == .notFound, "a hidden item is answered as an absent one")
            for path in ["/proposals", "/review", "/api/review", "/api/proposals", "/api/history/billing-v2", "/api/slips", "/slips", "/new"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            _ = try await browser.get("/items/billing-v2")
            let write = try await browser.post("/items/billing-v2", [("blob", String(repeating: "0", count: 40)), ("version", "6.6.6"), ("proposal", "x")])
            #expect(write.status == .notFound)
        }
    }
}
