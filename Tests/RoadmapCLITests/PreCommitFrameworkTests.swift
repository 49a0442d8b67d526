import Foundation
import Testing

/// Our `.pre-commit-hooks.yaml` runs through the pre-commit framework (PyPI), reading the index.
@Suite("CLI: pre-commit framework")
struct PreCommitFrameworkTests {
    @Test func theFrameworkRunsOurHookAndItRefusesAMismatch() throws {
        let s = try Scratch()
        let installed = try CLI.run("python3", ["-c", "import pre_commit"], in: s.path, home: s.path)
        try #require(installed.status == 0, "pre-commit is installed by scripts/install-deps.sh")
        // The hook repository: this project's manifest, committed in a scratch repository.
        try s.git("init", "-q", "-b", "main", "hooks-repo")
        try s.write("hooks-repo/.pre-commit-hooks.yaml", try String(contentsOfFile: CLI.packageRoot + "/.pre-commit-hooks.yaml", encoding: .utf8))
        try s.git("add", ".", in: "hooks-repo")
        try s.git("commit", "-qm", "hooks", in: "hooks-repo")
        let rev = try s.git("rev-parse", "HEAD", in: "hooks-repo").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let demo = try s.example()
        try s.write("demo/.pre-commit-config.yaml", """
            repos:
              - repo: \(s.dir("hooks-repo"))
                rev: \(rev)
                hooks:
                  - id: roadmap-review
            """)
        let env = ["PRE_COMMIT_HOME": s.dir("pre-commit-cache"), "ROADMAP_TODAY": "2026-11-22"]
        try s.git("add", ".pre-commit-config.yaml", in: demo)
        #expect(try s.git("commit", "-qm", "Use pre-commit", "--no-verify", in: demo).status == 0)
        let install = try CLI.run("python3", ["-m", "pre_commit", "install"], in: s.dir(demo), home: s.path, environment: env)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

        try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo)
        let refused = try s.git("commit", "-am", "slip", in: demo, environment: env)
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("launch-before-release"), "\(refused.stdout)\(refused.stderr)")

        try s.roadmap("set", "billing-v2-launch", "launch=2027-05-27", "start=2027-05-21", "end=2027-06-30", in: demo)
        let ok = try s.git("commit", "-am", "slip with the launch moved", in: demo, environment: env)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    }
}
