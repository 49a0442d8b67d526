import Foundation
import Testing

/// `roadmap ci init github|gitlab` writes workflows that the services' own schemas and
/// actionlint accept (tools installed by scripts/install-deps.sh; --builtin-schema is offline).
@Suite struct CIInitTests {
    /// Runs a linter. A linter that is not installed fails the test (env exits 127), it is
    /// never skipped: a skipped lint would let an invalid workflow through CI unnoticed.
    static func lint(_ tool: String, _ arguments: [String], in s: Scratch) throws -> ProcessResult {
        let result = try CLI.run(tool, arguments, in: s.path, home: s.path)
        #expect(result.status != 127, "\(tool) is not on PATH: scripts/install-deps.sh (make deps) installs it")
        return result
    }

    @Test func theGitHubWorkflowIsValidAndIsNeverOverwrittenWithoutForce() throws {
        let s = try Scratch()
        let demo = try s.example()
        var r = try s.roadmap("ci", "init", "github", in: demo)
        #expect(r.status == 0 && r.stdout.contains("wrote .github/workflows/roadmap.yml"), "\(r.stderr)")
        let path = s.dir(demo) + "/.github/workflows/roadmap.yml"
        let workflow = try String(contentsOfFile: path, encoding: .utf8)
        #expect(workflow.contains("fetch-depth: 0") && workflow.contains("upload-sarif") && workflow.contains("<!-- roadmap-review -->"))
        #expect(workflow.contains("--format markdown") && workflow.contains("--format sarif"))

        r = try Self.lint("check-jsonschema", ["--builtin-schema", "vendor.github-workflows", path], in: s)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        r = try Self.lint("actionlint", [path], in: s)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")

        try s.write(demo + "/.github/workflows/roadmap.yml", "# the team's own\n")
        r = try s.roadmap("ci", "init", "github", in: demo)
        #expect(r.status == 2 && r.stderr.contains("roadmap: error: .github/workflows/roadmap.yml exists; nothing was written. Use --force"), "\(r.stderr)")
        #expect(try s.read(demo + "/.github/workflows/roadmap.yml") == "# the team's own\n")
        r = try s.roadmap("ci", "init", "github", "--force", in: demo)
        #expect(try r.status == 0 && s.read(demo + "/.github/workflows/roadmap.yml") == workflow)
    }

    @Test func theGitLabJobIsValidAndAnExistingPipelineIsOnlyToldWhatToInclude() throws {
        let s = try Scratch()
        let demo = try s.example()
        var r = try s.roadmap("ci", "init", "gitlab", in: demo)
        #expect(r.status == 0, "\(r.stderr)")
        let job = s.dir(demo) + "/.gitlab/roadmap.gitlab-ci.yml"
        let pipeline = s.dir(demo) + "/.gitlab-ci.yml"
        let text = try String(contentsOfFile: job, encoding: .utf8)
        #expect(text.contains("GIT_DEPTH: \"0\"") && text.contains("codequality: gl-code-quality-report.json") && text.contains("<!-- roadmap-review -->"))
        #expect(try String(contentsOfFile: pipeline, encoding: .utf8).contains("local: .gitlab/roadmap.gitlab-ci.yml"))
        for file in [job, pipeline] {
            r = try Self.lint("check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", file], in: s)
            #expect(r.status == 0, "\(file): \(r.stdout)\(r.stderr)")
        }

        // A second repository with its own pipeline: the pipeline is left alone.
        let other = try Scratch()
        let repo = try other.example()
        try other.write(repo + "/.gitlab-ci.yml", "test:\n  script: [make test]\n")
        r = try other.roadmap("ci", "init", "gitlab", in: repo)
        #expect(r.status == 0 && r.stdout.contains("next: add to .gitlab-ci.yml:"), "\(r.stdout)")
        #expect(try other.read(repo + "/.gitlab-ci.yml") == "test:\n  script: [make test]\n")
    }
}
