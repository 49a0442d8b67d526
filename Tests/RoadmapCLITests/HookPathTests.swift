import Foundation
import Testing

/// Installed hooks call the tool by its absolute path, quoted for the shell: a binary in a
/// folder whose name has a space, a single quote and a `$` still runs, with a real
/// `git commit` it refuses and one it accepts.
struct HookPathTests {
    @Test func hooksFromAFolderWithASpaceAQuoteAndADollarRefuseAndAcceptRealCommits() throws {
        let s = try Scratch()
        let repo = try s.example()
        let folder = s.dir("tools dir 'quoted' $HOME $(touch pwned)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copied = folder + "/roadmap"
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: copied)

        var r = try CLI.run(copied, ["hooks", "install"], in: s.dir(repo), home: s.path)
        #expect(r.status == 0, "\(r.stderr)")
        let hook = try s.read(repo + "/.git/hooks/pre-commit")
        #expect(hook.contains("ROADMAP='\(s.path)/tools dir '\\''quoted'\\'' $HOME $(touch pwned)/roadmap'"), "\(hook)")
        r = try CLI.run(copied, ["hooks", "status"], in: s.dir(repo), home: s.path)
        #expect(r.status == 0 && !r.stdout.contains("stale") && !r.stdout.contains("missing"), "\(r.stdout)")

        // Only the copy may run: the hook must not find a `roadmap` on PATH.
        let env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "ROADMAP_TODAY": "2026-01-01"]
        let head = try s.git("rev-parse", "HEAD", in: repo).stdout

        // Refused: the release now ships after its launch campaign.
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: repo).status == 0)
        try s.git("add", "-A", in: repo)
        r = try s.git("commit", "-m", "Billing v2 moves to 20 May", in: repo, environment: env)
        #expect(r.status != 0, "the hook let a new error through")
        #expect(r.stdout.contains("launch-before-release") || r.stderr.contains("launch-before-release"), "\(r.stdout)\(r.stderr)")
        #expect(try s.git("rev-parse", "HEAD", in: repo).stdout == head)

        // Accepted: the launch follows the release.
        #expect(try s.roadmap("set", "billing-v2-launch", "launch=2027-05-27", "start=2027-05-21", "end=2027-06-30", in: repo).status == 0)
        try s.git("add", "-A", in: repo)
        r = try s.git("commit", "-m", "Billing v2 moves to 20 May; its launch follows", in: repo, environment: env)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try s.git("rev-parse", "HEAD~1", in: repo).stdout == head)
        // Nothing in the path was run as shell code.
        #expect(!FileManager.default.fileExists(atPath: s.dir(repo) + "/pwned"))
        #expect(!FileManager.default.fileExists(atPath: s.dir("pwned")))
    }
}
