import Foundation
import RoadmapKit
import Testing

/// The plain command-line reader (`PlainCommandLine`, issue 21 point 4: the hook's line and
/// `history ID`) and `--version` skip ArgumentParser. They must answer exactly as the full parser does: the same output
/// and status for every line they take, and the full parser's errors for every line they
/// do not. Each hook line is compared with the same line plus `--format text` (the default,
/// which the reader leaves to ArgumentParser) in the same repository.
@Suite("CLI: the hook's and history's command lines without ArgumentParser")
struct PlainCommandLineTests {
    static let env = ["ROADMAP_TODAY": "2026-01-01"]

    /// The review's text without its timing, which differs between two runs.
    private func untimed(_ text: String) -> String {
        text.replacingOccurrences(of: #" \(\d+\.\d\d s\)"#, with: "", options: .regularExpression)
    }

    @Test func hookLinesAnswerAsTheFullParserDoes() throws {
        let s = try Scratch()
        let demo = try s.example()
        // A staged change with a new error (the launch now before its release) and one without.
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        try s.git("add", "-A", in: demo)
        let lines: [[String]] = [
            ["review", "--staged", "--hook", "pre-commit"],
            ["review", "--hook=pre-merge-commit", "--staged"],
            ["review", "--staged", "--hook", "pre-commit", "--strict", "--no-color"],
            ["review", "--staged", "--hook", "pre-commit", "--today", "2026-06-01"],
            ["review", "--staged", "--today=2026-06-01", "--hook", "pre-commit", "-C", "."],
            ["-C", ".", "--today", "2026-06-01", "review", "--staged", "--hook", "pre-commit"],
        ]
        for line in lines {
            let fast = try s.roadmap(line, in: demo, environment: Self.env)
            let full = try s.roadmap(line + ["--format", "text"], in: demo, environment: Self.env)
            #expect(fast.status == 1 && full.status == 1, "\(line): a new error blocks (\(fast.status), \(full.status))")
            #expect(untimed(fast.stdout) == untimed(full.stdout), "\(line)\n\(fast.stdout)\n---\n\(full.stdout)")
            #expect(fast.stderr == full.stderr, "\(line)\n\(fast.stderr)\n---\n\(full.stderr)")
            #expect(fast.stdout.contains("[launch-before-release]"), "\(fast.stdout)")
            #expect(fast.stdout.range(of: #" \(\d+\.\d\d s\)\n$"#, options: .regularExpression) != nil, "the time, as %.2f: \(fast.stdout)")
        }
        try s.git("reset", "-q", "--hard", in: demo)
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 (usage-based)", in: demo).status == 0)
        try s.git("add", "-A", in: demo)
        let fast = try s.roadmap("review", "--staged", "--hook", "pre-commit", in: demo, environment: Self.env)
        let full = try s.roadmap("review", "--staged", "--hook", "pre-commit", "--format", "text", in: demo, environment: Self.env)
        #expect(fast.status == 0 && full.status == 0)
        #expect(untimed(fast.stdout) == untimed(full.stdout) && fast.stderr == full.stderr, "\(fast.stdout)\n---\n\(full.stdout)")
    }

    @Test func linesTheReaderDoesNotTakeGetTheFullParsersAnswer() throws {
        let s = try Scratch()
        let demo = try s.example()
        let refused: [(line: [String], says: String)] = [
            (["review", "--staged", "--hook"], "Missing value for '--hook'"),
            (["review", "--staged", "--hook", "pre-commit", "--today", "2026-13-45"], "invalid --today '2026-13-45'"),
            (["review", "--staged", "--hook", "pre-commit", "--today"], "Missing value for '--today"),
            (["review", "--staged", "--hook", "pre-commit", "--rev", "HEAD"], "choose one of --staged, --rev and --base"),
            (["review", "--staged", "--hook", "pre-commit", "--bogus"], "Unknown option '--bogus'"),
            (["review", "--staged", "--hook", "pre-commit", "extra"], "Unexpected argument 'extra'"),
            (["--strict", "review", "--staged", "--hook", "pre-commit"], "Unknown option '--strict'"),
        ]
        for (line, says) in refused {
            let r = try s.roadmap(line, in: demo, environment: Self.env)
            #expect(r.status == 2, "\(line): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(says), "\(line): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(line): \(r.stdout)")
        }
    }

    /// `history` lines against the same line with `--limit 100000` (no history here is that
    /// long), which the plain reader leaves to ArgumentParser.
    @Test func historyLinesAnswerAsTheFullParserDoes() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        try s.git("commit", "-qam", "Billing v2 moves", "--no-verify", in: demo)
        let lines: [[String]] = [
            ["history", "billing-v2"],
            ["history", "billing-v2", "--format", "json"],
            ["history", "--format=text", "billing-v2-launch"],
            ["-C", ".", "history", "roadmap/releases/billing-v2.yaml", "--no-color"],
            ["history", "no-such-item"],
        ]
        for line in lines {
            let plain = try s.roadmap(line, in: demo, environment: Self.env)
            let full = try s.roadmap(line + ["--limit", "100000"], in: demo, environment: Self.env)
            #expect(plain.status == full.status, "\(line): \(plain.status) \(full.status)")
            #expect(plain.stdout == full.stdout, "\(line)\n\(plain.stdout)\n---\n\(full.stdout)")
            #expect(plain.stderr == full.stderr, "\(line)\n\(plain.stderr)\n---\n\(full.stderr)")
        }
        #expect(try s.roadmap("history", "billing-v2", in: demo).stdout.contains("2027-05-20"))
        let refused: [(line: [String], says: String)] = [
            (["history"], "Missing expected argument"),
            (["history", "a", "b"], "Unexpected argument 'b'"),
            (["history", "billing-v2", "--format", "yaml"], "yaml"),
            (["history", "billing-v2", "--format"], "Missing value for '--format"),
            (["history", "--bogus", "billing-v2"], "Unknown option '--bogus'"),
        ]
        for (line, says) in refused {
            let r = try s.roadmap(line, in: demo, environment: Self.env)
            #expect(r.status == 2 && r.stderr.contains(says) && r.stdout.isEmpty, "\(line): \(r.status) \(r.stderr)")
        }
    }

    @Test func versionPrintsWhatTheParserWould() throws {
        let s = try Scratch()
        let r = try s.roadmap("--version")
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == RoadmapKitVersion.string + "\n", "\(r.stdout)")
        // Beside other words it is the parser's again.
        let help = try s.roadmap("--version", "--help")
        #expect(help.status == 0, "\(help.stderr)")
    }
}
