import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RoadmapKit
import RoadmapServer
import Testing

/// The timeline and the board page their rows; a pager's links keep the page's filters, zoom
/// and branch (they once dropped them: page 2 of a filtered timeline showed everything).
@Suite(.serialized) struct PagerTests {
    /// 205 releases owned by `@pager`, committed on main, and a proposal branch holding them.
    static func fixture() throws -> ServerFixture {
        let fixture = try ServerFixture()
        for n in 0..<205 {
            let text = "kind: release\ntitle: Paged \(n)\nstatus: planned\nowner: '@pager'\ndate: 2027-0\(n % 9 + 1)-15\n"
            try text.write(toFile: fixture.root + "/roadmap/releases/paged-\(n).yaml", atomically: true, encoding: .utf8)
        }
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "205 releases"])
        try fixture.git(["branch", "proposal/pg"])
        return fixture
    }

    /// The `href` of the link with `rel`, unescaped as the browser reads it.
    static func link(_ html: String, rel: String) -> String? {
        guard let range = html.range(of: "rel=\"\(rel)\" href=\"[^\"]+\"", options: .regularExpression) else { return nil }
        return String(html[range].split(separator: "\"")[3]).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func count(_ html: String, _ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }

    @Test func theTimelinePagerKeepsTheFiltersTheZoomAndTheBranch() async throws {
        let fixture = try Self.fixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let first = Browser.text(try await browser.get("/timeline?on=pg&scale=quarter&kind=release&owner=%40pager"))
            #expect(Self.count(first, "class=\"row release") == 200)
            let next = try #require(Self.link(first, rel: "next"))
            for part in ["on=pg", "scale=quarter", "kind=release", "owner=@pager", "page=2"] {
                #expect(next.contains(part), "\(next) keeps \(part)")
            }
            let second = Browser.text(try await browser.get("/timeline" + next))
            #expect(Self.count(second, "class=\"row release") == 5, "page 2 holds the 5 filtered rows left")
            #expect(!second.contains("Billing v2<"), "the owner filter still applies on page 2")
            #expect(second.contains("proposal <strong>pg</strong>"), "page 2 still shows the proposal")
            #expect(second.contains("value=\"quarter\" checked"), "page 2 keeps the zoom")
            let previous = try #require(Self.link(second, rel: "prev"))
            #expect(previous.contains("owner=@pager") && previous.contains("page=1"))
            #expect(Self.link(second, rel: "next") == nil)
        }
    }

    @Test func theBoardPagerGoesForwardAndKeepsTheKind() async throws {
        let fixture = try Self.fixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let second = Browser.text(try await browser.get("/board?kind=release&page=2"))
            let next = try #require(Self.link(second, rel: "next"))
            #expect(next.contains("kind=release") && next.contains("page=3"))
            #expect(try #require(Self.link(second, rel: "prev")).contains("page=1"))
            // A page number no offset can hold is clamped, not a crash.
            #expect(try await browser.get("/board?page=9223372036854775807").status == .ok)
            #expect(try await browser.get("/timeline?page=9223372036854775807").status == .ok)
        }
    }
}
