import Foundation
import Testing
@testable import GitKit

@Suite struct IdentityTests {
    private let config = ["user.name": "Config User", "user.email": "config@example.com"]
    private let now = Date(timeIntervalSince1970: 1_760_000_000.75)
    private let utc = TimeZone(secondsFromGMT: 0)!

    @Test func configIdentityWhenNoEnvironment() throws {
        let signature = try Signature.resolve(role: .author, environment: [:], config: config, now: now, timeZone: utc)
        #expect(signature == Signature(name: "Config User", email: "config@example.com",
                                       date: Date(timeIntervalSince1970: 1_760_000_000), timeZoneOffsetMinutes: 0))
    }

    @Test func authorAndCommitterVariablesOverrideSeparately() throws {
        let environment = [
            "GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "author@env", "GIT_AUTHOR_DATE": "@1700000000 +0130",
            "GIT_COMMITTER_NAME": "Env Committer", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00-05:00",
        ]
        let author = try Signature.resolve(role: .author, environment: environment, config: config, now: now, timeZone: utc)
        #expect(author == Signature(name: "Env Author", email: "author@env", date: Date(timeIntervalSince1970: 1_700_000_000), timeZoneOffsetMinutes: 90))
        let committer = try Signature.resolve(role: .committer, environment: environment, config: config, now: now, timeZone: utc)
        #expect(committer.name == "Env Committer")
        #expect(committer.email == "config@example.com")
        #expect(committer.timeZoneOffsetMinutes == -300)
        #expect(committer.date == Date(timeIntervalSince1970: 1_772_377_200))
    }

    @Test(arguments: [
        ("1700000000 +0000", 1_700_000_000.0, 0),
        ("@1700000000", 1_700_000_000.0, 0),
        ("2023-11-14 22:13:20 +0000", 1_700_000_000.0, 0),
        ("2023-11-14T23:13:20+01:00", 1_700_000_000.0, 60),
        ("2023-11-14T22:13:20Z", 1_700_000_000.0, 0),
        ("Tue, 14 Nov 2023 22:13:20 +0000", 1_700_000_000.0, 0),
        ("14 Nov 2023 20:13:20 -0200", 1_700_000_000.0, -120),
    ])
    func parsesGitDateFormats(_ text: String, _ seconds: Double, _ offset: Int) throws {
        let (date, zone) = try #require(GitDate.parse(text))
        #expect(date.timeIntervalSince1970 == seconds)
        #expect(zone == offset)
    }

    @Test func badDateAndMissingIdentityAreErrors() throws {
        let bad = try #require(throws: GitError.self) {
            try Signature.resolve(role: .author, environment: ["GIT_AUTHOR_DATE": "next tuesday"], config: config, now: now)
        }
        #expect(bad.message.contains("GIT_AUTHOR_DATE"))
        let missing = try #require(throws: GitError.self) {
            try Signature.resolve(role: .committer, environment: [:], config: ["user.name": "X"], now: now)
        }
        #expect(missing.isNotFound)
        #expect(missing.message.contains("user.email"))
        // EMAIL is git's last resort for the address; role-specific config beats user.*.
        let fallback = try Signature.resolve(role: .committer, environment: ["EMAIL": "e@x"],
                                             config: ["user.name": "U", "committer.name": "C"], now: now)
        #expect(fallback.name == "C" && fallback.email == "e@x")
    }

    @Test func readsAndSetsRepositoryConfig() throws {
        let repo = try TestRepo()
        let opened = try repo.open()
        #expect(try opened.configString("user.name") == nil)
        try opened.setConfigString("user.name", "Grace Hopper")
        try opened.setConfigString("user.email", "grace@example.com")
        try opened.setConfigString("roadmap.base", "main")
        #expect(try repo.git("config", "--get", "user.name") == "Grace Hopper")
        #expect(try opened.configString("roadmap.base") == "main")
        try repo.git("config", "roadmap.prefix", "proposal/")
        #expect(try repo.open().configString("roadmap.prefix") == "proposal/")
        let signature = try opened.defaultSignature()
        #expect(signature.name == "Grace Hopper" && signature.email == "grace@example.com")
        let author = try opened.authorSignature(environment: ["GIT_AUTHOR_NAME": "Env"])
        #expect(author.name == "Env" && author.email == "grace@example.com")
    }

    @Test func globalConfigIsIsolatedInTests() throws {
        // TestRepo sets ROADMAP_GIT_ISOLATE_CONFIG=1 before libgit2 starts, so nothing
        // outside the repository can supply an identity.
        let repo = try TestRepo()
        #expect(ProcessInfo.processInfo.environment["ROADMAP_GIT_ISOLATE_CONFIG"] == "1")
        let opened = try repo.open()
        #expect(try opened.configString("user.name") == nil)
        #expect(throws: GitError.self) { try opened.defaultSignature() }
    }
}
