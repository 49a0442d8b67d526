import Testing
@testable import roadmap

/// `PlainCommandLine` itself: which lines it takes (and so keeps out of ArgumentParser's
/// costly parse) and what it reads from them. `PlainCommandLineTests` checks, through the
/// binary, that the lines it takes are answered as ArgumentParser would; this checks that
/// it does take them, so the fast path cannot quietly stop being used.
@Suite("CLI: the plain command-line reader")
struct PlainCommandLineReaderTests {
    @Test func takesTheHooksLines() throws {
        let plain = try #require(PlainCommandLine.review(["review", "--staged", "--hook", "pre-commit"]))
        #expect(plain.hook == "pre-commit" && !plain.strict && plain.format == .text)
        #expect(plain.settings.directory == nil && plain.settings.today == nil && !plain.settings.noColor)
        let full = try #require(PlainCommandLine.review(["-C", "repo", "--today", "2026-06-01", "review", "--hook=pre-merge-commit",
                                                        "--staged", "--strict", "--no-color"]))
        #expect(full.hook == "pre-merge-commit" && full.strict)
        #expect(full.settings.directory == "repo" && full.settings.today == "2026-06-01" && full.settings.noColor)
        if case .staged = full.scope {} else { Issue.record("scope \(full.scope)") }
    }

    @Test func takesHistoryLines() throws {
        let plain = try #require(PlainCommandLine.history(["history", "billing-v2"]))
        #expect(plain.target == "billing-v2" && plain.format == .text && plain.field == nil && plain.limit == nil)
        let json = try #require(PlainCommandLine.history(["-C", ".", "history", "--format=json", "roadmap/releases/x.yaml"]))
        #expect(json.target == "roadmap/releases/x.yaml" && json.format == .json && json.settings.directory == ".")
    }

    @Test("leaves every other line to ArgumentParser", arguments: [
        ["review", "--staged"],  // no hook
        ["review", "--hook", "pre-commit"],  // not staged
        ["review", "--staged", "--hook"],
        ["review", "--staged", "--hook="],
        ["review", "--staged", "--hook", "--strict"],
        ["review", "--staged", "--staged", "--hook", "x"],
        ["review", "--staged", "--hook", "x", "--format", "json"],
        ["review", "--staged", "--hook", "x", "extra"],
        ["review", "--staged", "--hook", "x", "--today", "2026-13-01"],
        ["review", "--staged", "--hook", "x", "-Cdir"],
        ["review", "--staged", "--hook", "x", "-C", "a", "-C", "b"],
        ["--strict", "review", "--staged", "--hook", "x"],
        ["review", "--", "--staged", "--hook", "x"],
        ["list"],
        [],
    ])
    func refusesReview(_ line: [String]) {
        #expect(PlainCommandLine.review(line) == nil, "\(line)")
    }

    @Test("leaves every other history line to ArgumentParser", arguments: [
        ["history"],
        ["history", "a", "b"],
        ["history", "-x"],
        ["history", "a", "--format", "yaml"],
        ["history", "a", "--format", "JSON"],
        ["history", "a", "--format"],
        ["history", "a", "--limit", "2"],
        ["history", "a", "--field", "date"],
        ["history", "a", "--", "b"],
        ["a", "history"],
        ["history", "a", "--help"],
    ])
    func refusesHistory(_ line: [String]) {
        #expect(PlainCommandLine.history(line) == nil, "\(line)")
    }
}
