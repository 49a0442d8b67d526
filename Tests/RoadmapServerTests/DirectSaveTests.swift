import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RoadmapKit
import RoadmapServer
import Testing

/// `web: {direct: true}`: saves straight to the base, only when the review adds no new error
/// (as `roadmap commit`); in a clone that has the base checked out, the file follows in the
/// working tree so that `git status` stays clean, and local edits of it refuse the save.
@Suite(.serialized) struct DirectSaveTests {
    static func fixture() throws -> ServerFixture {
        let fixture = try ServerFixture()
        let config = fixture.root + "/roadmap.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "web: {direct: true}\n").write(toFile: config, atomically: true, encoding: .utf8)
        try fixture.git(["commit", "-q", "-am", "web: direct saves"])
        return fixture
    }

    @Test func aDirectSaveLandsOnTheBaseOnlyWithoutNewErrors() async throws {
        let fixture = try Self.fixture()
        let before = try fixture.git(["rev-parse", "main"])
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let page = try await browser.get("/items/billing-v2")
            #expect(Browser.text(page).contains("main directly"))
            let blob = try #require(Browser.blob(page))
            let refused = try await browser.post("/items/billing-v2", [("blob", blob), ("date", "2027-05-01"), ("proposal", ":base")])
            #expect(refused.status == .unprocessableContent)
            #expect(Browser.text(refused).contains("new error"))
            #expect(try fixture.git(["rev-parse", "main"]) == before, "refused: main did not move")
            let saved = try await browser.post("/items/billing-v2", [("blob", blob), ("version", "2.0.5"), ("proposal", ":base")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/items/billing-v2?saved=1")
        }
        #expect(try fixture.git(["log", "-1", "--format=%an|%s", "main"]) == "Web Tester|Set billing-v2 version=2.0.5")
        #expect(try fixture.git(["rev-parse", "main~1"]) == before)
        #expect(try fixture.git(["status", "--porcelain"]).isEmpty, "the clone's working tree and index follow the base")
        #expect(try String(contentsOfFile: fixture.root + "/roadmap/releases/billing-v2.yaml", encoding: .utf8).contains("version: 2.0.5"))
    }

    @Test func localEditsOfTheFileRefuseADirectSave() async throws {
        let fixture = try Self.fixture()
        let path = fixture.root + "/roadmap/releases/billing-v2.yaml"
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "version: 2.0.0", with: "version: 2.0.0-local")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let before = try fixture.git(["rev-parse", "main"])
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let blob = try #require(Browser.blob(try await browser.get("/items/billing-v2")))
            let refused = try await browser.post("/items/billing-v2", [("blob", blob), ("tier", "minor"), ("proposal", ":base")])
            #expect(refused.status == .unprocessableContent)
            #expect(Browser.text(refused).contains("uncommitted changes"))
        }
        #expect(try fixture.git(["rev-parse", "main"]) == before)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == edited, "the local edit is kept")
    }
}
