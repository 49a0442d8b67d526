import Foundation
import Testing

/// Issue 20 point 7: on a roadmap with many existing errors (a team adopting the tool on a
/// messy plan), the hooks and `commit` print what the change did in full — new and resolved
/// findings — and the existing ones as one line saying how many and which command lists
/// them; `review` by hand lists everything, and `--strict` shows what blocks.
@Suite("CLI: hook output on a messy roadmap")
struct HookOutputTests {
    static let env = ["ROADMAP_TODAY": "2026-01-01"]
    static let messy = 300
    /// The example's own existing findings: `unaligned` infos on items that serve no goal (SPEC §13).
    static let exampleInfos = 4

    /// The example with hooks, plus `messy` stories naming epics that do not exist (one
    /// dangling-reference error each), committed past the hook.
    private func messyExample(_ s: Scratch) throws -> String {
        let demo = try s.example(hooks: true)
        for n in 1...Self.messy {
            try s.write("\(demo)/roadmap/stories/messy-\(n).yaml", "kind: story\ntitle: Messy \(n)\nepic: lost-epic-\(n)\n")
        }
        try s.git("add", "-A", in: demo)
        let r = try s.git("commit", "-q", "--no-verify", "-m", "Import the old plan", in: demo)
        guard r.status == 0 else { throw ScratchError(message: r.stderr) }
        return demo
    }

    @Test func hooksAndCommitShowTheChangeInFullAndTheExistingErrorsAsOneLine() throws {
        let s = try Scratch()
        let demo = try messyExample(s)
        let byHand = try s.roadmap("review", in: demo, environment: Self.env)
        #expect(byHand.stdout.contains("messy-1.yaml") && byHand.stdout.contains("messy-\(Self.messy).yaml"), "review by hand lists everything")
        #expect(byHand.stdout.split(separator: "\n").count > Self.messy)

        // A clean commit goes through, saying in one line what it left as it was.
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 (usage-based)", in: demo).status == 0)
        var r = try s.git("commit", "-qam", "Retitle billing v2", in: demo, environment: Self.env)
        var output = r.stdout + r.stderr
        #expect(r.status == 0, "\(output)")
        #expect(output.contains("\(Self.messy + Self.exampleInfos) existing findings not shown (\(Self.messy) errors, 0 warnings, \(Self.exampleInfos) infos)"), "\(output)")
        #expect(output.contains("'roadmap review --staged' lists them"))
        #expect(!output.contains("messy-"), "\(output)")
        #expect(output.split(separator: "\n").count < 6, "\(output)")

        // A breaking commit is refused, and its one new error is not drowned.
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        r = try s.git("commit", "-qam", "Billing v2 moves to 20 May", in: demo, environment: Self.env)
        output = r.stdout + r.stderr
        #expect(r.status != 0)
        #expect(output.contains("billing-v2-launch.yaml") && output.contains("(new) [launch-before-release]"), "\(output)")
        #expect(output.contains("\(Self.messy + Self.exampleInfos) existing findings not shown"), "\(output)")
        #expect(!output.contains("messy-"), "\(output)")
        #expect(output.split(separator: "\n").count < 12, "\(output)")

        // `roadmap commit` alike, on stderr when it refuses.
        r = try s.roadmap("commit", "--all", "-m", "Billing v2 moves", in: demo, environment: Self.env)
        #expect(r.status == 1 && r.stderr.contains("(new) [launch-before-release]") && !r.stderr.contains("messy-"), "\(r.stderr)")
        #expect(r.stderr.contains("\(Self.messy + Self.exampleInfos) existing findings not shown") && r.stderr.contains("'roadmap review' lists them"), "\(r.stderr)")

        // A change that resolves an old error shows it in full.
        try s.git("checkout", "-q", "--", ".", in: demo)
        try s.git("rm", "-q", "roadmap/stories/messy-7.yaml", in: demo)
        r = try s.git("commit", "-qm", "Drop a lost story", in: demo, environment: Self.env)
        output = r.stdout + r.stderr
        #expect(r.status == 0, "\(output)")
        #expect(output.contains("resolved: roadmap/stories/messy-7.yaml"), "\(output)")
        #expect(output.contains("\(Self.messy - 1 + Self.exampleInfos) existing findings not shown"), "\(output)")
        #expect(!output.contains("messy-8"), "\(output)")
    }

    @Test func strictShowsTheExistingErrorsThatBlock() throws {
        let s = try Scratch()
        let demo = try messyExample(s)
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 (usage-based)", in: demo).status == 0)
        try s.git("add", "-A", in: demo)
        let r = try s.roadmap("review", "--staged", "--hook", "pre-commit", "--strict", in: demo, environment: Self.env)
        #expect(r.status == 1)
        #expect(r.stdout.contains("messy-1.yaml") && r.stdout.contains("messy-\(Self.messy).yaml"), "strict lists what blocks")
        #expect(!r.stdout.contains("existing findings not shown (\(Self.messy) errors"), "\(r.stdout)")
        let commit = try s.roadmap("commit", "-m", "Retitle", "--strict", in: demo, environment: Self.env)
        #expect(commit.status == 1 && commit.stderr.contains("messy-\(Self.messy).yaml") && commit.stderr.contains("(--strict)"))
    }
}
