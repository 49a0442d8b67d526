import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RoadmapKit
import RoadmapServer
import Testing

/// The forms: the new-item form starts from the kind's template, a description keeps its
/// lines, `--read-only` offers no form, and an oversized form is refused with 413.
@Suite(.serialized) struct FormTests {
    @Test func theNewItemFormStartsFromTheRepositorysTemplate() async throws {
        let fixture = try ServerFixture()
        try FileManager.default.createDirectory(atPath: fixture.root + "/templates", withIntermediateDirectories: true)
        try "kind: story\ntitle: Untitled\nstatus: proposed\ntags: [from-template]\n\ndescription: |\n  As a buyer I want …\n"
            .write(toFile: fixture.root + "/templates/story.yaml", atomically: true, encoding: .utf8)
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "our story template"])
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let form = Browser.text(try await browser.get("/new?kind=story"))
            #expect(form.contains("<option selected>proposed</option>"), "the template's status is chosen")
            #expect(form.contains("As a buyer I want …"), "the template's description fills the textarea")
            #expect(form.contains("value=\"from-template\""))
            let created = try await browser.post("/new", [("kind", "story"), ("id", "buyer-story"), ("title", "Buyer story"),
                                                          ("status", "proposed"), ("tags", "from-template"), ("epic", "invoice-redesign"),
                                                          ("description", "As a buyer I want …"), ("proposal", "stories")])
            #expect(created.status == .seeOther)
        }
        let file = try fixture.git(["show", "proposal/stories:roadmap/stories/buyer-story.yaml"])
        #expect(file.contains("status: proposed") && file.contains("As a buyer I want") && file.contains("from-template"))
        #expect(file.contains("epic: invoice-redesign") && file.contains("title: Buyer story"))
    }

    @Test func aDescriptionKeepsItsLinesThroughTheForm() async throws {
        let fixture = try ServerFixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            var blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            _ = try await browser.post("/items/billing-v2", [("blob", blob), ("description", "Line one.\r\n\r\nLine two."), ("proposal", "lines")])
            let page = try await browser.get("/items/billing-v2?on=lines")
            #expect(Browser.text(page).contains(">Line one.\n\nLine two."), "the textarea holds the paragraphs")
            blob = try #require(Browser.blob(page))
            // The browser sends the textarea back as it was: only the version changes.
            let saved = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "2.0.9"),
                                                                    ("description", "Line one.\r\n\r\nLine two.\r\n"), ("proposal", "lines")])
            #expect(saved.status == .seeOther)
        }
        #expect(try fixture.git(["log", "-1", "--format=%s", "proposal/lines"]) == "Set billing-v2 version=2.0.9")
        #expect(try fixture.git(["show", "proposal/lines:roadmap/releases/billing-v2.yaml"]).contains("  Line one.\n\n  Line two."))
    }

    @Test func readOnlyOffersNoFormAndAnOversizedFormIs413() async throws {
        let fixture = try ServerFixture()
        try fixture.git(["branch", "proposal/look"])
        try await RoadmapServer.application(fixture.options(readOnly: true)).test(.router) { client in
            let browser = Browser(client)
            for path in ["/items/billing-v2", "/board", "/new", "/proposals/look"] {
                let page = Browser.text(try await browser.get(path))
                // Signing out is the one write read-only allows.
                let forms = page.components(separatedBy: "method=\"post\"").count - 1
                let signOut = page.components(separatedBy: "method=\"post\" action=\"/logout\"").count - 1
                #expect(forms == signOut, "\(path) offers no form that would be refused")
            }
            #expect(Browser.text(try await browser.get("/new")).contains("read-only"))
        }
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            let big = try await browser.post("/items/billing-v2", [("blob", blob), ("description", String(repeating: "a", count: 100_000)), ("proposal", "big")])
            #expect(big.status.code == 413)
            #expect(Browser.text(big).contains("larger than 64 KiB"))
        }
        #expect((try? fixture.git(["rev-parse", "--verify", "proposal/big"])) == nil)
    }
}
